"""Reading a plan from a spreadsheet in the layout of the plan export (reports' plan_rows):
one row per action and per sub-item, with its workstream ("A. …"), reference ("A.ii" or
"A.ii.b"), text, the workstream's lead organisations, its owner and its target date.

The export's progress columns (status, review, narrative, …) report updates, which an
import never writes, so they are read past. As the export writes them, an Owner equal to
the workstream's leads means the action has no owner of its own, and a sub-item's Owner
or Target date equal to its action's is its action's. Labels name each item; the plan's
order follows them, and a gap (i, iii) closes up when the plan is saved.

A file is checked whole: if any row is wrong, nothing is imported and every problem is
reported with its row (as a spreadsheet program numbers it) and column.
"""

import datetime
import hashlib
import re
from dataclasses import dataclass, field

from django.utils.formats import date_format
from openpyxl.utils import get_column_letter

from hcag.tables import ImportRejected, Problem, Row, column_key, read_table, unreadable
from partners.models import Organisation
from reports.selectors import SPREADSHEET_COLUMNS
from workstreams.labels import roman
from workstreams.models import LOWERCASE_LETTER, Action, Workstream
from workstreams.outline import match_names, names_in, normalised

MAX_ROWS = 5_000
REQUIRED = ["Workstream", "Reference", "Action"]
READ = [*REQUIRED, "Lead organisations", "Owner", "Target date"]
TEXT_LIMIT = Action._meta.get_field("text").max_length
TITLE_LIMIT = Workstream._meta.get_field("title").max_length
WORKSTREAM = re.compile(r"^([A-Z])\.\s+(\S.*)$", re.S)
REFERENCE = re.compile(r"^([A-Z])\.([a-z]+)(?:\.([a-z]+))?$")
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d %B %Y", "%d %b %Y"]

NO_ROWS = "The file has no actions in it"
MISSING_COLUMNS = (
    "The first row must name the plan export's columns; {missing} "
    "{verb} missing (the columns are {columns})"
)
UNKNOWN_COLUMN = "“{text}” is not a column of the plan export, whose columns are {columns}"
REPEATED_COLUMN = "“{text}” names the same column as column {first}"
ENTER = "Enter the {what}"
NOT_A_WORKSTREAM = "“{text}” is not a workstream: write its letter, a full stop and its title"
WORKSTREAM_DIFFERS = "Workstream {letter} is “{first}” in row {row}: write it the same way"
LEADS_DIFFER = "Workstream {letter}'s leads are “{first}” in row {row}: write them the same way"
NOT_A_REFERENCE = (
    "“{text}” is not a reference: write the workstream's letter, the action's roman "
    "numeral and, for a sub-item, its letter, like A.ii or A.ii.b"
)
OTHER_WORKSTREAM = "{reference} is not in workstream {letter}, which this row names"
DUPLICATE = "{reference} is also in row {row}: each action and sub-item appears once"
MISSING_ACTION = "Sub-item {reference} is under action {action}, which is not in the file"
TOO_LONG = "Must be {limit:,} characters or fewer: this has {length:,}"
UNKNOWN_ORGANISATION = "“{name}” is not in the organisations register"
CLOSE_TO = "{message}: did you mean {names}?"
MORE_THAN_ONE_OWNER = "“{text}” names more than one organisation: name the one that owns it"
BAD_DATE = "“{text}” is not a date: write it like 2026-03-31 or 31/03/2026"


@dataclass
class SheetItem:
    """An action, or a sub-item of one, as the file gives it."""

    row: int
    label: str
    text: str
    owner: Organisation | None
    target_date: datetime.date | None
    sub_items: list["SheetItem"] = field(default_factory=list)

    def describe(self) -> str:
        """Its text, owner and target date, as the preview shows them."""
        parts = [self.text]
        if self.owner:
            parts.append(f"owner {self.owner.name}")
        if self.target_date:
            parts.append(f"target {date_format(self.target_date)}")
        return "; ".join(parts)


@dataclass
class SheetWorkstream:
    row: int
    letter: str
    title: str
    leads: list[Organisation]
    actions: list[SheetItem] = field(default_factory=list)


@dataclass
class PlanSheet:
    workstreams: list[SheetWorkstream]

    @property
    def action_count(self) -> int:
        return sum(len(w.actions) for w in self.workstreams)

    @property
    def sub_item_count(self) -> int:
        return sum(len(a.sub_items) for w in self.workstreams for a in w.actions)


def read_plan_sheet(name: str, data: bytes) -> PlanSheet:
    """The plan a file holds, or ImportRejected listing every problem in it."""
    return parse_plan_rows(read_table(name, data, max_rows=MAX_ROWS))


def parse_plan_rows(rows: list[Row]) -> PlanSheet:
    if not rows:
        raise ImportRejected([NO_ROWS])
    reader = _Reader(rows[0])
    for row in rows[1:]:
        reader.read(row)
    return reader.finish()


# Each action label's place in a list: "iv" is 4.
NUMERAL_VALUES = {roman(number): number for number in range(1, 4000)}


class _Reader:
    def __init__(self, header: Row):
        self.problems: list[Problem | str] = []
        self.organisations = list(Organisation.objects.offered())
        self.workstreams: dict[str, SheetWorkstream] = {}
        self.leads_written: dict[str, str] = {}
        self.actions: dict[tuple[str, str], SheetItem] = {}
        self.seen: dict[str, int] = {}
        self.sub_items: list[tuple[str, str, SheetItem, str, int]] = []
        self._read_header(header)

    def _read_header(self, header: Row) -> None:
        known = {column_key(name): name for name in SPREADSHEET_COLUMNS}
        self.positions: dict[str, int] = {}
        columns = ", ".join(SPREADSHEET_COLUMNS)
        for position, text in enumerate(header.cells):
            if not text:
                continue
            letter = f"Column {get_column_letter(position + 1)}"
            name = known.get(column_key(text))
            if name is None:
                message = UNKNOWN_COLUMN.format(text=text, columns=columns)
                self.problems.append(Problem(header.number, letter, message))
            elif name in self.positions:
                first = get_column_letter(self.positions[name] + 1)
                message = REPEATED_COLUMN.format(text=text, first=first)
                self.problems.append(Problem(header.number, letter, message))
            else:
                self.positions[name] = position
        missing = [name for name in REQUIRED if name not in self.positions]
        if missing:
            verb = "is" if len(missing) == 1 else "are"
            raise ImportRejected(
                [MISSING_COLUMNS.format(missing=" and ".join(missing), verb=verb, columns=columns)]
            )

    def read(self, row: Row) -> None:
        number = row.number
        cells = {
            name: row.cells[position] if position < len(row.cells) else ""
            for name, position in self.positions.items()
            if name in READ
        }
        before = len(self.problems)
        for column, cell in cells.items():
            if message := unreadable(cell):
                self.problems.append(Problem(number, column, message))
        if len(self.problems) > before:
            return
        workstream = self._workstream(number, cells)
        reference = self._reference(number, cells, workstream)
        text = self._text(number, cells)
        owner = self._owner(number, cells.get("Owner", ""), workstream)
        target_date = self._date(number, cells.get("Target date", ""))
        if len(self.problems) > before:
            return
        letter, action_label, sub_label = reference
        item = SheetItem(number, sub_label or action_label, text, owner, target_date)
        if sub_label is None:
            self.actions[(letter, action_label)] = item
            workstream.actions.append(item)
        else:
            self.sub_items.append((letter, action_label, item, cells["Reference"], number))

    def _problem(self, number, column, message) -> None:
        self.problems.append(Problem(number, column, message))

    def _workstream(self, number, cells) -> SheetWorkstream | None:
        text = " ".join(cells["Workstream"].split())
        match = WORKSTREAM.match(text)
        if not text or not match:
            message = (
                NOT_A_WORKSTREAM.format(text=text) if text else ENTER.format(what="workstream")
            )
            self._problem(number, "Workstream", message)
            return None
        letter, title = match.groups()
        if len(title) > TITLE_LIMIT:
            self._problem(
                number, "Workstream", TOO_LONG.format(limit=TITLE_LIMIT, length=len(title))
            )
            return None
        leads_text = cells.get("Lead organisations", "")
        known = self.workstreams.get(letter)
        if known is None:
            leads = self._organisations(number, "Lead organisations", leads_text)
            if leads is None:
                return None
            known = self.workstreams[letter] = SheetWorkstream(number, letter, title, leads)
            self.leads_written[letter] = leads_text
            return known
        if title != known.title:
            message = WORKSTREAM_DIFFERS.format(letter=letter, first=known.title, row=known.row)
            self._problem(number, "Workstream", message)
        if normalised(leads_text) != normalised(self.leads_written[letter]):
            message = LEADS_DIFFER.format(
                letter=letter, first=self.leads_written[letter], row=known.row
            )
            self._problem(number, "Lead organisations", message)
        return known

    def _reference(self, number, cells, workstream) -> tuple[str, str, str | None]:
        text = cells["Reference"].strip()
        match = REFERENCE.match(text)
        if (
            not match
            or match[2] not in NUMERAL_VALUES
            or (match[3] and not LOWERCASE_LETTER.match(match[3]))
        ):
            message = NOT_A_REFERENCE.format(text=text) if text else ENTER.format(what="reference")
            self._problem(number, "Reference", message)
            return ("", "", None)
        if workstream and match[1] != workstream.letter:
            message = OTHER_WORKSTREAM.format(reference=text, letter=workstream.letter)
            self._problem(number, "Reference", message)
        if text in self.seen:
            self._problem(
                number, "Reference", DUPLICATE.format(reference=text, row=self.seen[text])
            )
        else:
            self.seen[text] = number
        return match[1], match[2], match[3]

    def _text(self, number, cells) -> str:
        text = cells["Action"].strip()
        if not text:
            self._problem(number, "Action", ENTER.format(what="action's text"))
        elif len(text) > TEXT_LIMIT:
            self._problem(number, "Action", TOO_LONG.format(limit=TEXT_LIMIT, length=len(text)))
        return text

    def _organisations(self, number, column, text) -> list[Organisation] | None:
        """The organisations a cell names, or None when any is not in the register: one
        problem for the cell, naming each."""
        found, unknown = [], []
        for match in match_names(names_in(text, self.organisations), self.organisations):
            if match.found is None:
                message = UNKNOWN_ORGANISATION.format(name=match.written)
                if match.close:
                    names = " or ".join(f"“{o.name}”" for o in match.close)
                    message = CLOSE_TO.format(message=message, names=names)
                unknown.append(message)
            elif match.found not in found:
                found.append(match.found)
        if unknown:
            self._problem(number, column, "; ".join(unknown))
            return None
        return found

    def _owner(self, number, text, workstream) -> Organisation | None:
        """The owner written, or None for an action the workstream's leads own (the export
        writes the leads there); a sub-item's is settled against its action's at the end."""
        leads = self.leads_written[workstream.letter] if workstream else None
        if not text or (leads is not None and normalised(text) == normalised(leads)):
            return None
        owners = self._organisations(number, "Owner", text)
        if owners is None:
            return None
        if len(owners) != 1:
            self._problem(number, "Owner", MORE_THAN_ONE_OWNER.format(text=text))
            return None
        return owners[0]

    def _date(self, number, text) -> datetime.date | None:
        if not text:
            return None
        text = text.removesuffix(" 00:00:00")
        for pattern in DATE_FORMATS:
            try:
                return datetime.datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        self._problem(number, "Target date", BAD_DATE.format(text=text))
        return None

    def finish(self) -> PlanSheet:
        for letter, action_label, item, reference, number in self.sub_items:
            action = self.actions.get((letter, action_label))
            if action is None and f"{letter}.{action_label}" in self.seen:
                continue  # its action's row has a problem of its own
            if action is None:
                message = MISSING_ACTION.format(
                    reference=reference, action=f"{letter}.{action_label}"
                )
                self._problem(number, "Reference", message)
                continue
            if item.owner == action.owner:
                item.owner = None
            if item.target_date == action.target_date:
                item.target_date = None
            action.sub_items.append(item)
        if not self.workstreams and not self.problems:
            self.problems.append(NO_ROWS)
        if self.problems:
            raise ImportRejected(self.problems)
        workstreams = sorted(self.workstreams.values(), key=lambda w: w.letter)
        for workstream in workstreams:
            workstream.actions.sort(key=lambda a: NUMERAL_VALUES[a.label])
            for action in workstream.actions:
                action.sub_items.sort(key=lambda s: (len(s.label), s.label))
        return PlanSheet(workstreams)


# What a file changes in a plan ----------------------------------------------------------

ADDED, CHANGED, RETIRED = "added", "changed", "retired"


@dataclass
class Change:
    """One item a file adds to the plan, changes or retires. `item` is the plan's own
    (None for one added), `read` the file's (None for one retired), and `parent` the
    workstream or action an added item goes under (the file's, when that is added too)."""

    kind: str
    reference: str
    before: str
    after: str
    item: object | None = None
    read: object | None = None
    parent: object | None = None
    # For a changed action or sub-item, its owner and target date to save: its own where
    # the file's say the same as the export would write.
    values: dict = field(default_factory=dict)


@dataclass
class PlanChanges:
    changes: list[Change]

    def of_kind(self, kind: str) -> list[Change]:
        return [change for change in self.changes if change.kind == kind]

    @property
    def added(self) -> list[Change]:
        return self.of_kind(ADDED)

    @property
    def changed(self) -> list[Change]:
        return self.of_kind(CHANGED)

    @property
    def retired(self) -> list[Change]:
        return self.of_kind(RETIRED)

    @property
    def grouped(self) -> list[tuple[str, list[Change]]]:
        return [("Added", self.added), ("Changed", self.changed), ("Retired", self.retired)]

    def fingerprint(self) -> str:
        """What the changes are, so that a confirmation made on an older preview is told."""
        described = [(c.kind, c.reference, c.before, c.after) for c in self.changes]
        return hashlib.sha256(repr(described).encode()).hexdigest()[:32]


def effective_owner(owner, parent_owner, leads: list) -> Organisation | None:
    """The owner as the export writes it: a sub-item's is its action's when it has none,
    and one that is the workstream's only lead is written as the leads."""
    owner = owner or parent_owner
    return None if owner is None or [owner] == list(leads) else owner


def _describe_workstream(title: str, leads: list) -> str:
    names = ", ".join(o.name for o in leads)
    return f"{title} (leads: {names})" if names else title


def _describe(text, owner, target_date) -> str:
    return SheetItem(0, "", text, owner, target_date).describe()


def plan_changes(plan, sheet: PlanSheet) -> PlanChanges:
    """What importing `sheet` into `plan` (None for a new plan) adds, changes and
    retires, in the file's order (retirements last). Items are matched by their labels
    among those still in the plan."""
    workstreams, actions = {}, {}
    if plan is not None:
        workstreams = {
            w.letter: w for w in plan.workstreams.live().prefetch_related("lead_organisations")
        }
        actions = {
            (action.workstream_id, action.parent_id, action.label): action
            for action in Action.objects.live()
            .filter(workstream__plan=plan)
            .select_related("owner_organisation", "parent__owner_organisation")
            .order_by("workstream__letter", "parent__position", "parent_id", "position")
        }
    letters = {w.pk: w.letter for w in workstreams.values()}
    changes, kept = [], set()  # kept: the workstreams the file holds
    for read in sheet.workstreams:
        workstream = workstreams.get(read.letter)
        after = _describe_workstream(read.title, read.leads)
        leads = []
        if workstream is None:
            changes.append(Change(ADDED, read.letter, "", after, read=read))
        else:
            kept.add(workstream.pk)
            leads = list(workstream.lead_organisations.all())
            if workstream.title != read.title or set(leads) != set(read.leads):
                before = _describe_workstream(workstream.title, leads)
                changes.append(Change(CHANGED, read.letter, before, after, workstream, read))
        for read_action in read.actions:
            action = _matched(actions, workstream, None, read_action.label)
            reference = f"{read.letter}.{read_action.label}"
            changes.extend(
                _item_change(action, read_action, workstream or read, reference, leads, read.leads)
            )
            for read_sub in read_action.sub_items:
                sub_item = _matched(actions, workstream, action, read_sub.label) if action else None
                changes.extend(
                    _item_change(
                        sub_item,
                        read_sub,
                        action or read_action,
                        f"{reference}.{read_sub.label}",
                        leads,
                        read.leads,
                        parents=(action, read_action),
                    )
                )
    for workstream in workstreams.values():
        if workstream.pk not in kept:
            before = _describe_workstream(workstream.title, workstream.lead_organisations.all())
            changes.append(Change(RETIRED, workstream.letter, before, "", workstream))
    matched = _held_in_file(actions, sheet, workstreams)
    for action in actions.values():
        if action.pk in matched or action.workstream_id not in kept:
            continue  # matched, or retired with its workstream
        if action.parent_id is not None and action.parent_id not in matched:
            continue  # retired with its action
        parts = [
            letters[action.workstream_id],
            *([action.parent.label] if action.parent_id else []),
        ]
        before = _describe(action.text, action.owner_organisation, action.target_date)
        changes.append(Change(RETIRED, ".".join([*parts, action.label]), before, "", action))
    return PlanChanges(changes)


def _matched(actions, workstream, parent, label) -> Action | None:
    if workstream is None:
        return None
    return actions.get((workstream.pk, parent.pk if parent else None, label))


def _held_in_file(actions, sheet, workstreams) -> set[int]:
    """The plan's actions and sub-items the file holds, changed or not."""
    found = set()
    for read in sheet.workstreams:
        workstream = workstreams.get(read.letter)
        for read_action in read.actions:
            action = _matched(actions, workstream, None, read_action.label)
            if action is None:
                continue
            found.add(action.pk)
            for read_sub in read_action.sub_items:
                if sub_item := _matched(actions, workstream, action, read_sub.label):
                    found.add(sub_item.pk)
    return found


def _item_change(item, read, goes_under, reference, leads, read_leads, parents=(None, None)):
    """The change to an action or sub-item, if any; `goes_under` is the workstream or
    action an added one goes under: the plan's, or the file's when it is added too.
    Owners and target dates are compared as the export writes them (effective_owner; a
    sub-item's date is its action's when it has none), so that a plan's own export
    changes nothing."""
    parent, read_parent = parents
    read_owner = effective_owner(read.owner, read_parent.owner if read_parent else None, read_leads)
    read_date = read.target_date or (read_parent.target_date if read_parent else None)
    after = _describe(read.text, read_owner, read_date)
    if item is None:
        return [Change(ADDED, reference, "", after, read=read, parent=goes_under)]
    owner = effective_owner(
        item.owner_organisation, parent.owner_organisation if parent else None, leads
    )
    date = item.target_date or (parent.target_date if parent else None)
    if (item.text, owner, date) == (read.text, read_owner, read_date):
        return []
    before = _describe(item.text, owner, date)
    values = {
        "owner_organisation": item.owner_organisation if owner == read_owner else read.owner,
        "target_date": item.target_date if date == read_date else read.target_date,
    }
    return [Change(CHANGED, reference, before, after, item, read, values=values)]

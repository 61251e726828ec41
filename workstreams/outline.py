"""Reading an action plan as a committee report writes it, in outline form:

    A. Develop a communications strategy … The strategy will:
    i Be developed by an external party
    ii Aim at a variety of audiences:
    a Victims
    Lead organisation: Office of Police, Crime and Victims Commissioner

Workstreams are capital letters (A., B., …) in order, actions roman numerals (i, ii, …)
in order, sub-items letters (a, b, …) in order, and a workstream's leads follow its
actions. Bullets and indentation, as a report pasted from Word keeps them, are ignored.
Nothing is guessed: a line that does not fit where it stands is a problem naming its
line, and a workstream without a lead line is reported so that its lead is chosen.
"""

import difflib
import re
import string
import unicodedata
from dataclasses import dataclass, field

from hcag.text import in_prose
from workstreams.labels import letter, roman
from workstreams.models import ROMAN_NUMERAL

BULLET = re.compile(r"^(?:[-•*–·▪◦]\s*)+")
WORKSTREAM_LINE = re.compile(r"^([A-Z])[.)]\s+(\S.*)$")
LEAD_LINE = re.compile(r"^lead(s|\s+organisations?)?\s*:\s*(.*)$", re.IGNORECASE)
ITEM_LINE = re.compile(r"^\(?([a-z]{1,15})[.)]?\s+(\S.*)$")
# A heading that ends with words introducing its actions: "… hate crime. The strategy will:".
LEAD_IN = re.compile(r"^(.*[.!?])\s+([^.!?]+:)$")
# The words that join several leads on one line.
LEAD_SEPARATORS = re.compile(r"\s*(?:,|;|\band\b|&)\s*")
CLOSE_ENOUGH = 0.6  # difflib's ratio from which a name is offered as what was meant
CLOSE_NAMES_OFFERED = 3

BEFORE_ANY_WORKSTREAM = "This line comes before the first workstream (“A. …”): remove it"
WORKSTREAM_OUT_OF_ORDER = "Workstream {found} follows {previous}: the next one is {expected}"
ACTION_OUT_OF_ORDER = "Action {found} follows {previous}: the next one is {expected}"
FIRST_ACTION_NOT_I = "Action {found} is the workstream's first: the first is i"
SUB_ITEM_BEFORE_ACTION = "Sub-item {found} comes before any action of workstream {workstream}"
SUB_ITEM_OUT_OF_ORDER = "Sub-item {found} follows {previous}: the next one is {expected}"
FIRST_SUB_ITEM_NOT_A = "Sub-item {found} is the action's first: the first is a"
AMBIGUOUS_LABEL = (
    "“{found}” could be action {found} or sub-item {found} of action {action}: write the "
    "sub-item's label in brackets, “({found})”, or number the lines so that only one fits"
)
NOT_IN_OUTLINE = (
    "This line is not a workstream (“A. …”), an action (“i …”), a sub-item (“a …”) or a "
    "lead line (“Lead organisation: …”): join it to the line it belongs to"
)
LEAD_BEFORE_WORKSTREAM = "This lead line comes before any workstream"
SECOND_LEAD_LINE = "Workstream {workstream} already has a lead line, on line {first}"
NO_LEADS_NAMED = "The lead line names no organisation"
NO_LEAD_LINE = (
    "Workstream {workstream} has no lead line (“Lead organisation: …”): add one, or choose "
    "its lead below"
)
NO_WORKSTREAMS = "The text has no workstreams: each starts with its letter, like “A. …”"


@dataclass(frozen=True)
class LineProblem:
    line: int
    text: str
    message: str

    def __str__(self) -> str:
        return f"Line {self.line}: {self.message}"


@dataclass
class OutlineItem:
    """An action (label a roman numeral) or a sub-item (a letter)."""

    line: int
    label: str
    text: str
    sub_items: list["OutlineItem"] = field(default_factory=list)
    problem: str = ""  # why the line is highlighted, when it is placed but wrong


@dataclass
class OutlineWorkstream:
    line: int
    letter: str
    title: str
    lead_in: str
    actions: list[OutlineItem] = field(default_factory=list)
    leads_line: int | None = None
    leads_as_written: str = ""
    lead_names: list[str] = field(default_factory=list)  # as the lead line splits them
    problem: str = ""


@dataclass
class Outline:
    workstreams: list[OutlineWorkstream]
    problems: list[LineProblem]  # lines to correct before the plan can be saved

    @property
    def without_leads(self) -> list[OutlineWorkstream]:
        return [workstream for workstream in self.workstreams if workstream.leads_line is None]

    def lead_problems(self) -> list[LineProblem]:
        """A problem for each workstream without a lead line, at its heading's line."""
        return [
            LineProblem(workstream.line, "", NO_LEAD_LINE.format(workstream=workstream.letter))
            for workstream in self.without_leads
        ]


def parse_outline(text: str) -> Outline:
    """The workstreams, actions, sub-items and lead lines of the text, and every line that
    does not fit where it stands."""
    parser = _Parser()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = BULLET.sub("", raw.strip()).strip()
        if line:
            parser.read(number, line)
    if not parser.workstreams and not parser.problems:
        parser.problems.append(LineProblem(1, "", NO_WORKSTREAMS))
    return Outline(parser.workstreams, parser.problems)


class _Parser:
    def __init__(self):
        self.workstreams: list[OutlineWorkstream] = []
        self.problems: list[LineProblem] = []

    def read(self, number: int, line: str) -> None:
        if match := WORKSTREAM_LINE.match(line):
            self._workstream(number, line, *match.groups())
        elif match := LEAD_LINE.match(line):
            self._leads(
                number, line, plural=(match.group(1) or "").endswith("s"), names=match.group(2)
            )
        elif (match := ITEM_LINE.match(line)) and _is_label(match.group(1)):
            self._item(number, line, *match.groups())
        elif not self.workstreams:
            self._problem(number, line, BEFORE_ANY_WORKSTREAM)
        else:
            self._problem(number, line, NOT_IN_OUTLINE)

    def _problem(self, number: int, line: str, message: str) -> str:
        self.problems.append(LineProblem(number, line, message))
        return message

    def _workstream(self, number, line, found, heading) -> None:
        expected = _next_capital(self.workstreams[-1].letter) if self.workstreams else "A"
        title, lead_in = heading, ""
        if match := LEAD_IN.match(heading):
            title, lead_in = match.groups()
        workstream = OutlineWorkstream(number, found, title, lead_in)
        if found != expected:
            previous = self.workstreams[-1].letter if self.workstreams else "none"
            message = WORKSTREAM_OUT_OF_ORDER.format(
                found=found, previous=previous, expected=expected
            )
            workstream.problem = self._problem(number, line, message)
        self.workstreams.append(workstream)

    def _leads(self, number, line, *, plural: bool, names: str) -> None:
        if not self.workstreams:
            self._problem(number, line, LEAD_BEFORE_WORKSTREAM)
            return
        workstream = self.workstreams[-1]
        if workstream.leads_line is not None:
            message = SECOND_LEAD_LINE.format(
                workstream=workstream.letter, first=workstream.leads_line
            )
            self._problem(number, line, message)
            return
        names = names.strip()
        if not names:
            self._problem(number, line, NO_LEADS_NAMED)
            return
        workstream.leads_line = number
        workstream.leads_as_written = names
        workstream.lead_names = split_names(names) if plural else [names]

    def _item(self, number, line, label, text) -> None:
        if not self.workstreams:
            self._problem(number, line, BEFORE_ANY_WORKSTREAM)
            return
        workstream = self.workstreams[-1]
        action = workstream.actions[-1] if workstream.actions else None
        next_numeral = _next_numeral(action.label if action else None)
        next_letter = _next_letter(
            action.sub_items[-1].label if action and action.sub_items else None
        )
        bracketed = line.startswith("(") and len(label) == 1
        is_sub_item = action is not None and label == next_letter
        if is_sub_item and label == next_numeral and not bracketed:
            message = AMBIGUOUS_LABEL.format(found=label, action=action.label)
            self._problem(number, line, message)
        elif is_sub_item:
            action.sub_items.append(OutlineItem(number, label, text))
        elif label == next_numeral:
            workstream.actions.append(OutlineItem(number, label, text))
        elif len(label) > 1 or label == "i":
            self._misplaced_action(number, line, label, text, workstream, action)
        else:
            self._misplaced_sub_item(number, line, label, text, workstream, action)

    def _misplaced_action(self, number, line, label, text, workstream, action) -> None:
        if action is None:
            message = FIRST_ACTION_NOT_I.format(found=label)
        else:
            message = ACTION_OUT_OF_ORDER.format(
                found=label, previous=action.label, expected=_next_numeral(action.label)
            )
        item = OutlineItem(number, label, text, problem=self._problem(number, line, message))
        workstream.actions.append(item)

    def _misplaced_sub_item(self, number, line, label, text, workstream, action) -> None:
        if action is None:
            message = SUB_ITEM_BEFORE_ACTION.format(found=label, workstream=workstream.letter)
            self._problem(number, line, message)
            return
        if action.sub_items:
            previous = action.sub_items[-1].label
            message = SUB_ITEM_OUT_OF_ORDER.format(
                found=label, previous=previous, expected=_next_letter(previous)
            )
        else:
            message = FIRST_SUB_ITEM_NOT_A.format(found=label)
        item = OutlineItem(number, label, text, problem=self._problem(number, line, message))
        action.sub_items.append(item)


def _is_label(label: str) -> bool:
    return len(label) == 1 or bool(ROMAN_NUMERAL.match(label))


def _next_capital(previous: str) -> str:
    index = string.ascii_uppercase.index(previous) + 1
    return string.ascii_uppercase[index] if index < len(string.ascii_uppercase) else ""


def _next_numeral(previous: str | None) -> str:
    return roman(_numeral_value(previous) + 1) if previous else "i"


def _next_letter(previous: str | None) -> str:
    return letter(string.ascii_lowercase.index(previous) + 1) if previous else "a"


def _numeral_value(numeral: str) -> int:
    return next(number for number in range(1, 4000) if roman(number) == numeral)


# Names of organisations ---------------------------------------------------------------


def split_names(text: str) -> list[str]:
    """The names a lead line lists: “A, B and C”."""
    return [name for name in LEAD_SEPARATORS.split(text) if name]


def normalised(name: str) -> str:
    """A name as it is compared: case, accents and punctuation ignored."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    words = "".join(c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))
    return " ".join(words.split())


@dataclass
class NameMatch:
    """What a name written in the plan stands for in the organisations register: one
    organisation (`found`), or none and those whose names are close (`close`)."""

    written: str
    found: object | None
    close: list


def match_names(names: list[str], organisations) -> list[NameMatch]:
    """Each name matched to the register ignoring case and punctuation, by its name or
    its short name; an unmatched name with the organisations whose names are close."""
    by_name = {}
    for organisation in organisations:
        for name in (organisation.name, organisation.short_name):
            if name:
                by_name.setdefault(normalised(name), organisation)
    full_names = {normalised(o.name): o for o in organisations}
    matches = []
    for name in names:
        key = normalised(name)
        found = by_name.get(key)
        close = (
            []
            if found
            else difflib.get_close_matches(key, full_names, CLOSE_NAMES_OFFERED, CLOSE_ENOUGH)
        )
        matches.append(NameMatch(name, found, [full_names[c] for c in close]))
    return matches


def lead_names(workstream: OutlineWorkstream, organisations) -> list[str]:
    """The lead line's names: where the separators split a registered name that holds
    “and” or a comma (“Office of … Police, Crime and Victims' Commissioner”), the names
    are read as the register spells them out."""
    if len(workstream.lead_names) <= 1:
        return workstream.lead_names
    return names_in(workstream.leads_as_written, organisations)


def names_in(text: str, organisations) -> list[str]:
    """The names a list of them (“A, B and C”) holds, read as the register spells them
    where a registered name holds “and” or a comma."""
    known = {normalised(o.name) for o in organisations}
    return _registered_partition(text, known) or split_names(text)


def _registered_partition(text: str, known: set[str]) -> list[str] | None:
    """The text split at separators into names that are all registered, if it can be."""
    pieces = LEAD_SEPARATORS.split(text)
    separators = LEAD_SEPARATORS.findall(text)

    def partition(start: int) -> list[str] | None:
        if start == len(pieces):
            return []
        for end in range(len(pieces), start, -1):
            name = pieces[start]
            for index in range(start + 1, end):
                name += separators[index - 1] + pieces[index]
            if normalised(name) in known and (rest := partition(end)) is not None:
                return [name, *rest]
        return None

    return partition(0)


def leads_as_written(written: str, organisations) -> str:
    """The lead line's words, kept when they differ from the organisations' names."""
    return "" if written == in_prose(o.name for o in organisations) else written

"""Reads of a partnership's governance: terms of reference and meetings."""

import datetime
import difflib
from collections import defaultdict
from dataclasses import dataclass
from typing import NamedTuple

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Prefetch, QuerySet, Subquery

from hcag.audit import describe, logged_with
from hcag.editing import ChangesMeanwhile, changes_since
from hcag.text import tidy_text
from meetings.models import (
    AgendaItem,
    Attendance,
    ChairReview,
    Clause,
    Decision,
    Meeting,
    MeetingAction,
    Paper,
    ProjectGroup,
    Report,
    TermsOfReference,
)
from meetings.schedule import DEFAULT_MEETINGS_PER_YEAR, chair_review_due, regular_meeting_dates
from partners.models import Membership, Organisation, Partnership, Person
from partners.rules import current_memberships
from partners.selectors import partnerships_visible_to

# How long a report received from an advisory group waits for an action logged from it
# before the secretariat stops being reminded (two quarterly meetings).
FOLLOW_UP_DAYS = 183


def meetings_visible_to(user):
    return Meeting.objects.filter(partnership__in=partnerships_visible_to(user))


def last_meeting_on(
    day: datetime.date, *, partnership: str | Partnership = "workstream__plan__partnership"
) -> Subquery:
    """A subquery, for annotating records that belong to a partnership (actions, by
    default): the date of its latest ordinary meeting before `day`, from which "since
    the last meeting" counts. `partnership` is the path to each record's partnership or,
    when they all belong to one, that partnership: the database then finds the date once
    for the query, not once for each record."""
    of = OuterRef(partnership) if isinstance(partnership, str) else partnership
    meetings = Meeting.objects.filter(partnership=of).ordinary().before(day)
    return Subquery(meetings.values("date")[:1])


def with_last_change(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """The meetings, each annotated with ``last_changed_at``: the time of its latest
    entry in the audit log (None if it has none), which calendars stamp it with."""
    changes = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Meeting), object_id=OuterRef("pk")
    ).order_by("-timestamp")
    return meetings.annotate(last_changed_at=Subquery(changes.values("timestamp")[:1]))


def current_chair(partnership: Partnership) -> Person | None:
    seat = (
        partnership.memberships.current()
        .filter(role=Membership.Role.CHAIR)
        .select_related("person__organisation")
        .first()
    )
    return seat.person if seat else None


def membership_of(user, partnership: Partnership) -> Membership | None:
    """The user's current seat in the partnership (read once per request, with the
    permission checks)."""
    return current_memberships(user).get(partnership.pk)


def current_terms_of_reference(partnership: Partnership) -> TermsOfReference | None:
    return (
        partnership.terms_of_reference.filter(status=TermsOfReference.Status.CURRENT)
        .prefetch_related("clauses")
        .first()
    )


@dataclass(frozen=True)
class MeetingsAround:
    last: Meeting | None
    next: Meeting | None


def meetings_around(partnership: Partnership, today: datetime.date) -> MeetingsAround:
    """The partnership's last meeting (its latest ordinary one before today, from which
    "since the last meeting" counts) and its next one, of any kind, from today."""
    meetings = Meeting.objects.filter(partnership=partnership)
    return MeetingsAround(
        last=meetings.ordinary().before(today).first(), next=meetings.on_or_after(today).first()
    )


@dataclass(frozen=True)
class Schedule:
    upcoming: QuerySet[Meeting]
    past: QuerySet[Meeting]


def meeting_schedule(partnership: Partnership, today: datetime.date) -> Schedule:
    """Meetings from today, soonest first, and those before, latest first (to be paged:
    they grow by a year's meetings every year)."""
    meetings = partnership.meetings.all()
    return Schedule(
        upcoming=meetings.filter(date__gte=today).order_by("date", "start_time"),
        past=meetings.filter(date__lt=today).order_by("-date", "-start_time"),
    )


@dataclass(frozen=True)
class ProposedYear:
    meetings_per_year: int
    dates: list[datetime.date]


def next_years_meetings(partnership: Partnership, today: datetime.date) -> ProposedYear:
    """The year's regular meetings the current terms of reference call for (four without
    terms), following on from the partnership's last ordinary meeting (cancelled or not),
    or from today: a conference booked far ahead does not push the year past it."""
    terms = current_terms_of_reference(partnership)
    per_year = terms.meetings_per_year if terms else DEFAULT_MEETINGS_PER_YEAR
    last = partnership.meetings.ordinary().order_by("-date").values_list("date", flat=True).first()
    after = max(last, today) if last else today
    return ProposedYear(
        meetings_per_year=per_year,
        dates=regular_meeting_dates(after=after, meetings_per_year=per_year, count=per_year),
    )


@dataclass(frozen=True)
class LoggedAction:
    """An action as it stood at a meeting: its status then, and whether it was overdue
    then (or, for a meeting still to come, now)."""

    action: MeetingAction
    status: str
    is_overdue: bool

    @property
    def status_label(self) -> str:
        return MeetingAction.Status(self.status).label

    @property
    def changed_since(self) -> bool:
        return self.status != self.action.status


def logged_at(action: MeetingAction, meeting: Meeting, today: datetime.date) -> LoggedAction:
    closed_by_then = action.status != MeetingAction.Status.OPEN and (
        action.closed_on is None or action.closed_on <= meeting.date
    )
    status = action.status if closed_by_then else MeetingAction.Status.OPEN
    is_overdue = (
        status == MeetingAction.Status.OPEN
        and action.due_on is not None
        and action.due_on < min(today, meeting.date)
    )
    return LoggedAction(action, status, is_overdue)


@dataclass(frozen=True)
class AgendaEntry:
    item: AgendaItem | None
    papers: list[Paper]
    decisions: list[Decision]
    actions: list[LoggedAction]
    carried_forward: list[LoggedAction]
    reports: list[Report]


def meeting_agenda(meeting: Meeting, today: datetime.date) -> list[AgendaEntry]:
    """The agenda in order, each item with its papers, decisions and the actions arising;
    the action-log item also carries every action from earlier meetings that was open at
    this one, so that closing an action later leaves earlier agendas as they were; the
    advisory groups' item lists the reports received for the meeting, and the boards' item
    those submitted. Decisions and actions minuted against no item come last, under no
    item."""
    owners = ("owner_person", "owner_organisation", "meeting")
    reports: dict[str, list[Report]] = {
        AgendaItem.Kind.ADVISORY_REPORTS: [],
        AgendaItem.Kind.BOARD_REPORTS: [],
    }
    for report in meeting.reports.select_related("organisation").order_by("date", "title"):
        kind = (
            AgendaItem.Kind.ADVISORY_REPORTS
            if report.direction == Report.Direction.RECEIVED
            else AgendaItem.Kind.BOARD_REPORTS
        )
        reports[kind].append(report)
    items = meeting.agenda_items.select_related("workstream").prefetch_related(
        "papers",
        Prefetch("decisions", queryset=Decision.objects.order_by("pk")),
        Prefetch("actions_arising", queryset=MeetingAction.objects.select_related(*owners)),
    )
    carried = [
        logged_at(action, meeting, today)
        for action in MeetingAction.objects.carried_to(meeting)
        .select_related(*owners)
        .order_by("meeting__date", "pk")
    ]
    entries = [
        AgendaEntry(
            item=item,
            papers=list(item.papers.all()),
            decisions=list(item.decisions.all()),
            actions=[logged_at(a, meeting, today) for a in item.actions_arising.all()],
            carried_forward=carried if item.kind == AgendaItem.Kind.ACTION_LOG else [],
            reports=reports.get(item.kind, []),
        )
        for item in items
    ]
    loose_decisions = list(meeting.decisions.filter(agenda_item__isnull=True).order_by("pk"))
    loose_actions = [
        logged_at(a, meeting, today)
        for a in meeting.actions_arising.filter(agenda_item__isnull=True).select_related(*owners)
    ]
    if loose_decisions or loose_actions:
        entries.append(AgendaEntry(None, [], loose_decisions, loose_actions, [], []))
    return entries


def meeting_papers(meeting: Meeting) -> QuerySet[Paper]:
    """The papers for a meeting, in the order of the agenda, each with its item."""
    return (
        Paper.objects.filter(agenda_item__meeting=meeting)
        .select_related("agenda_item")
        .order_by("agenda_item__position", "agenda_item__pk", "uploaded_at", "pk")
    )


@dataclass(frozen=True)
class ItemRemoval:
    """What removing an agenda item takes with it (its papers) and leaves (its decisions
    and actions, then under no item)."""

    papers: list[Paper]
    decisions: int
    actions: int


def agenda_item_removal(item: AgendaItem) -> ItemRemoval:
    return ItemRemoval(
        papers=list(item.papers.all()),
        decisions=item.decisions.count(),
        actions=item.actions_arising.count(),
    )


@dataclass(frozen=True)
class AttendanceLine:
    person: Person
    organisation: Organisation | None
    status: str | None


def attendance_sheet(meeting: Meeting) -> list[AttendanceLine]:
    """Everyone who was a member on the day of the meeting, and anyone else recorded,
    with what was recorded for them; by organisation, community members last."""
    recorded = {a.person_id: a for a in meeting.attendance.select_related("organisation")}
    seats = meeting.partnership.memberships.held_on(meeting.date).select_related(
        "person__organisation"
    )
    # A change of role on the day of the meeting ends one seat and starts another.
    members = list({seat.person_id: seat.person for seat in seats}.values())
    others = Person.objects.filter(pk__in=set(recorded) - {p.pk for p in members}).select_related(
        "organisation"
    )
    people = sorted(
        [*members, *others],
        key=lambda p: (p.organisation.name if p.organisation else "~", p.last_name, p.first_name),
    )
    return [
        AttendanceLine(
            person=person,
            organisation=recorded[person.pk].organisation
            if person.pk in recorded
            else person.organisation,
            status=recorded[person.pk].status if person.pk in recorded else None,
        )
        for person in people
    ]


def attendance_changes(records: list[Attendance]) -> ChangesMeanwhile:
    """The latest change to each of these attendance records, from the audit log: who
    recorded what, as an edit refused for a change made meanwhile shows it."""
    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Attendance),
        object_id__in=[record.pk for record in records],
    ).select_related("actor", "content_type")
    latest: dict[int, LogEntry] = {}
    for entry in entries.order_by("-timestamp", "-pk"):
        latest.setdefault(entry.object_id, entry)
    return ChangesMeanwhile(
        entries=describe(sorted(latest.values(), key=lambda entry: (entry.timestamp, entry.pk))),
        values_then={},
        relations_changed={},
    )


COMMUNITY = "Community members"
# An organisation attended if anyone from it did; else it sent apologies if anyone did.
# The minutes list attendance in the same order, with those not recorded last.
ATTENDANCE_RANK = {
    Attendance.Status.PRESENT: 3,
    Attendance.Status.APOLOGIES: 2,
    Attendance.Status.ABSENT: 1,
}


def minutes_attendance(meeting: Meeting) -> list[AttendanceLine]:
    """The attendance sheet by status (present, apologies, absent, not recorded), as the
    minutes group it, and by organisation within each status."""
    return sorted(attendance_sheet(meeting), key=lambda line: -ATTENDANCE_RANK.get(line.status, 0))


@dataclass(frozen=True)
class AttendanceHistory:
    meetings: list[Meeting]
    rows: list[tuple[str, list[str | None]]]


def attendance_history(
    partnership: Partnership, today: datetime.date, count: int = 4
) -> AttendanceHistory:
    """For each organisation with a current member (and the community members together),
    and any other that attended, how it attended each of the partnership's last `count`
    meetings: present if anyone from it was, else apologies if anyone sent them, else
    absent; None where nothing was recorded."""
    meetings = list(
        Meeting.objects.filter(partnership=partnership, date__lte=today)
        .held_or_scheduled()
        .order_by("-date")[:count]
    )[::-1]
    if not meetings:
        return AttendanceHistory(meetings=[], rows=[])
    records = Attendance.objects.filter(meeting__in=meetings).values_list(
        "organisation__name", "meeting_id", "status"
    )
    best: dict[tuple[str, int], str] = {}
    for organisation, meeting_id, status in records:
        key = (organisation or COMMUNITY, meeting_id)
        if ATTENDANCE_RANK[status] > ATTENDANCE_RANK.get(best.get(key), 0):
            best[key] = status
    members = partnership.memberships.current().values_list("person__organisation__name", flat=True)
    names = {name or COMMUNITY for name in members} | {name for name, _ in best}
    return AttendanceHistory(
        meetings=meetings,
        rows=[
            (name, [best.get((name, m.pk)) for m in meetings])
            for name in sorted(names, key=lambda name: (name == COMMUNITY, name))
        ],
    )


def chair_review_standing(terms: TermsOfReference | None, today: datetime.date):
    """When the yearly chair review is due, by the current terms; None without terms."""
    if terms is None:
        return None
    held = list(
        ChairReview.objects.filter(partnership=terms.partnership_id).values_list(
            "held_on", flat=True
        )
    )
    return chair_review_due(terms.chair_review_season, held, today)


def chair_reviews_due(partnership_ids: list[int], today: datetime.date) -> dict:
    """chair_review_standing for each partnership with current terms, by id: two queries
    whatever their number."""
    seasons = dict(
        TermsOfReference.objects.filter(
            partnership__in=partnership_ids, status=TermsOfReference.Status.CURRENT
        ).values_list("partnership_id", "chair_review_season")
    )
    held = defaultdict(list)
    reviews = ChairReview.objects.filter(partnership__in=list(seasons))
    for partnership_id, held_on in reviews.values_list("partnership_id", "held_on"):
        held[partnership_id].append(held_on)
    return {pk: chair_review_due(season, held[pk], today) for pk, season in seasons.items()}


def reports_awaiting_follow_up(partnership_ids: list[int], today: datetime.date):
    """Reports received from the advisory groups in the last FOLLOW_UP_DAYS from which
    no meeting action has been logged, oldest first."""
    return (
        Report.objects.filter(
            partnership__in=partnership_ids,
            direction=Report.Direction.RECEIVED,
            date__gt=today - datetime.timedelta(days=FOLLOW_UP_DAYS),
            date__lte=today,
        )
        .exclude(Exists(MeetingAction.objects.filter(source_report=OuterRef("pk"))))
        .select_related("organisation", "meeting", "partnership")
        .order_by("date", "pk")
    )


@dataclass(frozen=True)
class ClauseComparison:
    """A clause of the current terms beside its counterpart in the draft, if any; the
    numbers differ where clauses before it were added or removed."""

    current_number: int | None
    draft_number: int | None
    current: str | None
    draft: str | None

    @property
    def change(self) -> str:
        if self.current is None:
            return "Added"
        if self.draft is None:
            return "Removed"
        return "Changed" if self.current != self.draft else "Unchanged"


@dataclass(frozen=True)
class SettingComparison:
    label: str
    current: str
    draft: str

    @property
    def change(self) -> str:
        return "Changed" if self.current != self.draft else "Unchanged"


@dataclass(frozen=True)
class TermsComparison:
    settings: list[SettingComparison]
    clauses: list[ClauseComparison]


# How alike two clauses' words must be (difflib's ratio) to count as one clause changed
# rather than one removed and another added.
ALIKE = 0.5


class ClauseWords(NamedTuple):
    number: int
    body: str


def _clause_words(terms: TermsOfReference | None) -> list[ClauseWords]:
    """The clauses' words tidied, so that line endings and spaces no reader sees (a
    version saved from the admin, say) do not count as a change."""
    if terms is None:
        return []
    return [ClauseWords(clause.number, tidy_text(clause.body)) for clause in terms.clauses.all()]


def _pair_by_likeness(old: list[ClauseWords], new: list[ClauseWords]):
    """Pair a block of clauses with the block that replaced it, in order: each old clause
    with the most alike new one after the last pair, if alike enough. (Unchanged blocks
    pair one to one, each clause with its equal.)"""
    start = 0
    for was in old:
        ratios = [
            (difflib.SequenceMatcher(a=was.body, b=now.body).ratio(), index)
            for index, now in enumerate(new[start:], start=start)
        ]
        ratio, best = max(ratios, key=lambda pair: (pair[0], -pair[1]), default=(0, None))
        if best is None or ratio < ALIKE:
            yield was, None
            continue
        yield from ((None, now) for now in new[start:best])
        yield was, new[best]
        start = best + 1
    yield from ((None, now) for now in new[start:])


SETTING_LABELS = ["Preamble", "Meetings a year", "The chair is reviewed each"]


def _settings(terms: TermsOfReference | None) -> list[str]:
    if terms is None:
        return ["", "", ""]
    return [
        tidy_text(terms.preamble),
        str(terms.meetings_per_year),
        terms.get_chair_review_season_display(),
    ]


def compare_terms(current: TermsOfReference | None, draft: TermsOfReference) -> TermsComparison:
    """The draft beside the current terms: the preamble and settings, then the clauses,
    paired by their words (difflib), so that removing a clause marks that one removed
    rather than every later one changed."""
    settings = [
        SettingComparison(label, was, now)
        for label, was, now in zip(
            SETTING_LABELS, _settings(current), _settings(draft), strict=True
        )
    ]
    before, after = _clause_words(current), _clause_words(draft)
    matcher = difflib.SequenceMatcher(
        a=[clause.body for clause in before], b=[clause.body for clause in after], autojunk=False
    )
    clauses = [
        ClauseComparison(
            was.number if was else None,
            now.number if now else None,
            was.body if was else None,
            now.body if now else None,
        )
        for _, i1, i2, j1, j2 in matcher.get_opcodes()
        for was, now in _pair_by_likeness(before[i1:i2], after[j1:j2])
    ]
    return TermsComparison(settings=settings, clauses=clauses)


def project_groups_of(partnership: Partnership) -> QuerySet[ProjectGroup]:
    return partnership.project_groups.prefetch_related("members").select_related("set_up_at")


def reports_register(partnership: Partnership) -> QuerySet[Report]:
    """The reports received and submitted, latest first (to be paged), each with the
    actions it gave rise to."""
    return (
        partnership.reports.select_related("organisation", "meeting", "submitted_by")
        .prefetch_related("actions_arising")
        .order_by("-date", "title", "pk")
    )


def by_direction(reports) -> tuple[list[Report], list[Report]]:
    """Reports (a page of the register) split into those received and those submitted."""
    reports = list(reports)
    return (
        [r for r in reports if r.direction == Report.Direction.RECEIVED],
        [r for r in reports if r.direction == Report.Direction.SUBMITTED],
    )


# Edit conflicts ----------------------------------------------------------------------


def terms_changes_since(terms: TermsOfReference, revision: int) -> ChangesMeanwhile:
    """Changes to a draft and its clauses (deleted ones included) that took it past a
    revision."""
    return changes_since(
        terms, revision, counter="revision", parts=logged_with(Clause, terms=terms.pk)
    )

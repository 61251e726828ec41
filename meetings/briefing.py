"""The chair's briefing for a meeting: what changed since the meeting before it.

The window runs from the day of the meeting it compares with (exclusive) to the
meeting's day, or to today while the meeting is still to come. It compares with the
previous ordinary meeting (Meeting.previous), unless the chair picks another earlier one.
Progress is compared as it stood at each end: an action's status "before" is its latest
update dated on or before the meeting compared with, and "now" its latest update dated
within the window's end.

The page lists only the actions that changed within the window (an update, a better or
worse status, or a due date passed), a page at a time and grouped by workstream; the
summary counts the rest.
"""

import datetime
from dataclasses import dataclass, field
from functools import cached_property

from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, Exists, F, OuterRef, Q, When
from django.db.models.functions import Coalesce

from meetings.models import Meeting, MeetingAction
from workstreams.models import Action, ProgressUpdate, StatusReview, Workstream
from workstreams.rollup import BETTER, NO_UPDATE, WORSE, Progress, status_move
from workstreams.selectors import latest_reviews, progress_as_of, progress_from
from workstreams.snapshots import progress_at_day

Status = ProgressUpdate.Status
CHANGES_PER_PAGE = 25


@dataclass
class ActionSinceLastMeeting:
    action_id: int
    workstream_id: int
    before: Progress
    now: Progress
    was_updated: bool  # it has an update dated within the window
    went_overdue: bool
    # The latest update's id and the outcome of its latest review, for every action; the
    # action, the update and the review themselves only for those shown (see
    # meeting_briefing_for_chair).
    latest_update_id: int | None = None
    review_outcome: str | None = None
    action: Action | None = None
    latest_update: ProgressUpdate | None = None
    review: StatusReview | None = None
    # How many updates are dated within the window: counted only for those shown.
    updates_in_window: int | None = None
    # "better", "worse" or None (workstreams.rollup.status_move), worked out once: the
    # summary asks it of every action several times.
    move: str | None = field(init=False)

    def __post_init__(self):
        self.move = status_move(self.before, self.now)

    @property
    def changed(self) -> bool:
        """Updated within the window, better or worse than at its start, or gone overdue."""
        return bool(self.was_updated or self.move or self.went_overdue)

    @property
    def percent_change(self) -> int:
        return self.now.percent - self.before.percent

    @property
    def is_confirmed(self) -> bool:
        return self.review_outcome == StatusReview.Outcome.CONFIRMED


@dataclass
class WorkstreamBriefing:
    workstream: Workstream
    actions: list[ActionSinceLastMeeting] = field(default_factory=list)
    # The page of the briefing its first changed action is on (None: none changed).
    first_page: int | None = None

    # The lists below are worked out once, when first read: after the briefing is built.

    @cached_property
    def updated(self):
        return [a for a in self.actions if a.was_updated]

    @cached_property
    def better(self):
        return [a for a in self.actions if a.move == BETTER]

    @cached_property
    def worse(self):
        return [a for a in self.actions if a.move == WORSE]

    @cached_property
    def went_overdue(self):
        return [a for a in self.actions if a.went_overdue]

    @cached_property
    def without_update(self):
        return [a for a in self.actions if not a.was_updated]

    @cached_property
    def unchanged(self):
        return [a for a in self.actions if not a.changed]


@dataclass
class WorkstreamChanges:
    """A workstream's changed actions on one page of the briefing."""

    section: WorkstreamBriefing
    changes: list[ActionSinceLastMeeting]


@dataclass
class MeetingActionItem:
    item: MeetingAction
    is_overdue: bool


@dataclass
class Briefing:
    meeting: Meeting
    previous_meeting: Meeting | None
    window_end: datetime.date
    workstreams: list[WorkstreamBriefing]
    meeting_actions: list[MeetingActionItem]
    # The changed actions shown, grouped by workstream, and the page they are on (None
    # when every change is shown, as in the PDF).
    shown: list[WorkstreamChanges]
    page: Page | None

    @property
    def since(self) -> str:
        """Words for the start of the window, as in "No update since the …"."""
        if self.previous_meeting is None:
            return "since the plan began"
        return f"since the {self.previous_meeting.display_title.lower()}"

    @property
    def then(self) -> str:
        """Words for the status at the start of the window, as in "Better than …"."""
        if self.previous_meeting is None:
            return "at the start"
        return f"at the {self.previous_meeting.display_title.lower()}"

    @cached_property
    def unconfirmed_count(self) -> int:
        return sum(
            1
            for briefing in self.workstreams
            for action in briefing.actions
            if action.latest_update_id and not action.is_confirmed
        )

    @cached_property
    def unchanged_count(self) -> int:
        return sum(len(briefing.unchanged) for briefing in self.workstreams)


def meeting_briefing_for_chair(
    meeting: Meeting,
    *,
    today: datetime.date,
    compare_with: Meeting | None = None,
    page: int | str | None = None,
) -> Briefing:
    """The briefing, comparing with `compare_with` (an earlier meeting) or, by default,
    the previous ordinary meeting. With `page` (a number, or anything a paginator takes
    for one), it shows that page of the changed actions; otherwise every change, and
    every action carries its latest update and review."""
    previous = compare_with or meeting.previous()
    since = previous.date if previous else None
    until = min(meeting.date, today)
    by_workstream: dict[int, WorkstreamBriefing] = {}
    for workstream in _workstreams(meeting):
        by_workstream[workstream.pk] = WorkstreamBriefing(workstream)
    changes = []
    across = _actions_across_window(meeting, since, until, today=today)
    rows = list(across.values(*ROW_FIELDS))
    before = _progress_at_start(since, rows, today=today)
    for row in rows:
        item = ActionSinceLastMeeting(
            action_id=row["pk"],
            workstream_id=row["workstream_id"],
            before=before[row["pk"]],
            now=progress_from(row["now_status"], row["now_percent"], row["now_as_at"]),
            was_updated=row["was_updated"],
            went_overdue=_went_overdue(row["due_on"], row["now_status"], since, until),
            latest_update_id=row["now_update_id"],
            review_outcome=row["now_review_outcome"],
        )
        section = by_workstream[item.workstream_id]
        section.actions.append(item)
        if item.changed:
            if section.first_page is None:
                section.first_page = len(changes) // CHANGES_PER_PAGE + 1
            changes.append(item)
    sections = list(by_workstream.values())
    if page is None:
        shown_page, detailed = None, [a for section in sections for a in section.actions]
        # All of them: selected by subquery, not by lists of ids, which grow with the plan.
        action_ids, update_ids = across.values("pk"), across.values("now_update_id")
    else:
        shown_page = Paginator(changes, CHANGES_PER_PAGE).get_page(page)
        detailed = list(shown_page)
        action_ids = [item.action_id for item in detailed]
        update_ids = [item.latest_update_id for item in detailed if item.latest_update_id]
    _attach_actions(detailed, action_ids)
    _attach_latest_updates(detailed, update_ids, until)
    _attach_update_counts(detailed, action_ids, since, until)
    return Briefing(
        meeting=meeting,
        previous_meeting=previous,
        window_end=until,
        workstreams=sections,
        meeting_actions=_open_meeting_actions(meeting, until),
        shown=_by_workstream(detailed if shown_page else changes, by_workstream),
        page=shown_page,
    )


ROW_FIELDS = [
    "pk", "workstream_id", "due_on", "was_updated", "latest_status", "latest_percent",
    "now_status", "now_percent", "now_as_at", "now_update_id", "now_review_outcome",
]  # fmt: skip


def _progress_at_start(since, rows, *, today) -> dict[int, Progress]:
    """Where each action stood at the start of the window, by id: as kept for the end of
    the day of the meeting compared with (workstreams.snapshots), once that day is over;
    as it stands now while it is not (no update is dated later, and no review can have
    been recorded later yet); and nowhere before the first meeting."""
    if since is None:
        return {row["pk"]: NO_UPDATE for row in rows}
    if since >= today:
        return {
            row["pk"]: progress_from(row["latest_status"], row["latest_percent"], None)
            for row in rows
        }
    return progress_at_day([row["pk"] for row in rows], since)


def _attach_actions(items: list[ActionSinceLastMeeting], ids):
    """Give each item its action (one of `ids`), with its workstream and parent (for its
    reference) and its due date (ActionQuerySet.with_due_date): one query."""
    actions = (
        Action.objects.filter(pk__in=ids)
        .with_due_date()
        .select_related("workstream__plan", "parent")
        .in_bulk()
    )
    for item in items:
        item.action = actions[item.action_id]


def _attach_latest_updates(items: list[ActionSinceLastMeeting], ids, until: datetime.date):
    """Give each item its latest update (one of `ids`, with its author) and that update's
    latest review recorded by the end of the window: two queries."""
    updates = ProgressUpdate.objects.filter(pk__in=ids).select_related("author").in_bulk()
    reviews = latest_reviews(ids, as_of=until)
    for item in items:
        item.latest_update = updates.get(item.latest_update_id)
        if item.latest_update:
            item.latest_update.action = item.action  # loaded already, for the permission rules
        item.review = reviews.get(item.latest_update_id)


def _attach_update_counts(items: list[ActionSinceLastMeeting], ids, since, until):
    """Give each item the number of its updates dated within the window: one query."""
    counts = dict(
        _updates_in_window(ProgressUpdate.objects.filter(action__in=ids), since, until)
        .order_by()
        .values("action")
        .annotate(n=Count("pk"))
        .values_list("action", "n")
    )
    for item in items:
        item.updates_in_window = counts.get(item.action_id, 0)


def _updates_in_window(updates, since, until):
    updates = updates.filter(as_at__lte=until)
    return updates.filter(as_at__gt=since) if since else updates


def _by_workstream(items, by_workstream) -> list[WorkstreamChanges]:
    """The items (in plan order) grouped by their workstream, in the same order."""
    groups: dict[int, WorkstreamChanges] = {}
    for item in items:
        workstream_id = item.workstream_id
        if workstream_id not in groups:
            groups[workstream_id] = WorkstreamChanges(by_workstream[workstream_id], [])
        groups[workstream_id].changes.append(item)
    return list(groups.values())


def _workstreams(meeting: Meeting):
    return (
        Workstream.objects.live()
        .filter(plan__partnership=meeting.partnership_id)
        .select_related("plan")
        .prefetch_related("lead_organisations")
        .order_by("plan__title", "letter")
    )


def _actions_across_window(meeting, since, until, *, today):
    """The partnership's reportable actions with their progress at both ends of the window,
    and whether any update is dated within it (``was_updated``)."""
    if until == today:
        # No update is dated after today (ProgressUpdate.clean), so the kept latest one
        # is dated within the window when any is.
        in_window = Q(latest_as_at__gt=since) if since else Q(latest_update__isnull=False)
    else:
        in_window = Exists(
            _updates_in_window(ProgressUpdate.objects, since, until).filter(action=OuterRef("pk"))
        )
    actions = (
        Action.objects.live()
        .filter(workstream__plan__partnership=meeting.partnership_id)
        .reportable()
        .with_due_date()
        .annotate(was_updated=Case(When(in_window, then=True), default=False))
        .in_plan_order()
    )
    if until == today:
        # No update is dated after today, so the one that stands now is the kept latest.
        return actions.annotate(
            now_status=F("latest_status"),
            now_percent=F("latest_percent"),
            now_as_at=F("latest_as_at"),
            now_update_id=F("latest_update_id"),
            now_review_outcome=F("review_outcome"),
        )
    return progress_as_of(
        actions,
        until,
        prefix="now",
        columns=["status", "percent", "as_at", "update_id", "review_outcome"],
    )


def _went_overdue(due_on, now_status, since, until) -> bool:
    """Its due date passed within the window and it was not complete by the end of it."""
    if due_on is None or now_status == Status.COMPLETE:
        return False
    return due_on < until and (since is None or due_on >= since)


def _open_meeting_actions(meeting: Meeting, until: datetime.date) -> list[MeetingActionItem]:
    items = (
        MeetingAction.objects.carried_to(meeting)
        .select_related("meeting", "owner_person", "owner_organisation")
        .order_by(Coalesce("due_on", "meeting__date"), "pk")
    )
    return [MeetingActionItem(item, bool(item.due_on and item.due_on < until)) for item in items]

"""The chair's briefing for a meeting: what changed since the meeting before it.

The window runs from the day of the meeting it compares with (exclusive) to the
meeting's day, or to today while the meeting is still to come. It compares with the
previous ordinary meeting (Meeting.previous), unless the chair picks another earlier one.
Progress is compared as it stood at each end: an action's status "before" is its latest
update dated on or before the meeting compared with, and "now" its latest update dated
within the window's end.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from meetings.models import Meeting, MeetingAction
from workstreams.models import Action, ProgressUpdate, StatusReview, Workstream
from workstreams.rollup import BETTER, WORSE, Progress, status_move
from workstreams.selectors import latest_reviews, progress_as_of, progress_from

Status = ProgressUpdate.Status


@dataclass
class ActionSinceLastMeeting:
    action: Action
    before: Progress
    now: Progress
    updates_in_window: int
    latest_update: ProgressUpdate | None
    review: StatusReview | None
    went_overdue: bool

    @property
    def move(self) -> str | None:
        return status_move(self.before, self.now)

    @property
    def percent_change(self) -> int:
        return self.now.percent - self.before.percent

    @property
    def is_confirmed(self) -> bool:
        return self.review is not None and self.review.outcome == StatusReview.Outcome.CONFIRMED


@dataclass
class WorkstreamBriefing:
    workstream: Workstream
    actions: list[ActionSinceLastMeeting] = field(default_factory=list)

    @property
    def updated(self):
        return [a for a in self.actions if a.updates_in_window]

    @property
    def better(self):
        return [a for a in self.actions if a.move == BETTER]

    @property
    def worse(self):
        return [a for a in self.actions if a.move == WORSE]

    @property
    def went_overdue(self):
        return [a for a in self.actions if a.went_overdue]

    @property
    def without_update(self):
        return [a for a in self.actions if not a.updates_in_window]


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

    @property
    def unconfirmed_count(self) -> int:
        return sum(
            1
            for briefing in self.workstreams
            for action in briefing.actions
            if action.latest_update and not action.is_confirmed
        )


def meeting_briefing_for_chair(
    meeting: Meeting, *, today: datetime.date, compare_with: Meeting | None = None
) -> Briefing:
    """The briefing, comparing with `compare_with` (an earlier meeting) or, by default,
    the previous ordinary meeting."""
    previous = compare_with or meeting.previous()
    since = previous.date if previous else None
    until = min(meeting.date, today)
    actions = _actions_across_window(meeting, since, until)
    rows = list(actions)
    # Selected by subquery, not by a list of ids, which SQLite would split into batches.
    latest_ids = actions.order_by().values("now_update_id")
    updates = _latest_updates(latest_ids)
    reviews = latest_reviews(latest_ids)
    by_workstream: dict[int, WorkstreamBriefing] = {}
    for workstream in _workstreams(meeting):
        by_workstream[workstream.pk] = WorkstreamBriefing(workstream)
    for row in rows:
        update = updates.get(row.now_update_id)
        if update:
            update.action = row  # loaded already, for the permission predicates
        by_workstream[row.workstream_id].actions.append(
            ActionSinceLastMeeting(
                action=row,
                before=progress_from(row.before_status, row.before_percent, None),
                now=progress_from(row.now_status, row.now_percent, row.now_as_at),
                updates_in_window=row.updates_in_window,
                latest_update=update,
                review=reviews.get(row.now_update_id),
                went_overdue=_went_overdue(row, since, until),
            )
        )
    return Briefing(
        meeting=meeting,
        previous_meeting=previous,
        window_end=until,
        workstreams=list(by_workstream.values()),
        meeting_actions=_open_meeting_actions(meeting, until),
    )


def _workstreams(meeting: Meeting):
    return (
        Workstream.objects.live()
        .filter(plan__partnership=meeting.partnership_id)
        .select_related("plan")
        .prefetch_related("lead_organisations")
        .order_by("plan__title", "letter")
    )


def _actions_across_window(meeting, since, until):
    """The partnership's reportable actions with their progress at both ends of the window,
    and how many updates fall within it."""
    in_window = ProgressUpdate.objects.filter(action=OuterRef("pk"), as_at__lte=until)
    if since:
        in_window = in_window.filter(as_at__gt=since)
    window_count = in_window.order_by().values("action").annotate(n=Count("pk")).values("n")
    actions = (
        Action.objects.live()
        .filter(workstream__plan__partnership=meeting.partnership_id)
        .reportable()
        .with_due_date()
        .select_related("workstream__plan", "parent")
        .annotate(
            updates_in_window=Coalesce(
                Subquery(window_count, output_field=IntegerField()), Value(0)
            )
        )
        .in_plan_order()
    )
    return progress_as_of(progress_as_of(actions, since, prefix="before"), until, prefix="now")


def _latest_updates(ids) -> dict[int, ProgressUpdate]:
    return {u.pk: u for u in ProgressUpdate.objects.filter(pk__in=ids).select_related("author")}


def _went_overdue(row, since, until) -> bool:
    """Its due date passed within the window and it was not complete by the end of it."""
    if row.due_on is None or row.now_status == Status.COMPLETE:
        return False
    return row.due_on < until and (since is None or row.due_on >= since)


def _open_meeting_actions(meeting: Meeting, until: datetime.date) -> list[MeetingActionItem]:
    items = (
        MeetingAction.objects.carried_to(meeting)
        .select_related("meeting", "owner_person", "owner_organisation")
        .order_by(Coalesce("due_on", "meeting__date"), "pk")
    )
    return [MeetingActionItem(item, bool(item.due_on and item.due_on < until)) for item in items]

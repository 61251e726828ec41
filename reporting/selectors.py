"""Reads of reporting rounds: each partnership's rounds, and which actions are due and
reported in the open one. The dates come from reporting.rounds."""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Case, DateField, F, OuterRef, Q, QuerySet, Subquery, When

from meetings.models import Meeting
from partners.models import Organisation, Partnership
from reporting.models import NotificationSettings
from reporting.rounds import Round, open_round_index, reporting_round
from workstreams.models import Action, ActionPlan, ProgressUpdate, Workstream


@dataclass(frozen=True)
class MeetingRound:
    """A meeting and the round of updates due for it."""

    meeting: Meeting
    round: Round


def _ordinary_meetings(partnership_ids: Iterable[int]) -> dict[int, list[Meeting]]:
    """The partnerships' ordinary meetings not cancelled, each partnership's in date
    order: the meetings rounds belong to. One query."""
    meetings = (
        Meeting.objects.filter(partnership_id__in=partnership_ids)
        .ordinary()
        .held_or_scheduled()
        .select_related("partnership")
        .order_by("partnership_id", "date", "start_time", "pk")
    )
    by_partnership: dict[int, list[Meeting]] = defaultdict(list)
    for meeting in meetings:
        by_partnership[meeting.partnership_id].append(meeting)
    return by_partnership


def _round_of(meeting: Meeting, previous: Meeting | None) -> MeetingRound:
    return MeetingRound(
        meeting,
        reporting_round(
            meeting_on=meeting.date,
            previous_meeting_on=previous.date if previous else None,
            working_days=meeting.partnership.update_due_working_days,
            moved_to=meeting.updates_due_on,
        ),
    )


def open_rounds(partnership_ids: Iterable[int], *, today: datetime.date) -> dict[int, MeetingRound]:
    """The round open on `today` in each of the partnerships that has an ordinary meeting
    to come, by partnership id. One query."""
    rounds = {}
    for partnership_id, meetings in _ordinary_meetings(partnership_ids).items():
        index = open_round_index([meeting.date for meeting in meetings], today)
        if index is not None:
            rounds[partnership_id] = _round_of(
                meetings[index], meetings[index - 1] if index else None
            )
    return rounds


def rounds_to_come(partnership: Partnership, *, today: datetime.date) -> list[MeetingRound]:
    """The open round and those after it, soonest first. One query."""
    meetings = _ordinary_meetings([partnership.pk]).get(partnership.pk, [])
    index = open_round_index([meeting.date for meeting in meetings], today)
    if index is None:
        return []
    return [
        _round_of(meeting, meetings[position - 1] if position else None)
        for position, meeting in enumerate(meetings)
        if position >= index
    ]


def round_of_meeting(meeting: Meeting) -> MeetingRound:
    """The round of one ordinary meeting. One query, for the meeting before it."""
    return _round_of(meeting, meeting.previous())


@dataclass
class RoundAction:
    """An action or sub-item due in its partnership's open round."""

    action: Action
    meeting_round: MeetingRound
    is_reported: bool

    @property
    def numbered_id(self) -> int:
        """The numbered action it reports for: its action, when it is a sub-item."""
        return self.action.parent_id or self.action.pk

    @property
    def workstream_id(self) -> int:
        return self.action.workstream_id

    @property
    def organisations(self) -> list[Organisation]:
        """Those answering for it: its workstream's leads, its owner and its action's."""
        parent = self.action.parent
        owners = (self.action.owner_organisation, parent and parent.owner_organisation)
        return [*self.action.workstream.lead_organisations.all(), *filter(None, owners)]


def _due_in_rounds(actions: QuerySet[Action], rounds: dict[int, MeetingRound]) -> QuerySet[Action]:
    """Of `actions`, those due in their partnership's open round (`rounds`, from
    open_rounds): the ones leads report on (sub-items rather than their actions), not
    retired and in a current plan, whose standing status is not complete and which by
    the plan have started by the round's due date. Each is annotated with its
    ``partnership_id`` and ``dated_by_meeting``, the date of its latest update dated by
    the round's meeting, which _is_reported reads."""
    started = Q(start_date__isnull=True)
    dated_by_meeting = []
    for partnership_id, meeting_round in rounds.items():
        in_partnership = Q(workstream__plan__partnership_id=partnership_id)
        started |= in_partnership & Q(start_date__lte=meeting_round.round.due_on)
        meeting_on = meeting_round.round.meeting_on
        latest = ProgressUpdate.objects.filter(action=OuterRef("pk"), as_at__lte=meeting_on)
        dated_by_meeting += [
            # The kept latest update has the latest date: while the round is open, it is
            # dated by the meeting, and only a closed round looks further.
            When(
                in_partnership & Q(latest_as_at__lte=meeting_on),
                then="latest_as_at",
            ),
            When(in_partnership, then=Subquery(latest.order_by("-as_at").values("as_at")[:1])),
        ]
    return (
        actions.to_report_on()
        .reportable()
        .filter(started, workstream__plan__partnership_id__in=list(rounds))
        .filter(Q(latest_status__isnull=True) | ~Q(latest_status=ProgressUpdate.Status.COMPLETE))
        .annotate(
            partnership_id=F("workstream__plan__partnership_id"),
            dated_by_meeting=Case(*dated_by_meeting, output_field=DateField()),
        )
    )


def _is_reported(dated_by_meeting: datetime.date | None, meeting_round: MeetingRound) -> bool:
    """An item is reported when it has an update dated inside the round: its latest
    dated by the meeting is."""
    return dated_by_meeting is not None and meeting_round.round.includes(dated_by_meeting)


def round_actions(actions: QuerySet[Action], rounds: dict[int, MeetingRound]) -> list[RoundAction]:
    """Of `actions`, those due in their partnership's open round (`rounds`, from
    open_rounds; what is due: _due_in_rounds), in the plan's order, each with whether it
    is reported. One query, and three more for their workstreams, the workstreams' lead
    organisations (for RoundAction.organisations and Action.responsible_organisation_ids)
    and the owners of the sub-items' actions."""
    due = _due_in_rounds(actions, rounds).select_related("owner_organisation", "parent")
    due = list(due.in_plan_order())
    _share_workstreams_and_owners(due)
    return [
        RoundAction(
            action,
            rounds[action.partnership_id],
            _is_reported(action.dated_by_meeting, rounds[action.partnership_id]),
        )
        for action in due
    ]


def _share_workstreams_and_owners(actions: list[Action]) -> None:
    """Give the actions their workstreams (with plan and lead organisations) and their
    parents' owners, one instance of each shared by all, where selecting them with each
    action would make one (and a query set of leads) per action. Three queries at most:
    the workstreams, their leads and the owners of the sub-items' actions."""
    workstreams = (
        Workstream.objects.select_related("plan")
        .prefetch_related("lead_organisations")
        .in_bulk({action.workstream_id for action in actions})
    )
    parents = [action.parent for action in actions if action.parent_id]
    owners = Organisation.objects.in_bulk(
        {parent.owner_organisation_id for parent in parents if parent.owner_organisation_id}
    )
    for action in actions:
        action.workstream = workstreams[action.workstream_id]
        if action.parent_id:
            action.parent.workstream = action.workstream
            action.parent.owner_organisation = owners.get(action.parent.owner_organisation_id)


@dataclass(slots=True)
class _DueItem:
    """An item due in a plan's round, as its standing counts it (RoundAction's terms)."""

    numbered_id: int
    workstream_id: int
    organisations: list[Organisation]
    is_reported: bool


def _plan_round_items(plan: ActionPlan, meeting_round: MeetingRound) -> list[_DueItem]:
    """The items due in the plan's round, read as values rather than actions, as the
    dashboard counts every one of them. Three queries: the items, the workstreams' lead
    organisations and the organisations answering for them."""
    rows = list(
        _due_in_rounds(
            Action.objects.filter(workstream__plan=plan), {plan.partnership_id: meeting_round}
        ).values_list(
            "pk", "parent_id", "workstream_id", "owner_organisation_id",
            "parent__owner_organisation_id", "dated_by_meeting",
        )
    )  # fmt: skip
    lead_ids = defaultdict(list)
    for workstream_id, organisation_id in Workstream.lead_organisations.through.objects.filter(
        workstream__plan=plan
    ).values_list("workstream_id", "organisation_id"):
        lead_ids[workstream_id].append(organisation_id)
    organisations = Organisation.objects.in_bulk(
        {pk for ids in lead_ids.values() for pk in ids}
        | {pk for row in rows for pk in row[3:5] if pk}
    )
    leads = {
        workstream_id: [organisations[pk] for pk in ids] for workstream_id, ids in lead_ids.items()
    }
    return [
        _DueItem(
            numbered_id=parent_id or pk,
            workstream_id=workstream_id,
            organisations=[
                *leads.get(workstream_id, ()),
                *(organisations[owner] for owner in (owner_id, parent_owner_id) if owner),
            ],
            is_reported=_is_reported(dated, meeting_round),
        )
        for pk, parent_id, workstream_id, owner_id, parent_owner_id, dated in rows
    ]


def numbered_action_reported(items: Iterable[RoundAction]) -> dict[int, bool]:
    """Whether each numbered action is reported, by its id: an action without sub-items
    when it is, an action with sub-items when every sub-item still open (not complete)
    is, and where its plan does not roll sub-items up, it too (workstreams.rollup).
    Numbered actions with nothing due are left out."""
    reported: dict[int, bool] = {}
    for item in items:
        key = item.numbered_id
        reported[key] = reported.get(key, True) and item.is_reported
    return reported


@dataclass
class RoundCount:
    """How many numbered actions are due, and reported, for a workstream or organisation."""

    due: int = 0
    reported: int = 0

    @property
    def not_reported(self) -> int:
        return self.due - self.reported


@dataclass
class RoundStanding:
    """Where the open round of a plan's partnership stands for the plan."""

    meeting_round: MeetingRound
    total: RoundCount
    by_workstream: list[tuple[Workstream, RoundCount]]
    by_organisation: list[tuple[Organisation, RoundCount]]
    # When the updates are due, seen from the day it was worked out on.
    when_due: str
    is_overdue: bool
    not_reported: list[Action] = field(default_factory=list)


def _counts(items: list[RoundAction]) -> RoundCount:
    reported = numbered_action_reported(items)
    return RoundCount(due=len(reported), reported=sum(reported.values()))


def round_standing(
    items: list[RoundAction],
    meeting_round: MeetingRound,
    workstreams: Iterable[Workstream],
    *,
    today: datetime.date,
) -> RoundStanding:
    """The items of one round counted by numbered action (_standing), with the actions
    not reported yet."""
    standing = _standing(items, meeting_round, workstreams, today=today)
    standing.not_reported = [item.action for item in items if not item.is_reported]
    return standing


def _standing(
    items: list[RoundAction] | list[_DueItem],
    meeting_round: MeetingRound,
    workstreams: Iterable[Workstream],
    *,
    today: datetime.date,
) -> RoundStanding:
    """The items of one round counted by numbered action: in all, per workstream (every
    one of `workstreams`), and per responsible organisation, where an organisation's
    action is reported when every open item it answers for is."""
    by_workstream = defaultdict(list)
    by_organisation = defaultdict(list)
    organisations = {}
    for item in items:
        by_workstream[item.workstream_id].append(item)
        for organisation in {o.pk: o for o in item.organisations}.values():
            organisations[organisation.pk] = organisation
            by_organisation[organisation.pk].append(item)
    return RoundStanding(
        meeting_round=meeting_round,
        total=_counts(items),
        by_workstream=[
            (workstream, _counts(by_workstream[workstream.pk])) for workstream in workstreams
        ],
        by_organisation=sorted(
            (
                (organisations[organisation_id], _counts(organisation_items))
                for organisation_id, organisation_items in by_organisation.items()
            ),
            key=lambda pair: pair[0].display_name.lower(),
        ),
        when_due=meeting_round.round.when_due(today),
        is_overdue=meeting_round.round.is_overdue(today),
    )


def plan_round_standing(plan: ActionPlan, *, today: datetime.date) -> RoundStanding | None:
    """Where the open round stands for a plan (None when no meeting is to come), without
    the list of actions not reported. Five queries: the meetings, the due items, the
    lead organisations, the organisations and the plan's workstreams."""
    rounds = open_rounds([plan.partnership_id], today=today)
    if not rounds:
        return None
    meeting_round = rounds[plan.partnership_id]
    return _standing(
        _plan_round_items(plan, meeting_round),
        meeting_round,
        plan.workstreams.order_by("letter"),
        today=today,
    )


def notification_settings_of(person) -> NotificationSettings:
    """The person's notification settings; the defaults (everything on), unsaved, if
    they never changed them. One query."""
    found = NotificationSettings.objects.filter(person=person).first()
    return found or NotificationSettings(person=person)


def last_closed_rounds(
    partnership_ids: Iterable[int], *, today: datetime.date
) -> dict[int, MeetingRound]:
    """The round of each partnership's latest ordinary meeting before `today` (a round
    closes at the end of its meeting's day), by partnership id. One query."""
    rounds = {}
    for partnership_id, meetings in _ordinary_meetings(partnership_ids).items():
        held = [index for index, meeting in enumerate(meetings) if meeting.date < today]
        if held:
            index = held[-1]
            rounds[partnership_id] = _round_of(
                meetings[index], meetings[index - 1] if index else None
            )
    return rounds


@dataclass(frozen=True)
class RatingChange:
    action: Action
    before: str | None  # the status reported last before the round; None if none was
    after: str

    @property
    def before_label(self) -> str:
        return ProgressUpdate.Status(self.before).label if self.before else ""

    @property
    def after_label(self) -> str:
        return ProgressUpdate.Status(self.after).label


def rating_changes(items: list[RoundAction]) -> list[RatingChange]:
    """Of the items of one round, those whose lead reported a different status inside the
    round from the last one before it, in the plan's order. One query."""
    if not items:
        return []
    meeting_round = items[0].meeting_round.round
    updates = (
        ProgressUpdate.objects.filter(
            action__in=[item.action.pk for item in items], as_at__lte=meeting_round.meeting_on
        )
        .order_by("as_at", "created_at", "pk")
        .values_list("action_id", "as_at", "status")
    )
    before: dict[int, str] = {}
    after: dict[int, str] = {}
    for action_id, as_at, status in updates:
        (after if meeting_round.includes(as_at) else before)[action_id] = status
    return [
        RatingChange(item.action, before.get(item.action.pk), after[item.action.pk])
        for item in items
        if item.action.pk in after and after[item.action.pk] != before.get(item.action.pk)
    ]

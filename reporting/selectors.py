"""Reads of reporting rounds: each partnership's rounds, and which actions are due and
reported in the open one. The dates come from reporting.rounds."""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Case, DateField, F, Min, OuterRef, Q, QuerySet, Subquery, When
from django.db.models.functions import Coalesce

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


@dataclass(frozen=True, slots=True)
class _Answers:
    """A round's due items as its standing counts them (_standing): each numbered
    action's workstream, owner and whether all its due items are reported, and which
    organisations answer for which of them."""

    # (numbered action id, workstream id, owner's id or None, reported)
    numbered: list[tuple[int, int, int | None, bool]]
    # (owner's id, numbered action id, reported): the sub-items their owners answer for,
    # each owner's reported when every one of its sub-items there is.
    sub_items: list[tuple[int, int, bool]]
    leads: dict[int, list[Organisation]]  # by workstream id
    organisations: dict[int, Organisation]

    @classmethod
    def of(cls, items: list[RoundAction]) -> "_Answers":
        reported = numbered_action_reported(items)
        numbered, owned_sub_items = {}, defaultdict(list)
        leads, organisations = {}, {}
        for item in items:
            action, parent = item.action, item.action.parent
            owner = (parent or action).owner_organisation
            numbered[item.numbered_id] = (item.workstream_id, owner and owner.pk)
            if parent and action.owner_organisation_id:
                owned_sub_items[action.owner_organisation_id].append(item)
            if item.workstream_id not in leads:
                leads[item.workstream_id] = list(action.workstream.lead_organisations.all())
            for organisation in (*item.organisations, owner):
                if organisation:
                    organisations[organisation.pk] = organisation
        return cls(
            [(pk, *place, reported[pk]) for pk, place in numbered.items()],
            [
                (owner_id, pk, answered)
                for owner_id, owned in owned_sub_items.items()
                for pk, answered in numbered_action_reported(owned).items()
            ],
            leads,
            organisations,
        )


def _plan_round_answers(plan: ActionPlan, meeting_round: MeetingRound) -> _Answers:
    """The plan's items due in its round, counted in the database a row a numbered
    action, as the dashboard counts every one of them. Four queries: the numbered
    actions, the sub-items with owners of their own, the workstreams' lead organisations
    and the organisations."""
    due = _due_in_rounds(
        Action.objects.filter(workstream__plan=plan), {plan.partnership_id: meeting_round}
    ).order_by()
    all_reported = Min(Case(When(_reported_in(meeting_round), then=1), default=0))
    numbered = (
        due.annotate(
            numbered=Coalesce("parent_id", "pk"),
            numbered_owner=Case(
                When(parent__isnull=False, then="parent__owner_organisation_id"),
                default="owner_organisation_id",
            ),
        )
        .values("numbered", "workstream_id", "numbered_owner")
        .annotate(reported=all_reported)
    )
    sub_items = (
        due.filter(parent__isnull=False, owner_organisation__isnull=False)
        .values("owner_organisation_id", "parent_id")
        .annotate(reported=all_reported)
    )
    numbered_rows = [
        (row["numbered"], row["workstream_id"], row["numbered_owner"], bool(row["reported"]))
        for row in numbered
    ]
    sub_item_rows = [
        (row["owner_organisation_id"], row["parent_id"], bool(row["reported"])) for row in sub_items
    ]
    lead_ids = defaultdict(list)
    for workstream_id, organisation_id in Workstream.lead_organisations.through.objects.filter(
        workstream__plan=plan
    ).values_list("workstream_id", "organisation_id"):
        lead_ids[workstream_id].append(organisation_id)
    organisations = Organisation.objects.in_bulk(
        {pk for ids in lead_ids.values() for pk in ids}
        | {row[2] for row in numbered_rows if row[2]}
        | {row[0] for row in sub_item_rows}
    )
    leads = {
        workstream_id: [organisations[pk] for pk in ids] for workstream_id, ids in lead_ids.items()
    }
    return _Answers(numbered_rows, sub_item_rows, leads, organisations)


def _reported_in(meeting_round: MeetingRound) -> Q:
    """_is_reported in SQL, of the ``dated_by_meeting`` annotation (Round.includes)."""
    in_round = Q(dated_by_meeting__lte=meeting_round.round.meeting_on)
    if meeting_round.round.opens_on:
        in_round &= Q(dated_by_meeting__gte=meeting_round.round.opens_on)
    return in_round


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


def round_standing(
    items: list[RoundAction],
    meeting_round: MeetingRound,
    workstreams: Iterable[Workstream],
    *,
    today: datetime.date,
) -> RoundStanding:
    """The items of one round counted by numbered action (_standing), with the actions
    not reported yet."""
    standing = _standing(_Answers.of(items), meeting_round, workstreams, today=today)
    standing.not_reported = [item.action for item in items if not item.is_reported]
    return standing


def _standing(
    answers: _Answers,
    meeting_round: MeetingRound,
    workstreams: Iterable[Workstream],
    *,
    today: datetime.date,
) -> RoundStanding:
    """The items of one round counted by numbered action: in all, per workstream (every
    one of `workstreams`), and per responsible organisation (the workstream's leads, the
    action's owner and a sub-item's own), where an organisation's action is reported
    when every open item it answers for is."""
    by_workstream = defaultdict(RoundCount)
    answered: dict[tuple[int, int], bool] = {}
    for numbered_id, workstream_id, owner_id, reported in answers.numbered:
        _count(by_workstream[workstream_id], reported)
        whole = {organisation.pk for organisation in answers.leads.get(workstream_id, ())}
        for organisation_id in whole | ({owner_id} if owner_id else set()):
            answered[organisation_id, numbered_id] = reported
    for organisation_id, numbered_id, reported in answers.sub_items:
        answered.setdefault((organisation_id, numbered_id), reported)
    by_organisation = defaultdict(RoundCount)
    for (organisation_id, _), reported in answered.items():
        _count(by_organisation[organisation_id], reported)
    total = RoundCount()
    for count in by_workstream.values():
        total.due, total.reported = total.due + count.due, total.reported + count.reported
    return RoundStanding(
        meeting_round=meeting_round,
        total=total,
        by_workstream=[(workstream, by_workstream[workstream.pk]) for workstream in workstreams],
        by_organisation=sorted(
            (
                (answers.organisations[organisation_id], count)
                for organisation_id, count in by_organisation.items()
            ),
            key=lambda pair: pair[0].display_name.lower(),
        ),
        when_due=meeting_round.round.when_due(today),
        is_overdue=meeting_round.round.is_overdue(today),
    )


def _count(count: "RoundCount", reported: bool) -> None:
    count.due += 1
    count.reported += reported


def plan_round_standing(plan: ActionPlan, *, today: datetime.date) -> RoundStanding | None:
    """Where the open round stands for a plan (None when no meeting is to come), without
    the list of actions not reported. Five queries: the meetings, the due items, the
    lead organisations, the organisations and the plan's workstreams."""
    rounds = open_rounds([plan.partnership_id], today=today)
    if not rounds:
        return None
    meeting_round = rounds[plan.partnership_id]
    return _standing(
        _plan_round_answers(plan, meeting_round),
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

"""Reads of action plans and their progress, scoped to the partnerships a person belongs to."""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from auditlog.models import LogEntry
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    Expression,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    Window,
)
from django.db.models.functions import Coalesce, NullIf, RowNumber
from django.utils import timezone
from django.utils.formats import date_format

from hcag.audit import EMPTY, FieldChange, HistoryEntry, describe, log_entries_for, logged_with
from partners.rules import LEAD_ROLES
from partners.selectors import partnerships_of, partnerships_visible_to
from workstreams.models import (
    LATEST_FIRST,
    Action,
    ActionPlan,
    Objective,
    Priority,
    ProgressUpdate,
    StatusReview,
    Workstream,
    action_urls,
    status_that_stands,
)
from workstreams.rollup import NO_UPDATE, Progress, roll_up_actions
from workstreams.rollup_sql import workstream_progress

Status = ProgressUpdate.Status
NEEDS_ATTENTION_STATUSES = [Status.AT_RISK, Status.OFF_TRACK]
# Of the actions from reportable_actions(): reported at risk or off track; with a status
# the chair or secretariat challenged; and needing attention for those or for being
# overdue or not updated since the last meeting.
AT_RISK = Q(latest_status__in=NEEDS_ATTENTION_STATUSES)
CHALLENGED = Q(review_outcome=StatusReview.Outcome.CHALLENGED)
NEEDS_ATTENTION = Q(is_overdue=True) | Q(is_stale=True) | AT_RISK | CHALLENGED


def plans_visible_to(user) -> QuerySet[ActionPlan]:
    return ActionPlan.objects.filter(partnership__in=partnerships_visible_to(user))


def workstreams_visible_to(user) -> QuerySet[Workstream]:
    return Workstream.objects.filter(plan__partnership__in=partnerships_visible_to(user))


def actions_visible_to(user) -> QuerySet[Action]:
    return Action.objects.filter(workstream__plan__partnership__in=partnerships_visible_to(user))


def standing_status(update: str, reported: Expression, day: datetime.date | None = None):
    """An expression: the status that stands for the update whose id is the field or
    annotation `update` (with `reported` its lead's status): the reviewer's, when the
    latest review of it (recorded by the end of `day`, if given) revised it, else the
    lead's. The same rule as workstreams.models.status_that_stands, in SQL."""
    reviews = StatusReview.objects.filter(update=OuterRef(update))
    if day is not None:
        reviews = reviews.filter(created_at__lt=end_of(day))
    latest = reviews.order_by(*StatusReview.LATEST_FIRST).values("status")[:1]
    # Only a revising review has a status; any other leaves "", which gives way.
    return Coalesce(NullIf(Subquery(latest), Value("")), reported)


def end_of(day: datetime.date) -> datetime.datetime:
    """The moment a day ends, in the service's time zone: what was recorded before it was
    recorded by the end of that day (compared as it is stored, so an index serves)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min)) + ONE_DAY


ONE_DAY = datetime.timedelta(days=1)


def with_progress(actions: QuerySet[Action]) -> QuerySet[Action]:
    """Annotate each action with whether it has sub-items and how it counts as progress
    rolls up (Action.objects.with_roll_up_terms()). Where it stands now it keeps itself
    (Action.latest_status and the rest of models.KEPT_FROM_UPDATES)."""
    return actions.with_roll_up_terms().annotate(
        has_sub_items=Exists(Action.objects.live().filter(parent=OuterRef("pk"))),
    )


def progress_as_of(
    actions: QuerySet[Action],
    day: datetime.date | None,
    *,
    prefix: str,
    columns: Iterable[str] = ("status", "reported_status", "percent", "as_at", "update_id"),
) -> QuerySet[Action]:
    """Annotate each action with its progress as it stood on `day`: from its latest
    update dated on or before that day (none when it had none; with `day` None, none at
    all), as ``<prefix>_status`` (the status that stood, by the reviews recorded by then:
    standing_status), ``<prefix>_reported_status`` (the lead's), ``<prefix>_percent``,
    ``<prefix>_as_at`` and ``<prefix>_update_id``, or only the `columns` named (one
    subquery each), which may add ``review_outcome``: the outcome of the latest review
    of that update recorded by then. Where an action stands now it keeps itself
    (Action.latest_status and the rest of models.KEPT_FROM_UPDATES)."""
    if day is None:
        updates = ProgressUpdate.objects.none()
    else:
        updates = ProgressUpdate.objects.filter(action=OuterRef("pk"), as_at__lte=day)
    # The status that stood is worked out on the update row itself, so that finding the
    # latest update is not repeated inside the reviews' subquery.
    latest = updates.order_by(*LATEST_FIRST).annotate(
        stood=standing_status("pk", F("status"), day), outcome=latest_review_outcome("pk", day)
    )
    return actions.annotate(
        **{
            f"{prefix}_{name}": Subquery(latest.values(PROGRESS_COLUMNS[name])[:1])
            for name in columns
        }
    )


PROGRESS_COLUMNS = {
    "status": "stood",
    "reported_status": "status",
    "percent": "percent_complete",
    "as_at": "as_at",
    "update_id": "pk",
    "review_outcome": "outcome",
}


def progress_from(status, percent, as_at) -> Progress:
    """Progress from an update's status, percentage and date, as annotated; no status
    means no update."""
    return Progress(status, percent, as_at) if status else NO_UPDATE


def own_progress(action: Action) -> Progress:
    """Progress from an action's latest update, as annotated by with_progress()."""
    return progress_from(action.latest_status, action.latest_percent, action.latest_as_at)


def attach_progress(actions: list[Action], progress_of=own_progress) -> dict[int, list[Action]]:
    """Give each action its sub-items (``sub_item_list``) and its ``progress``, rolling
    sub-items up into their action where its plan has them roll up (``is_rolled_up``).
    The actions carry their roll-up terms (with_progress). Returns the top-level actions
    by workstream id."""
    sub_items: dict[int, list[Action]] = defaultdict(list)
    top_level: dict[int, list[Action]] = defaultdict(list)
    for action in actions:
        action.progress = progress_of(action)
        action.sub_item_list = []
        action.is_rolled_up = False
        if action.parent_id:
            sub_items[action.parent_id].append(action)
        else:
            top_level[action.workstream_id].append(action)
    for workstream_actions in top_level.values():
        for action in workstream_actions:
            action.sub_item_list = sub_items.get(action.pk, [])
            action.is_rolled_up = bool(action.sub_item_list) and action.sub_items_roll_up
            if action.is_rolled_up:
                action.progress = roll_up_actions(action.sub_item_list)
    return top_level


def attach_workstream_progress(
    workstreams: list[Workstream], actions: QuerySet[Action], *, as_of: datetime.date | None = None
):
    """Give each workstream its ``action_list`` (with sub-items) and rolled-up ``progress``,
    and each action the update its progress comes from (``standing_update``, or None) and
    that update's latest review (``standing_review``, or None): as they are now, or, with
    `as_of`, as they stood on that day (progress_as_of)."""
    actions = actions.select_related("owner_organisation")
    if as_of is None:
        listed = list(with_progress(actions).select_related("latest_update"))
        for action in listed:
            action.standing_update = action.latest_update
        top_level = attach_progress(listed)
    else:
        listed = list(progress_as_of(actions.with_roll_up_terms(), as_of, prefix=AS_OF))
        updates = ProgressUpdate.objects.in_bulk(
            [action.as_of_update_id for action in listed if action.as_of_update_id]
        )
        for action in listed:
            action.standing_update = updates.get(action.as_of_update_id)
        top_level = attach_progress(listed, _progress_as_of)
    reviews = latest_reviews(
        [action.standing_update.pk for action in listed if action.standing_update], as_of=as_of
    )
    for action in listed:
        update = action.standing_update
        action.standing_review = reviews.get(update.pk) if update else None
    for workstream in workstreams:
        workstream.action_list = top_level.get(workstream.pk, [])
        workstream.progress = roll_up_actions(workstream.action_list)


AS_OF = "as_of"  # the prefix of progress_as_of()'s annotations for attach_workstream_progress


def _progress_as_of(action: Action) -> Progress:
    return progress_from(action.as_of_status, action.as_of_percent, action.as_of_as_at)


@dataclass(frozen=True)
class PlanOutline:
    """The plan as its report sets it out, with where each part stands."""

    priorities: list[Priority]
    objectives: list[Objective]
    workstreams: list[Workstream]


# The numbered actions the plan page lists of each workstream; its own page lists them all.
OUTLINE_ACTIONS_PER_WORKSTREAM = 5


def plan_outline(plan: ActionPlan) -> PlanOutline:
    """Priorities, objectives, then workstreams with their lead organisations, the
    objectives they support, their progress rolled up from all their actions (in the
    database: rollup_sql), how many numbered actions they have (``action_count``) and
    the first few of them (OUTLINE_ACTIONS_PER_WORKSTREAM), with sub-items, progress and
    address (``action_list``; each with its ``url``). The same few queries whatever the
    plan's size, each returning a row a workstream or a row a listed action."""
    live_numbered = Q(actions__retired_on__isnull=True, actions__parent__isnull=True)
    workstreams = list(
        plan.workstreams.live()
        .annotate(action_count=Count("actions", filter=live_numbered))
        .order_by("letter")  # a Meta ordering does not apply to a query that counts
        .prefetch_related(
            "lead_organisations", Prefetch("objectives", queryset=Objective.objects.live())
        )
    )
    progress = workstream_progress(
        Action.objects.live().reportable().filter(workstream__plan=plan).with_roll_up_terms()
    )
    listed = _first_numbered_actions(plan)
    url_of = action_urls()
    for action in listed:
        action.url = url_of(action.pk)
    top_level = attach_progress(listed)
    for workstream in workstreams:
        workstream.progress = progress.get(workstream.pk, NO_UPDATE)
        workstream.action_list = top_level.get(workstream.pk, [])
    return PlanOutline(
        priorities=list(plan.priorities.live()),
        objectives=list(
            plan.objectives.live().prefetch_related(
                Prefetch("priorities", queryset=Priority.objects.live())
            )
        ),
        workstreams=workstreams,
    )


def _first_numbered_actions(plan: ActionPlan) -> list[Action]:
    """The first few numbered actions of each of the plan's workstreams still in it, and
    their sub-items, with their progress (with_progress), in the plan's order."""
    place = Window(
        RowNumber(), partition_by=[F("workstream_id")], order_by=[F("position"), F("pk")]
    )
    first = (
        Action.objects.live()
        .filter(workstream__plan=plan, workstream__retired_on__isnull=True, parent__isnull=True)
        .annotate(place=place)
        .filter(place__lte=OUTLINE_ACTIONS_PER_WORKSTREAM)
        .values("pk")
    )
    return list(with_progress(Action.objects.live().filter(Q(pk__in=first) | Q(parent__in=first))))


def actions_to_weigh(plan: ActionPlan) -> list[Action]:
    """The plan's actions and sub-items still in it, in its order, with their workstreams
    and parents (for their references): what its roll-up page weighs. One query."""
    return list(
        Action.objects.live()
        .filter(workstream__plan=plan)
        .select_related("workstream", "parent")
        .in_plan_order()
    )


def plan_for_authoring(plan: ActionPlan) -> PlanOutline:
    """Every part of the plan, retired ones too (after those still in it), for the page
    that writes it: each workstream with its ``action_list``, each action with its
    ``sub_item_list``, and each part flagged ``may_move_up`` and ``may_move_down``.
    Seven queries, whatever the plan's size."""
    workstreams = _live_first(
        plan.workstreams.prefetch_related(
            "lead_organisations", Prefetch("objectives", queryset=Objective.objects.live())
        ),
        key=lambda workstream: workstream.letter,
    )
    actions = Action.objects.filter(workstream__plan=plan).select_related(
        "owner_organisation", "owner_person"
    )
    top_level: dict[int, list[Action]] = defaultdict(list)
    sub_items: dict[int, list[Action]] = defaultdict(list)
    for action in actions:
        (
            sub_items[action.parent_id] if action.parent_id else top_level[action.workstream_id]
        ).append(action)
    for workstream in workstreams:
        workstream.action_list = _live_first(
            top_level[workstream.pk], key=lambda action: (action.position, action.pk)
        )
        for action in workstream.action_list:
            action.workstream = workstream  # for its reference, without a query each
            action.sub_item_list = _live_first(
                sub_items[action.pk], key=lambda sub_item: (sub_item.position, sub_item.pk)
            )
            for sub_item in action.sub_item_list:
                sub_item.workstream, sub_item.parent = workstream, action
    return PlanOutline(
        priorities=_live_first(plan.priorities.all(), key=_lettered),
        objectives=_live_first(
            plan.objectives.prefetch_related(
                Prefetch("priorities", queryset=Priority.objects.live())
            ),
            key=_lettered,
        ),
        workstreams=workstreams,
    )


def _lettered(item) -> tuple:
    return (len(item.label), item.label)  # a … z, then aa …


def _live_first(items, *, key) -> list:
    """The items in the order `key` gives, those still in the plan before retired ones,
    each flagged whether it may move up or down among those still in it."""
    listed = sorted(items, key=lambda item: (item.retired_on is not None, key(item)))
    live = [item for item in listed if item.retired_on is None]
    for index, item in enumerate(listed):
        item.may_move_up = item.retired_on is None and index > 0
        item.may_move_down = item.retired_on is None and index < len(live) - 1
    return listed


def workstream_with_progress(workstream: Workstream) -> Workstream:
    attach_workstream_progress([workstream], workstream.actions.live())
    return workstream


@dataclass(frozen=True)
class TimelineEntry:
    update: ProgressUpdate
    changes: list[str]


def action_timeline(action: Action) -> list[TimelineEntry]:
    """Every update of the action, newest first, each with what changed from the one before
    and how the chair or secretariat reviewed it."""
    reviews = StatusReview.objects.select_related("reviewer").order_by("created_at", "pk")
    updates = list(
        action.updates.select_related("author__organisation")
        .prefetch_related(Prefetch("reviews", queryset=reviews))
        .order_by("as_at", "created_at", "pk")
    )
    entries = []
    previous = None
    for update in updates:
        entries.append(TimelineEntry(update, _changes_between(previous, update)))
        previous = update
    return entries[::-1]


def _changes_between(previous: ProgressUpdate | None, update: ProgressUpdate) -> list[str]:
    if previous is None:
        return ["First update"]
    changes = []
    if previous.status != update.status:
        changes.append(f"Status: {previous.get_status_display()} → {update.get_status_display()}")
    if previous.percent_complete != update.percent_complete:
        changes.append(f"Complete: {previous.percent_complete}% → {update.percent_complete}%")
    if previous.confidence != update.confidence:
        changes.append(
            f"Confidence: {previous.get_confidence_display()} → {update.get_confidence_display()}"
        )
    return changes or ["No change in status, percentage or confidence"]


def action_with_progress(action: Action, timeline: list[TimelineEntry]) -> Action:
    """Give the action its sub-items with their progress, and its own progress: rolled up
    from the sub-items where its plan has them roll up (``is_rolled_up``), or from its
    latest update (the first timeline entry)."""
    action.sub_item_list = list(
        with_progress(action.sub_items.live().select_related("owner_organisation"))
    )
    for sub_item in action.sub_item_list:
        sub_item.progress = own_progress(sub_item)
    action.is_rolled_up = bool(action.sub_item_list) and action.workstream.plan.sub_items_roll_up
    if action.is_rolled_up:
        action.progress = roll_up_actions(action.sub_item_list)
    elif timeline:
        latest = timeline[0].update
        reviews = latest.reviews.all()  # oldest first: the last stands
        review = reviews[len(reviews) - 1] if reviews else None
        stood = status_that_stands(
            latest.status, review and review.outcome, review and review.status
        )
        action.progress = Progress(stood, latest.percent_complete, latest.as_at)
        action.reported_status = latest.status if stood != latest.status else None
    else:
        action.progress = NO_UPDATE
    return action


def latest_review_outcome(update: Expression | str, day: datetime.date | None = None) -> Subquery:
    """A subquery: the outcome of the latest review of an update (None if never reviewed),
    or of the latest recorded by the end of `day`."""
    reviews = StatusReview.objects.filter(update=OuterRef(update))
    if day is not None:
        reviews = reviews.filter(created_at__lt=end_of(day))
    return Subquery(reviews.order_by(*StatusReview.LATEST_FIRST).values("outcome")[:1])


@dataclass(frozen=True)
class ReviewedStatus:
    """An update and the latest review of it."""

    update: ProgressUpdate
    review: StatusReview

    @property
    def status(self) -> str:
        return status_that_stands(self.update.status, self.review.outcome, self.review.status)


def last_confirmed_status(action: Action, *, before: ProgressUpdate) -> ReviewedStatus | None:
    """The latest of the action's updates before `before` whose latest review confirmed
    or revised it: the status its reviewers last stood behind."""
    stood_behind = [StatusReview.Outcome.CONFIRMED, StatusReview.Outcome.REVISED]
    earlier = (
        action.updates.exclude(pk=before.pk)
        .filter(as_at__lte=before.as_at)
        .annotate(outcome=latest_review_outcome("pk"))
        .filter(outcome__in=stood_behind)
        .order_by(*LATEST_FIRST)
        .first()
    )
    if earlier is None:
        return None
    return ReviewedStatus(earlier, latest_reviews([earlier.pk])[earlier.pk])


def awaiting_review_by(user, partnership_id: int) -> QuerySet[Action]:
    """The partnership's actions whose latest update awaits a review that `user` may
    record (not of their own update), in the plan's order."""
    reviews = StatusReview.objects.filter(update=OuterRef("latest_update_id"))
    return (
        Action.objects.live()
        .filter(workstream__plan__partnership=partnership_id)
        .filter(latest_update__isnull=False)
        .exclude(latest_author=user)
        .exclude(Exists(reviews))
        .in_plan_order()
    )


def next_awaiting_review(action: Action, user) -> Action | None:
    """The next action after `action` in the plan's order, starting again from the top,
    whose latest update awaits a review `user` may record."""
    waiting = awaiting_review_by(user, action.workstream.plan.partnership_id).exclude(pk=action.pk)
    keys = list(waiting.values_list(*PLAN_ORDER_KEY))
    here = _plan_order_key(action)
    following = next((key for key in keys if key > here), keys[0] if keys else None)
    return Action.objects.get(pk=following[-1]) if following else None


# The values ActionQuerySet.in_plan_order sorts by, to place one action among others.
PLAN_ORDER_KEY = [
    "workstream__plan__title",
    "workstream__letter",
    Coalesce("parent__position", "position"),
    Coalesce("parent_id", Value(0)),  # an action before its sub-items
    "position",
    "pk",
]


def _plan_order_key(action: Action) -> tuple:
    parent = action.parent
    return (
        action.workstream.plan.title,
        action.workstream.letter,
        parent.position if parent else action.position,
        action.parent_id or 0,
        action.position,
        action.pk,
    )


@dataclass(frozen=True)
class StatusesToConfirm:
    """Updates offered for confirming at once: those that may be, and those left out, with
    why."""

    to_confirm: list[ProgressUpdate]
    left_out: list[tuple[ProgressUpdate, str]]


NEWER_UPDATE_SINCE = "a newer update has been added since"
REVIEWED_SINCE = "it has been reviewed since"
OWN_UPDATE = "it is your own update"


def statuses_to_confirm(updates: QuerySet[ProgressUpdate], user) -> StatusesToConfirm:
    """Of the updates, those `user` may confirm now: still their action's latest, with no
    review yet, and not their own (rules.may_review_update)."""
    listed = updates.select_related(
        "author", "action__workstream__plan", "action__parent"
    ).annotate(reviewed=Exists(StatusReview.objects.filter(update=OuterRef("pk"))))
    to_confirm, left_out = [], []
    for update in listed.order_by("action__workstream__letter", "action_id"):
        if update.action.latest_update_id != update.pk:
            left_out.append((update, NEWER_UPDATE_SINCE))
        elif update.reviewed:
            left_out.append((update, REVIEWED_SINCE))
        elif not user.has_perm("workstreams.add_statusreview", update):
            left_out.append((update, OWN_UPDATE))
        else:
            to_confirm.append(update)
    return StatusesToConfirm(to_confirm, left_out)


def latest_reviews(update_ids, *, as_of: datetime.date | None = None) -> dict[int, StatusReview]:
    """The latest review of each update, by update id, for those reviewed; with `as_of`,
    the latest recorded by the end of that day."""
    latest: dict[int, StatusReview] = {}
    reviews = StatusReview.objects.filter(update_id__in=update_ids).select_related("reviewer")
    if as_of is not None:
        reviews = reviews.filter(created_at__lt=end_of(as_of))
    for review in reviews.order_by("update_id", *StatusReview.LATEST_FIRST):
        latest.setdefault(review.update_id, review)
    return latest


def reportable_actions(
    actions: QuerySet[Action], *, today: datetime.date, last_meeting_on: Expression
) -> QuerySet[Action]:
    """The actions that leads report on (Action.objects.reportable()), annotated for
    reporting.

    Besides with_progress()'s annotations: ``due_on`` (ActionQuerySet.with_due_date),
    ``last_meeting_on`` (the date of the meeting that "since the last meeting" counts
    from, an expression the caller gives, since meetings are not this app's to know),
    and the flags
    ``is_overdue``, ``is_stale`` (no update dated after that meeting) and
    ``is_awaiting_review`` (its latest update has no review yet). NEEDS_ATTENTION selects
    those that need attention.
    """
    overdue = Q(due_on__lt=today) & (~Q(latest_status=Status.COMPLETE) | Q(latest_status=None))
    stale = Q(last_meeting_on__isnull=False) & (
        Q(latest_as_at__isnull=True) | Q(latest_as_at__lte=F("last_meeting_on"))
    )
    awaiting_review = Q(latest_update_id__isnull=False) & Q(review_outcome__isnull=True)
    return (
        with_progress(actions.live().reportable().with_due_date())
        .annotate(last_meeting_on=last_meeting_on)
        .annotate(
            is_overdue=ExpressionWrapper(overdue, output_field=BooleanField()),
            is_stale=ExpressionWrapper(stale, output_field=BooleanField()),
            is_awaiting_review=ExpressionWrapper(awaiting_review, output_field=BooleanField()),
        )
        .select_related("workstream__plan", "parent")
    )


def actions_led_by(user) -> QuerySet[Action]:
    """The actions and sub-items a person's organisation is responsible for (see
    Action.responsible_organisation_ids), in the partnerships where they report for it
    (partners.rules.LEAD_ROLES)."""
    organisation = user.organisation_id
    if organisation is None:
        return Action.objects.none()
    partnerships = partnerships_of(user, roles=LEAD_ROLES)
    return (
        Action.objects.to_report_on()
        .filter(workstream__plan__partnership__in=partnerships)
        .filter(
            Q(workstream__in=Workstream.objects.filter(lead_organisations=organisation))
            | Q(owner_organisation=organisation)
            | Q(parent__owner_organisation=organisation)
        )
    )


def attention_counts(actions: QuerySet[Action]) -> dict[str, int]:
    """How many of the actions need attention, and why; one query."""
    return actions.order_by().aggregate(
        total=Count("pk"),
        needs_attention=Count("pk", filter=NEEDS_ATTENTION),
        overdue=Count("pk", filter=Q(is_overdue=True)),
        stale=Count("pk", filter=Q(is_stale=True)),
        at_risk=Count("pk", filter=AT_RISK),
        challenged=Count("pk", filter=CHALLENGED),
    )


def plan_history_entries(plan: ActionPlan) -> QuerySet[LogEntry]:
    """The audit log of the plan's own details, priorities, objectives and workstreams
    (each workstream's actions have their own page)."""
    return log_entries_for(
        ActionPlan.objects.filter(pk=plan.pk),
        Priority.objects.filter(plan=plan),
        Objective.objects.filter(plan=plan),
        Workstream.objects.filter(plan=plan),
    )


def workstream_history_entries(workstream: Workstream) -> QuerySet[LogEntry]:
    """The audit log of the workstream, its actions and their updates, deleted ones too."""
    return log_entries_for(
        Workstream.objects.filter(pk=workstream.pk),
        Action.objects.filter(workstream=workstream),
        ProgressUpdate.objects.filter(action__workstream=workstream),
        also=logged_with(Action, workstream=workstream.pk)
        | logged_with(ProgressUpdate, workstream=workstream.pk),
    )


@dataclass(frozen=True)
class ChangeInWords:
    """One change to an action, as a sentence: who did what, and any words of theirs."""

    when: datetime.datetime
    who: str
    what: str
    their_words: str = ""


def action_changes(action: Action) -> list[ChangeInWords]:
    """Everything that happened to the action and its sub-items, newest first, in plain
    words: edits (from the audit log, removed sub-items included), progress updates and
    the reviews of them."""
    within = Q(action=action) | Q(action__parent=action)
    edits = describe(
        list(
            log_entries_for(
                Action.objects.filter(Q(pk=action.pk) | Q(parent=action)),
                also=logged_with(Action, parent=action.pk),
            )
        )
    )
    updates = ProgressUpdate.objects.filter(within).select_related(
        "author", "action__workstream", "action__parent"
    )
    reviews = StatusReview.objects.filter(update__in=ProgressUpdate.objects.filter(within))
    reviews = reviews.select_related(
        "reviewer", "update__action__workstream", "update__action__parent"
    )
    changes = [
        *(change for entry in edits for change in _edit_in_words(entry)),
        *(_update_in_words(update) for update in updates),
        *(_review_in_words(review) for review in reviews),
    ]
    return sorted(changes, key=lambda change: change.when, reverse=True)


def _edit_in_words(entry: HistoryEntry) -> list[ChangeInWords]:
    reference = entry.object_repr.split(" ", 1)[0]
    if entry.verb == "Created":
        return [ChangeInWords(entry.timestamp, entry.actor, f"added {entry.object_repr}")]
    if entry.verb == "Deleted":
        return [ChangeInWords(entry.timestamp, entry.actor, f"removed {entry.object_repr}")]
    return [
        ChangeInWords(entry.timestamp, entry.actor, _field_change_in_words(change, reference))
        for change in entry.changes
    ]


def _field_change_in_words(change: FieldChange, reference: str) -> str:
    field = f"the {change.field.lower()} of {reference}"
    if not change.old:  # a many-to-many change: "Added: …" or "Removed: …"
        return f"changed {field}: {change.new}"
    if change.old == EMPTY:
        return f"set {field} to “{change.new}”"
    if change.new == EMPTY:
        return f"cleared {field}, which was “{change.old}”"
    return f"changed {field} from “{change.old}” to “{change.new}”"


def _update_in_words(update: ProgressUpdate) -> ChangeInWords:
    percent = "" if update.status == Status.COMPLETE else f", {update.percent_complete}% complete"
    return ChangeInWords(
        update.created_at,
        str(update.author),
        f"reported {update.action.reference} {update.get_status_display().lower()}{percent}, "
        f"as at {date_format(update.as_at)}, with {update.get_confidence_display().lower()} "
        "confidence of delivery",
        update.narrative,
    )


def _review_in_words(review: StatusReview) -> ChangeInWords:
    update = review.update
    reported = f"the status of {update.action.reference} reported as at {date_format(update.as_at)}"
    what = {
        StatusReview.Outcome.CONFIRMED: f"confirmed {reported}",
        StatusReview.Outcome.CHALLENGED: f"challenged {reported}",
        StatusReview.Outcome.REVISED: f"gave {update.action.reference} the status "
        f"{review.get_status_display().lower()} instead of "
        f"{update.get_status_display().lower()}, as at {date_format(update.as_at)}",
    }[review.outcome]
    return ChangeInWords(review.created_at, str(review.reviewer), what, review.comment)


def my_actions_workstreams(actions: QuerySet[Action]) -> QuerySet[Workstream]:
    """The workstreams of a list of actions, to filter it by."""
    return Workstream.objects.filter(pk__in=actions.values("workstream")).select_related("plan")


def brought_forward_from(action: Action) -> Action | None:
    """The action of last year's plan that `action` carries on, with its latest progress
    (``with_progress``), or None."""
    if action.predecessor_id is None:
        return None
    return (
        with_progress(Action.objects.filter(pk=action.predecessor_id))
        .select_related("workstream__plan", "parent")
        .first()
    )

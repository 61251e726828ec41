"""The plan dashboard: where each workstream, objective and priority stands.

Everything is read from the plan's reportable actions (those without sub-items) in a
fixed number of queries; statuses roll up by the rules of workstreams.rollup, and the
counts use the same flags (overdue, stale, challenged, awaiting review) as the lists they
link to.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from workstreams.models import (
    Action,
    ActionPlan,
    Objective,
    Priority,
    ProgressUpdate,
    Workstream,
)
from workstreams.rollup import NO_UPDATE, Progress, roll_up
from workstreams.rollup_sql import workstream_progress
from workstreams.selectors import CHALLENGED
from workstreams.snapshots import (
    history_dates,
    keep_workstream_points,
    kept_workstream_points,
    progress_at_days,
    workstream_fingerprints,
)

Status = ProgressUpdate.Status
# The columns of the status counts, in the order a reader weighs them.
STATUS_ORDER = [
    Status.OFF_TRACK,
    Status.AT_RISK,
    Status.ON_TRACK,
    Status.NOT_STARTED,
    Status.COMPLETE,
    None,
]


@dataclass
class Counts:
    """How many reportable actions stand where; None counts those with no update yet."""

    by_status: dict[str | None, int] = field(default_factory=lambda: dict.fromkeys(STATUS_ORDER, 0))
    overdue: int = 0
    stale: int = 0
    challenged: int = 0
    awaiting_review: int = 0

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    def status_columns(self) -> list[tuple[str | None, int]]:
        return [(status, self.by_status[status]) for status in STATUS_ORDER]


@dataclass
class WorkstreamStanding:
    workstream: Workstream
    progress: Progress
    counts: Counts
    has_actions: bool

    @property
    def latest_update(self) -> datetime.date | None:
        return self.progress.as_at


@dataclass
class ObjectiveStanding:
    objective: Objective
    workstreams: list[WorkstreamStanding]

    @property
    def progress(self) -> Progress:
        return roll_up([standing.progress for standing in self.workstreams])

    @property
    def is_gap(self) -> bool:
        """No workstream with any action supports it."""
        return not any(standing.has_actions for standing in self.workstreams)


@dataclass
class PriorityStanding:
    priority: Priority
    objectives: list[ObjectiveStanding]

    @property
    def progress(self) -> Progress:
        return roll_up([standing.progress for standing in self.objectives])

    @property
    def is_gap(self) -> bool:
        return all(standing.is_gap for standing in self.objectives)


@dataclass
class HistoryRow:
    workstream: Workstream
    points: list[Progress]


@dataclass
class StatusHistory:
    dates: list[datetime.date]
    rows: list[HistoryRow]


@dataclass
class Dashboard:
    workstreams: list[WorkstreamStanding]
    objectives: list[ObjectiveStanding]
    priorities: list[PriorityStanding]
    totals: Counts
    history: StatusHistory


def plan_dashboard(
    plan: ActionPlan, actions: QuerySet[Action], *, today: datetime.date, filtered=False
) -> Dashboard:
    """The dashboard over `actions`: the plan's reportable actions (see
    selectors.reportable_actions), narrowed by whatever filters the reader chose. When
    they are `filtered`, workstreams with no action counted are left out, everywhere."""
    workstreams = list(
        plan.workstreams.live()
        .prefetch_related("lead_organisations")
        .annotate(action_count=Count("actions", filter=Q(actions__retired_on__isnull=True)))
        .order_by("letter")  # a Meta ordering does not apply to a query that counts
    )
    dates = history_dates(today)
    rows = _rows(actions)
    standings = _workstream_standings(workstreams, actions)
    if filtered:
        standings = {pk: s for pk, s in standings.items() if s.counts.total}
    objectives = _objective_standings(plan, standings)
    shown = list(standings.values())
    return Dashboard(
        workstreams=shown,
        objectives=objectives,
        priorities=_priority_standings(plan, objectives, filtered=filtered),
        totals=_totals(standings.values()),
        history=_status_history(plan, shown, rows, dates, filtered=filtered),
    )


@dataclass(slots=True)
class _Row:
    """One counted action, and how it counts as progress rolls up
    (Action.objects.with_roll_up_terms()): for the status over time."""

    pk: int
    workstream_id: int
    parent_id: int | None
    weight: int
    parent_weight: int | None
    sub_items_roll_up: bool
    update_count: int


def _rows(actions: QuerySet[Action]) -> list[_Row]:
    counted = actions.select_related(None).order_by().with_parent_roll_up_weight()
    values = counted.values_list(
        "pk", "workstream_id", "parent_id", "roll_up_weight", "parent_roll_up_weight",
        "sub_items_roll_up", "update_count",
    )  # fmt: skip
    return [_Row(*row) for row in values]


@dataclass(slots=True)
class _Parts:
    """The parts that roll up into one whole, with their weights, at each of the points."""

    weights: list[int]
    points: list[list[Progress]]

    @classmethod
    def at(cls, count: int) -> "_Parts":
        return cls([], [[] for _ in range(count)])

    def add(self, weight: int, progress_at_points: Iterable[Progress]) -> None:
        self.weights.append(weight)
        for parts, progress in zip(self.points, progress_at_points, strict=True):
            parts.append(progress)

    def rolled_up(self) -> list[Progress]:
        return [roll_up(parts, self.weights) for parts in self.points]


def _progress_units(rows: list[_Row], points_of, count: int) -> dict[int, _Parts]:
    """The progress of each workstream's numbered actions at each of `count` points, by
    workstream: an action's own, or its sub-items' rolled up where its plan has them roll
    up (rows hold only the actions reported on, Action.objects.reportable()). `points_of`
    gives a row's progress at the points. One pass."""
    units: dict[int, _Parts] = {}
    sub_items: dict[tuple[int, int, int], _Parts] = {}
    for row in rows:
        if not row.parent_id:
            parts = units.get(row.workstream_id) or units.setdefault(
                row.workstream_id, _Parts.at(count)
            )
        elif row.sub_items_roll_up:
            key = (row.workstream_id, row.parent_id, row.parent_weight)
            parts = sub_items.get(key) or sub_items.setdefault(key, _Parts.at(count))
        else:
            continue  # a sub-item that stands on its own counts in no roll-up
        parts.add(row.weight, points_of(row))
    for (workstream_id, _, parent_weight), parts in sub_items.items():
        units.setdefault(workstream_id, _Parts.at(count)).add(parent_weight, parts.rolled_up())
    return units


def _workstream_standings(
    workstreams: list[Workstream], actions: QuerySet[Action]
) -> dict[int, WorkstreamStanding]:
    counts = _counts_by_workstream(actions)
    progress = workstream_progress(actions.select_related(None))
    return {
        workstream.pk: WorkstreamStanding(
            workstream=workstream,
            progress=progress.get(workstream.pk, NO_UPDATE),
            counts=counts.get(workstream.pk) or Counts(),
            has_actions=workstream.action_count > 0,
        )
        for workstream in workstreams
    }


def _counts_by_workstream(actions: QuerySet[Action]) -> dict[int, Counts]:
    """How many of the counted actions of each workstream stand where, and carry each
    flag: one query, a row a workstream."""
    by_status = {
        f"status_{index}": Count("pk", filter=Q(latest_status=status))
        for index, status in enumerate(STATUS_ORDER)
    }
    rows = (
        actions.select_related(None)
        .order_by()
        .values("workstream_id")
        .annotate(
            **by_status,
            overdue=Count("pk", filter=Q(is_overdue=True)),
            stale=Count("pk", filter=Q(is_stale=True)),
            challenged=Count("pk", filter=CHALLENGED),
            awaiting_review=Count("pk", filter=Q(is_awaiting_review=True)),
        )
    )
    return {
        row["workstream_id"]: Counts(
            by_status={status: row[f"status_{i}"] for i, status in enumerate(STATUS_ORDER)},
            overdue=row["overdue"],
            stale=row["stale"],
            challenged=row["challenged"],
            awaiting_review=row["awaiting_review"],
        )
        for row in rows
    }


def _totals(standings) -> Counts:
    totals = Counts()
    for standing in standings:
        for status, number in standing.counts.by_status.items():
            totals.by_status[status] += number
        totals.overdue += standing.counts.overdue
        totals.stale += standing.counts.stale
        totals.challenged += standing.counts.challenged
        totals.awaiting_review += standing.counts.awaiting_review
    return totals


def _objective_standings(plan, standings) -> list[ObjectiveStanding]:
    objectives = plan.objectives.live().prefetch_related("workstreams")
    return [
        ObjectiveStanding(
            objective=objective,
            workstreams=[standings[w.pk] for w in objective.workstreams.all() if w.pk in standings],
        )
        for objective in objectives
    ]


def _priority_standings(
    plan, objectives: list[ObjectiveStanding], *, filtered: bool
) -> list[PriorityStanding]:
    """Each priority with the objectives serving it: when filtered, only those with a
    workstream that has actions matching the filters."""
    by_objective = {
        standing.objective.pk: standing
        for standing in objectives
        if standing.workstreams or not filtered
    }
    priorities = plan.priorities.live().prefetch_related("objectives")
    return [
        PriorityStanding(
            priority=priority,
            objectives=[
                by_objective[objective.pk]
                for objective in priority.objectives.all()
                if objective.pk in by_objective
            ],
        )
        for priority in priorities
    ]


def _status_history(
    plan, standings: list[WorkstreamStanding], rows: list[_Row], dates, *, filtered: bool
) -> StatusHistory:
    """Each workstream at each past month end, and today as it stands now. Unfiltered, as
    kept for the workstream where what it rolls up from is unchanged (workstreams.
    snapshots); otherwise rolled up from its actions' kept snapshots."""
    month_ends = dates[:-1]
    if filtered:
        points = _rolled_up_month_ends(plan, rows, month_ends)
    else:
        parts: dict[int, list[tuple]] = defaultdict(list)
        for row in rows:
            parts[row.workstream_id].append(
                (row.pk, row.parent_id, row.weight, row.parent_weight, row.sub_items_roll_up,
                 row.update_count)
            )  # fmt: skip
        fingerprints = workstream_fingerprints(parts, month_ends)
        points = kept_workstream_points(fingerprints, month_ends)
        if missing := set(fingerprints) - set(points):
            worked_out = _rolled_up_month_ends(
                plan, [row for row in rows if row.workstream_id in missing], month_ends
            )
            keep_workstream_points(worked_out, fingerprints, month_ends)
            points.update(worked_out)
    never = [NO_UPDATE] * len(month_ends)
    return StatusHistory(
        dates=dates,
        rows=[
            HistoryRow(s.workstream, [*points.get(s.workstream.pk, never), s.progress])
            for s in standings
        ],
    )


def _rolled_up_month_ends(plan, rows: list[_Row], month_ends) -> dict[int, list[Progress]]:
    """Each workstream with rows at each of the month ends, rolled up from its actions'
    kept snapshots."""
    histories = progress_at_days(plan, [row.pk for row in rows], month_ends)
    units = _progress_units(rows, lambda row: histories[row.pk], len(month_ends))
    return {workstream_id: parts.rolled_up() for workstream_id, parts in units.items()}

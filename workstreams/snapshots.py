"""Where each action stood at the end of past days, and each workstream at the end of
each of the last few months: the dashboard's status over time and the chair's briefing's
"then", kept in ProgressSnapshot and WorkstreamSnapshot rather than replayed from every
update on every view.

A day that has passed changes only when an update dated on or before it is added
(reviews count from when they are recorded, and updates are never changed or deleted),
so ProgressUpdate.save() calls keep_snapshots_from(), under its lock on the action, and
snapshots missing for any other reason (a new month, a meeting compared with for the
first time, updates created in bulk) are worked out when first read. Both work out where
an action stood with selectors.progress_as_of, the rule the rest of the service uses for
progress on a past day.

A workstream's snapshots are rolled up from its actions' by the dashboard (which has the
roll-up) and kept with a fingerprint of what they were rolled up from: which actions,
how each counts in the roll-up, and how many updates each has (Action.update_count,
kept with its latest update), which changes whenever an update is added and so whenever
an action's snapshots are worked out again by keep_snapshots_from(). A workstream
snapshot whose fingerprint no longer matches is simply worked out again; updates and
reviews created in bulk forget both kinds (models.refresh_latest_updates).
"""

import calendar
import datetime
import hashlib
from collections import defaultdict
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from workstreams.models import Action, ActionPlan, ProgressSnapshot, WorkstreamSnapshot
from workstreams.rollup import Progress
from workstreams.selectors import progress_as_of, progress_from

HISTORY_MONTHS = 6
COLUMNS = ("status", "percent")


def history_dates(today: datetime.date, months: int = HISTORY_MONTHS) -> list[datetime.date]:
    """The last day of each of the previous `months` months, then today."""
    dates = []
    year, month = today.year, today.month
    for _ in range(months):
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        dates.append(datetime.date(year, month, calendar.monthrange(year, month)[1]))
    return [*reversed(dates), today]


def progress_at_days(
    plan: ActionPlan, action_ids: Sequence[int], days: Sequence[datetime.date]
) -> dict[int, list[Progress]]:
    """Where each of the plan's actions named stood at the end of each of the past
    `days`, oldest first, by action id: the status and percentage (the date of the update
    that put it there is not kept). The plan's are read, rather than the actions named,
    as a list of thousands of ids costs more than the few others. One query when every
    snapshot is kept, and two more when any is missing: those are worked out and kept."""
    progress = _ProgressOnce()
    kept: dict[int, list[Progress]] = defaultdict(list)
    rows = (
        ProgressSnapshot.objects.filter(action__workstream__plan=plan, day__in=days)
        .order_by("action_id", "day")
        .values_list("action_id", "status", "percent")
    )
    for action_id, status, percent in rows:
        kept[action_id].append(progress(status, percent))
    missing = [pk for pk in action_ids if len(kept[pk]) != len(days)]
    if missing:
        for pk in missing:
            kept[pk] = []
        for snapshot in _work_out(missing, days, update_conflicts=False):
            kept[snapshot.action_id].append(progress(snapshot.status, snapshot.percent))
    return {pk: kept[pk] for pk in action_ids}


def progress_at_day(action_ids: Sequence[int], day: datetime.date) -> dict[int, Progress]:
    """Where each of the actions named stood at the end of `day`, a day that is over, by
    action id: as kept, and worked out and kept where none is (two more queries). Every
    snapshot kept for that day is read, by its index, rather than the actions named (a
    list of thousands of ids) or joined to them: a day's snapshots are written in one go
    when it is first read, before the planner's statistics know of them, and a join
    planned on those can cost a thousand times more than the read."""
    progress = _ProgressOnce()
    wanted = set(action_ids)
    kept = {
        action_id: progress(status, percent)
        for action_id, status, percent in ProgressSnapshot.objects.filter(day=day).values_list(
            "action_id", "status", "percent"
        )
        if action_id in wanted
    }
    if missing := [pk for pk in action_ids if pk not in kept]:
        for snapshot in _work_out(missing, [day], update_conflicts=False):
            kept[snapshot.action_id] = progress(snapshot.status, snapshot.percent)
    return kept


class _ProgressOnce(dict):
    """One Progress for each status and percentage read: most actions stand at many
    month ends where they stood at the one before, and many where others do."""

    def __call__(self, status: str, percent: int | None) -> Progress:
        key = (status, percent)
        found = self.get(key)
        if found is None:
            found = self[key] = progress_from(status, percent, None)
        return found


def keep_snapshots_from(action_id: int, day: datetime.date) -> None:
    """An update dated `day` was added to the action: forget where it stood at the end of
    each day since, and work out again the month ends within the history, as new rows.
    They replace whatever a reader working from the data before this update may be
    keeping at the same moment; other days are worked out when next read."""
    month_ends = [end for end in history_dates(timezone.localdate())[:-1] if end >= day]
    with transaction.atomic():
        ProgressSnapshot.objects.filter(action_id=action_id, day__gte=day).delete()
        if month_ends:
            _work_out([action_id], month_ends, update_conflicts=True)


def _work_out(
    action_ids: list[int], days: Sequence[datetime.date], *, update_conflicts: bool
) -> list[ProgressSnapshot]:
    """Where the actions stood at the end of the `days`, kept, in the order of the days:
    two queries. A reader keeps what it worked out only where nothing is kept yet
    (`update_conflicts` False); a writer replaces it."""
    actions = Action.objects.filter(pk__in=action_ids)
    for index, day in enumerate(days):
        actions = progress_as_of(actions, day, prefix=f"at{index}", columns=COLUMNS)
    columns = [f"at{index}_{column}" for index in range(len(days)) for column in COLUMNS]
    stood = {row["pk"]: row for row in actions.values("pk", *columns)}
    snapshots = [
        ProgressSnapshot(
            action_id=pk,
            day=day,
            status=stood[pk][f"at{index}_status"] or "",
            percent=stood[pk][f"at{index}_percent"],
        )
        for index, day in enumerate(days)
        for pk in action_ids
    ]
    conflicts = (
        {"update_conflicts": True, "unique_fields": ["action", "day"],
         "update_fields": list(COLUMNS)}
        if update_conflicts
        else {"ignore_conflicts": True}
    )  # fmt: skip
    ProgressSnapshot.objects.bulk_create(snapshots, **conflicts)
    return snapshots


def workstream_fingerprints(
    parts: dict[int, list[tuple]], month_ends: Sequence[datetime.date]
) -> dict[int, str]:
    """A fingerprint for each workstream of what its snapshots at the `month_ends` roll up
    from: its `parts`, each action counted, how it counts and how many updates it has
    (any tuple of values that changes when those do)."""
    return {
        workstream_id: hashlib.sha256(repr((sorted(rows), list(month_ends))).encode()).hexdigest()
        for workstream_id, rows in parts.items()
    }


def kept_workstream_points(
    fingerprints: dict[int, str], month_ends: Sequence[datetime.date]
) -> dict[int, list[Progress]]:
    """The kept snapshots of each workstream whose fingerprint still matches at every one
    of the `month_ends`, oldest first, by workstream id. One query."""
    kept: dict[int, list[Progress]] = defaultdict(list)
    rows = (
        WorkstreamSnapshot.objects.filter(workstream_id__in=fingerprints, month_end__in=month_ends)
        .order_by("workstream_id", "month_end")
        .values_list("workstream_id", "fingerprint", "status", "percent")
    )
    for workstream_id, fingerprint, status, percent in rows:
        if fingerprint == fingerprints[workstream_id]:
            kept[workstream_id].append(progress_from(status, percent, None))
    return {pk: points for pk, points in kept.items() if len(points) == len(month_ends)}


def keep_workstream_points(
    points: dict[int, list[Progress]],
    fingerprints: dict[int, str],
    month_ends: Sequence[datetime.date],
) -> None:
    """Keep the workstreams' `points` at the `month_ends`, with the fingerprints of what
    they were rolled up from. One query."""
    WorkstreamSnapshot.objects.bulk_create(
        [
            WorkstreamSnapshot(
                workstream_id=workstream_id,
                month_end=month_end,
                status=progress.status or "",
                percent=progress.percent,
                fingerprint=fingerprints[workstream_id],
            )
            for workstream_id, workstream_points in points.items()
            for month_end, progress in zip(month_ends, workstream_points, strict=True)
        ],
        update_conflicts=True,
        unique_fields=["workstream", "month_end"],
        update_fields=["status", "percent", "fingerprint"],
    )

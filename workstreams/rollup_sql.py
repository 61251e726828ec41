"""The rule of workstreams.rollup, worked in the database: each workstream's progress
rolled up from thousands of actions in one query that returns a row a workstream, for
the pages that show workstreams rather than actions (the plan page, the dashboard).

The two steps are those of rollup.roll_up: each numbered action's progress (its own, or
its sub-items' rolled up where its plan has them roll up), then the workstream's from
its numbered actions'. The first is a grouped query written with the ORM; the second
sums its rows in plain SQL around it (the ORM cannot aggregate over aggregates), and the
last step, the status from the statuses present and the rounded mean, is rollup's own
Python. tests/workstreams/test_rollup_sql.py checks the two agree on random plans.
"""

from django.db import connection, models
from django.db.models import Case, Count, F, Max, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce, Mod
from django.db.models.lookups import Exact, GreaterThan

from workstreams.models import Action, ProgressUpdate
from workstreams.rollup import NO_UPDATE, Progress, rolled_up_status

Status = ProgressUpdate.Status
# Each status a numbered action may have, and None (no update): the column counting it.
STATUS_COLUMNS = {
    Status.COMPLETE: "complete",
    Status.OFF_TRACK: "off_track",
    Status.AT_RISK: "at_risk",
    Status.ON_TRACK: "on_track",
    Status.NOT_STARTED: "not_started",
    None: "no_update",
}
REPORTED = [status for status in STATUS_COLUMNS if status]


def workstream_progress(actions: QuerySet[Action]) -> dict[int, Progress]:
    """The progress of each workstream with any of `actions` counted, by workstream id:
    `actions` are reportable ones (Action.objects.reportable(), ideally live()), with
    their roll-up terms (with_roll_up_terms()). Sub-items that stand on their own count
    in no roll-up. One query."""
    inner, params = _numbered_actions(actions).query.sql_with_params()
    counted = ", ".join("SUM(CASE WHEN unit_status = %s THEN 1 ELSE 0 END)" for _ in REPORTED)
    sql = (
        f"SELECT workstream_id, SUM(unit_percent * unit_weight), SUM(unit_weight), "  # noqa: S608
        f"MAX(unit_as_at), SUM(CASE WHEN unit_status IS NULL THEN 1 ELSE 0 END), {counted} "
        f"FROM ({inner}) numbered GROUP BY workstream_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*REPORTED, *params])
        rows = cursor.fetchall()
    return {row[0]: _progress(*row[1:]) for row in rows}


def _progress(weighted, weights, as_at, no_update, *counts) -> Progress:
    present = {status for status, count in zip(REPORTED, counts, strict=True) if count}
    if no_update:
        present.add(None)
    if not weights:
        return NO_UPDATE
    return Progress(
        status=rolled_up_status(present),
        percent=round(weighted / weights),
        as_at=models.DateField().to_python(as_at),
    )


def _numbered_actions(actions: QuerySet[Action]) -> QuerySet:
    """A row a numbered action: its workstream, its weight in the workstream's roll-up,
    and its progress (``unit_status``, ``unit_percent``, ``unit_as_at``) from its own
    row or its sub-items' rows."""
    rolls_in = Q(parent__isnull=False, sub_items_roll_up=True)
    parts = (
        actions.with_parent_roll_up_weight()
        .exclude(parent__isnull=False, sub_items_roll_up=False)
        .annotate(
            unit=Case(When(rolls_in, then=F("parent_id")), default=F("pk")),
            unit_weight=Case(
                When(rolls_in, then=F("parent_roll_up_weight")), default=F("roll_up_weight")
            ),
        )
        .order_by()
        .values("workstream_id", "unit", "unit_weight")
    )
    by_status = {
        column: Count("pk", filter=Q(latest_status=status) if status else Q(latest_status=None))
        for status, column in STATUS_COLUMNS.items()
    }
    return (
        parts.annotate(
            weighted=Sum(Coalesce("latest_percent", Value(0)) * F("roll_up_weight")),
            weights=Sum("roll_up_weight"),
            parts=Count("pk"),
            unit_as_at=Max("latest_as_at"),
            **by_status,
        )
        .annotate(unit_percent=_rounded_half_to_even(F("weighted"), F("weights")))
        .annotate(unit_status=_status_of_parts())
        .values("workstream_id", "unit_weight", "unit_percent", "unit_as_at", "unit_status")
    )


def _rounded_half_to_even(numerator, denominator):
    """numerator / denominator (whole, not negative) rounded as Python's round() does:
    a half to the even neighbour."""
    whole = models.ExpressionWrapper(numerator / denominator, output_field=models.IntegerField())
    twice_left = (numerator - whole * denominator) * Value(2)
    return whole + Case(
        When(GreaterThan(twice_left, denominator), then=Value(1)),
        When(Exact(twice_left, denominator), then=Mod(whole, Value(2))),
        default=Value(0),
        output_field=models.IntegerField(),
    )


def _status_of_parts():
    """rollup.rolled_up_status, from the counts of the parts' statuses."""
    complete, off_track, at_risk = F("complete"), F("off_track"), F("at_risk")
    return Case(
        When(Exact(complete, F("parts")), then=Value(Status.COMPLETE)),
        When(GreaterThan(off_track, 0), then=Value(Status.OFF_TRACK)),
        When(GreaterThan(at_risk, 0), then=Value(Status.AT_RISK)),
        When(GreaterThan(F("on_track") + complete, 0), then=Value(Status.ON_TRACK)),
        When(Exact(F("no_update"), F("parts")), then=Value(None)),
        default=Value(Status.NOT_STARTED),
        output_field=models.CharField(),
    )

"""Each measure of a partnership with its latest period and flags: for the trends page,
the plan dashboard and the chair's briefing."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from partners.models import Partnership
from trends.models import Area, Count, Measure, StatisticsImport
from trends.periods import Period, out_of_date
from trends.selectors.flags import FlagSeen, flags_raised, flags_seen
from trends.selectors.measure_page import PER_YEAR
from trends.selectors.series import Series, count_rows
from trends.suppression import Suppression, counts_suppressed


@dataclass(frozen=True)
class MeasureOverview:
    measure: Measure
    latest: Period | None
    flags: list[FlagSeen]
    illustrative: bool
    out_of_date: str | None = None  # how old the latest figures are, when too old


def partnership_overview(
    partnership: Partnership, *, sees_small_numbers: bool, today: datetime.date | None = None
) -> list[MeasureOverview]:
    """Each measure with its latest period, whether that is out of date by `today` (see
    trends.periods.out_of_date), and the flags on its series' latest periods: for the
    trends page, the dashboard and the chair's briefing."""
    today = today or timezone.localdate()
    measures = list(partnership.measures.prefetch_related("objectives"))
    counts = defaultdict(list)
    for count in count_rows(Count.objects.filter(measure__partnership=partnership)):
        counts[count.measure_id].append(count)
    threshold = partnership.small_number_threshold
    overview = []
    for measure in measures:
        items = counts[measure.pk]
        series = Series(items)
        raised = flags_raised(measure, series, latest_only=True)
        # Which counts are hidden only matters for what a flag may state, and most
        # measures have none.
        if raised and not sees_small_numbers:
            suppression = counts_suppressed(items, threshold)
        else:
            suppression = Suppression(threshold)
        latest, _ = flags_seen(raised, suppression, today=today)
        last = max(
            (max(points) for points in series.by_key.values()),
            key=lambda p: (p.end, -PER_YEAR[p.kind]),
            default=None,
        )
        illustrative = any(c.illustrative for c in items)
        age = out_of_date(last, today) if last else None
        overview.append(MeasureOverview(measure, last, latest, illustrative, age))
    return overview


@dataclass(frozen=True)
class StatisticsIndex:
    """What the partnership's statistics page shows."""

    overview: list[MeasureOverview]
    flagged: list[tuple[Measure, FlagSeen]]
    # Left as querysets, so that they are only read for the secretariat, who sees them.
    areas: QuerySet[Area]
    imports: QuerySet[StatisticsImport]  # the latest few

    @property
    def illustrative(self) -> bool:
        return any(item.illustrative for item in self.overview)


def statistics_index(partnership: Partnership, *, sees_small_numbers: bool) -> StatisticsIndex:
    overview = partnership_overview(partnership, sees_small_numbers=sees_small_numbers)
    return StatisticsIndex(
        overview=overview,
        flagged=flags_in(overview),
        areas=partnership.areas.select_related("part_of"),
        imports=partnership.statistics_imports.select_related("imported_by")[:5],
    )


def flags_in(overview: list[MeasureOverview]) -> list[tuple[Measure, FlagSeen]]:
    return [(item.measure, seen) for item in overview for seen in item.flags]


def statistics_by_objective(overview: list[MeasureOverview], objectives) -> list[tuple]:
    """(objective, its measures' overviews) for each objective that has measures, in the
    objectives' order."""
    rows = []
    for objective in objectives:
        linked = [item for item in overview if objective in item.measure.objectives.all()]
        if linked:
            rows.append((objective, linked))
    return rows

"""A measure's trend page: charts and tables of its counts over time, by area and strand,
with their changes, totals and shares, and its emerging-trend flags."""

from dataclasses import dataclass

from django.utils import timezone

from trends.analysis import changes, financial_year_totals, rolling_totals, shares
from trends.charts import Chart, line_chart
from trends.models import ALL_STRANDS, Measure
from trends.periods import MONTH, QUARTER, YEAR, Period
from trends.selectors.figures import (
    KIND_NOUNS,
    KIND_TITLES,
    NO_FIGURE,
    Figure,
    Table,
    change_figure,
    count_figure,
    share_figure,
    total_figure,
)
from trends.selectors.flags import FlagSeen, flags_raised, flags_seen
from trends.selectors.series import STRAND_NAMES, STRAND_ORDER, CountRow, Series, count_rows
from trends.suppression import Suppression, count_key, counts_suppressed

PER_YEAR = {MONTH: 12, QUARTER: 4, YEAR: 1}
PREVIOUS = {MONTH: "Change on the month before", QUARTER: "Change on the quarter before"}
YEAR_BEFORE = {
    MONTH: "Change on the same month a year before",
    QUARTER: "Change on the same quarter a year before",
    YEAR: "Change on the year before",
}


@dataclass(frozen=True)
class AreaDetail:
    area: str
    table: Table | None  # all strands: counts, changes and rolling totals
    strands: Table | None
    strand_chart: Chart | None
    shares: Table | None


@dataclass(frozen=True)
class Section:
    kind: str
    chart: Chart
    table: Table  # the chart's figures
    areas: list[AreaDetail]
    added_up: bool  # some years' totals are added up from their months or quarters

    @property
    def title(self) -> str:
        return KIND_TITLES[self.kind]


@dataclass(frozen=True)
class MeasureTrends:
    measure: Measure
    threshold: int
    sections: list[Section]
    latest_flags: list[FlagSeen]
    earlier_flags: list[FlagSeen]
    sources: list[str]
    notes: list[str]
    illustrative: bool
    small: int  # how many counts are hidden as small
    withheld: int  # and how many withheld to protect them

    @property
    def hidden(self) -> int:
        return self.small + self.withheld


def suppression_for(
    counts: list[CountRow], threshold: int, *, sees_small_numbers: bool
) -> Suppression:
    """What a reader does not see of a measure's counts: nothing, for one who sees small
    numbers; else the small counts and those that would give them away."""
    return Suppression(threshold) if sees_small_numbers else counts_suppressed(counts, threshold)


def measure_trends(measure: Measure, *, sees_small_numbers: bool) -> MeasureTrends:
    counts = count_rows(measure.counts, described=True)
    threshold = measure.partnership.small_number_threshold
    suppression = suppression_for(counts, threshold, sees_small_numbers=sees_small_numbers)
    series = Series(counts)
    # Each of the partnership's areas, in the order they were added, keeps its place in
    # the charts' styles, whichever areas a chart shows.
    area_styles = {
        area: position
        for position, area in enumerate(
            measure.partnership.areas.order_by("pk").values_list("pk", flat=True)
        )
    }
    raised = flags_raised(measure, series)
    latest, earlier = flags_seen(raised, suppression, today=timezone.localdate())
    return MeasureTrends(
        measure=measure,
        threshold=threshold,
        sections=[
            _section(measure, series, kind, suppression, area_styles) for kind in series.kinds()
        ],
        latest_flags=latest,
        earlier_flags=earlier,
        sources=sorted({c.source for c in counts if c.source}),
        notes=sorted({c.note for c in counts if c.note}),
        illustrative=any(c.illustrative for c in counts),
        small=len(suppression.small),
        withheld=len(suppression.withheld),
    )


def _visible(points: dict[Period, CountRow], suppression: Suppression) -> dict[Period, int | None]:
    return {p: (None if suppression.hides(count_key(c)) else c.value) for p, c in points.items()}


def _span(periods) -> list[Period]:
    """Every period from the first to the last, so that a missing one shows as a gap."""
    first, last = min(periods), max(periods)
    span = [first]
    while span[-1] < last:
        span.append(span[-1].shifted(1))
    return span


def _section(measure, series: Series, kind, suppression, area_styles) -> Section:
    totals = {
        area: column
        for area in _section_areas(series, kind)
        if (column := _area_totals(series, area, kind, suppression))
    }
    periods = _span([p for column in totals.values() for p in column]) if totals else []
    names = [series.area_names[area] for area in totals]
    table = Table(
        f"{measure.name}, all strands, by area",
        names,
        [
            (p, [totals[area].get(p, Figure(NO_FIGURE)) for area in totals])
            for p in periods
            if any(p in column for column in totals.values())
        ],
    )
    chart = line_chart(
        f"{measure.name}, all strands, {KIND_NOUNS[kind]}",
        periods,
        {
            name: [totals[a].get(p, Figure(NO_FIGURE)).value for p in periods]
            for a, name in zip(totals, names, strict=True)
        },
        styles={name: area_styles[a] for a, name in zip(totals, names, strict=True)},
        y_title=measure.name,
    )
    details = [
        _area_detail(measure, series, area, kind, totals.get(area, {}), suppression)
        for area in sorted(
            set(totals) | set(series.areas(kind, strands=True)), key=series.area_names.get
        )
    ]
    added_up = kind == YEAR and any(
        p not in series.get(area, None, YEAR) for area, column in totals.items() for p in column
    )
    return Section(kind, chart, table, details, added_up)


def _section_areas(series: Series, kind: str) -> list[int]:
    if kind != YEAR:
        return series.areas(kind)
    finer = [area for k in (QUARTER, MONTH) for area in series.areas(k)]
    return sorted(set(series.areas(YEAR)) | set(finer), key=series.area_names.get)


def _area_totals(series: Series, area, kind, suppression) -> dict[Period, Figure]:
    """An area's all-strands figures for each period of a kind. A year that was not
    counted whole is added up from its quarters or months, when all are known."""
    counted = {p: count_figure(c, suppression) for p, c in series.get(area, None, kind).items()}
    if kind != YEAR:
        return counted
    for finer in (QUARTER, MONTH):
        added = financial_year_totals(_visible(series.get(area, None, finer), suppression))
        for year, total in added.items():
            counted.setdefault(year, total_figure(total))
    return dict(sorted(counted.items()))


def _area_detail(measure, series, area, kind, totals, suppression) -> AreaDetail:
    name = series.area_names[area]
    table = _changes_table(f"{measure.name}, {name}, all strands", kind, totals)
    strands = series.strand_list(area, kind)
    if not strands:
        return AreaDetail(name, table, None, None, None)
    by_strand, share_table, chart = _strand_tables(
        measure, series, area, name, kind, strands, suppression
    )
    return AreaDetail(name, table, by_strand, chart, share_table)


def _changes_table(caption: str, kind: str, totals: dict[Period, Figure]) -> Table | None:
    """Counts with their changes on the period before, on a year before and, for months,
    rolling 12-month totals; hidden counts leave derived figures out too."""
    if not totals:
        return None
    values = {p: figure.value for p, figure in totals.items()}
    columns = {"Count": totals}
    if kind in PREVIOUS:
        columns[PREVIOUS[kind]] = {c.period: change_figure(c) for c in changes(values, 1)}
    columns[YEAR_BEFORE[kind]] = {
        c.period: change_figure(c) for c in changes(values, PER_YEAR[kind])
    }
    if kind == MONTH:
        columns["Rolling 12-month total"] = {
            p: total_figure(total) for p, total in rolling_totals(values).items()
        }
    return Table(
        f"{caption}: counts and changes",
        list(columns),
        [(p, [column.get(p, Figure(NO_FIGURE)) for column in columns.values()]) for p in totals],
    )


def _strand_tables(measure, series, area, name, kind, strands, suppression):
    """Counts by strand (with all strands), their chart, and each strand's share of the
    strands' combined count. Shares are worked out from the counts shown only: where a
    strand's count is hidden (or missing) the combined count is unknown, so no share in
    that period is shown, since any would give the hidden count away."""
    columns = [series.get(area, code, kind) for code in strands]
    everything = series.get(area, None, kind)
    periods = sorted({p for column in [*columns, everything] for p in column})
    rows, share_rows = [], []
    for period in periods:
        counts = [column.get(period) for column in columns]
        figures = [count_figure(c, suppression) for c in counts]
        rows.append((period, [*figures, count_figure(everything.get(period), suppression)]))
        proportions = shares({i: figure.value for i, figure in enumerate(figures)})
        share_rows.append((period, [share_figure(p) for p in proportions.values()]))
    names = [STRAND_NAMES[code] for code in strands]
    span = _span(periods)
    chart = line_chart(
        f"{measure.name}, {name}, by strand, {KIND_NOUNS[kind]}",
        span,
        {
            strand: [count_figure(column.get(p), suppression).value for p in span]
            for strand, column in zip(names, columns, strict=True)
        },
        # A strand keeps its place in the vocabulary's order, in every area's chart.
        styles={STRAND_NAMES[code]: STRAND_ORDER[code] for code in strands},
        y_title=measure.name,
    )
    return (
        Table(f"{measure.name}, {name}, by strand", [*names, ALL_STRANDS], rows),
        Table(f"Each strand's share of the strands' combined count, {name}", names, share_rows),
        chart,
    )

"""A partnership's statistics as readers see them: tables, charts and emerging-trend
flags, with small numbers (and any figure that would give one away) hidden from all but
the secretariat, and from every export."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import QuerySet

from partners.models import Partnership
from trends.analysis import (
    Change,
    Flag,
    baseline_periods,
    changes,
    financial_year_totals,
    rolling_totals,
    series_flags,
    shares,
    shown_count,
    suppressed_keys,
)
from trends.charts import Chart, line_chart
from trends.models import Count, Measure
from trends.periods import MONTH, QUARTER, YEAR, Period

ALL_STRANDS = "All strands"
KIND_TITLES = {YEAR: "Financial years", QUARTER: "Financial quarters", MONTH: "Months"}
KIND_NOUNS = {YEAR: "years", QUARTER: "quarters", MONTH: "months"}
PER_YEAR = {MONTH: 12, QUARTER: 4, YEAR: 1}
PREVIOUS = {MONTH: "Change on the month before", QUARTER: "Change on the quarter before"}
YEAR_BEFORE = {
    MONTH: "Change on the same month a year before",
    QUARTER: "Change on the same quarter a year before",
    YEAR: "Change on the year before",
}
NO_FIGURE = "–"
TAGS = {
    "good": ("green", "Welcome"),
    "bad": ("red", "Concern"),
    "watch": ("yellow", "Worth a look"),
}
EXPORT_COLUMNS = ["Period", "Area", "Strand", "Measure", "Count", "Source", "Note", "Illustrative"]
ILLUSTRATIVE = "Illustrative, not real"


# Small numbers ----------------------------------------------------------------------


def count_key(count: Count) -> tuple:
    return (count.measure_id, count.area_id, count.strand_id, count.period_kind, count.period_start)


def hidden_counts(counts: list[Count], threshold: int) -> set[tuple]:
    """The keys of the counts hidden from readers: those below the threshold, and any
    that would let one be worked out by subtraction from a total, whether the total is
    over strands (all strands and each strand) or over time (a year and its quarters or
    months, a quarter and its months)."""
    values = {count_key(c): c.value for c in counts}
    groups = defaultdict(list)
    for count in counts:
        measure, area, strand, kind, start = count_key(count)
        if strand is not None:
            groups[(measure, area, None, kind, start)].append(count_key(count))
        for whole in _containing(count.period):
            groups[(measure, area, strand, whole.kind, whole.start)].append(count_key(count))
    return suppressed_keys(values, threshold, groups.items())


def _containing(period: Period) -> list[Period]:
    """The longer periods a period is part of."""
    if period.kind == MONTH:
        return [period.financial_year(), period.quarter()]
    if period.kind == QUARTER:
        return [period.financial_year()]
    return []


# Figures ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """A cell as a reader sees it, and the value a chart plots (None for a gap)."""

    text: str
    value: int | None = None
    hidden: bool = False


def count_figure(count: Count | None, hidden: set, threshold: int) -> Figure:
    if count is None:
        return Figure(NO_FIGURE)
    if count_key(count) in hidden:
        return Figure(shown_count(count.value, True, threshold), hidden=True)
    return Figure(f"{count.value:,}", count.value)


def total_figure(value: int | None) -> Figure:
    return Figure(NO_FIGURE) if value is None else Figure(f"{value:,}", value)


def change_figure(change: Change) -> Figure:
    """A change in count and, where the earlier count is not zero, in percent."""
    if change.difference is None:
        return Figure(NO_FIGURE)
    if change.difference == 0:
        return Figure("No change", 0)
    percent = f" ({change.percent:+.1f}%)" if change.percent is not None else ""
    return Figure(f"{change.difference:+,}{percent}", change.difference)


def share_figure(percent: float | None) -> Figure:
    return Figure(NO_FIGURE) if percent is None else Figure(f"{percent:.1f}%")


# A measure's page -------------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    caption: str
    columns: list[str]
    rows: list[tuple[Period, list[Figure]]]


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
class FlagSeen:
    series: str
    flag: Flag
    value: str
    expected: str | None  # None, like `usual_range`, when the baseline holds a hidden count
    usual_range: str | None
    baseline: str
    illustrative: bool

    @property
    def tag(self) -> tuple[str, str]:
        """The GOV.UK tag colour and words for whether the change is welcome."""
        return TAGS[self.flag.assessment]


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
    hidden: int


class _Series:
    """A measure's counts arranged by (area, strand, kind) and period."""

    def __init__(self, counts: list[Count]):
        self.by_key: dict[tuple, dict[Period, Count]] = defaultdict(dict)
        self.area_names, self.strands = {}, {}
        for count in counts:
            self.by_key[(count.area_id, count.strand_id, count.period_kind)][count.period] = count
            self.area_names[count.area_id] = count.area.name
            if count.strand_id:
                self.strands[count.strand_id] = count.strand

    def kinds(self) -> list[str]:
        present = {kind for _, _, kind in self.by_key}
        return [kind for kind in (YEAR, QUARTER, MONTH) if kind in present]

    def areas(self, kind: str, *, strands: bool = False) -> list[int]:
        ids = {
            area
            for area, strand, k in self.by_key
            if k == kind and (strand is not None if strands else strand is None)
        }
        return sorted(ids, key=self.area_names.get)

    def strand_list(self, area: int, kind: str) -> list:
        codes = {s for a, s, k in self.by_key if a == area and k == kind and s is not None}
        return sorted((self.strands[code] for code in codes), key=lambda s: s.position)

    def get(self, area, strand, kind) -> dict[Period, Count]:
        return self.by_key.get((area, strand, kind), {})


def measure_trends(measure: Measure, *, sees_small_numbers: bool) -> MeasureTrends:
    counts = list(measure.counts.select_related("area", "strand"))
    threshold = measure.partnership.small_number_threshold
    hidden = set() if sees_small_numbers else hidden_counts(counts, threshold)
    series = _Series(counts)
    latest, earlier = _flags(measure, series, hidden, threshold)
    return MeasureTrends(
        measure=measure,
        threshold=threshold,
        sections=[_section(measure, series, kind, hidden, threshold) for kind in series.kinds()],
        latest_flags=latest,
        earlier_flags=earlier,
        sources=sorted({c.source for c in counts if c.source}),
        notes=sorted({c.note for c in counts if c.note}),
        illustrative=any(c.illustrative for c in counts),
        hidden=len(hidden),
    )


def _visible(points: dict[Period, Count], hidden: set) -> dict[Period, int | None]:
    return {p: (None if count_key(c) in hidden else c.value) for p, c in points.items()}


def _span(periods) -> list[Period]:
    """Every period from the first to the last, so that a missing one shows as a gap."""
    first, last = min(periods), max(periods)
    span = [first]
    while span[-1] < last:
        span.append(span[-1].shifted(1))
    return span


def _section(measure, series: _Series, kind, hidden, threshold) -> Section:
    totals = {
        area: column
        for area in _section_areas(series, kind)
        if (column := _area_totals(series, area, kind, hidden, threshold))
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
    )
    details = [
        _area_detail(measure, series, area, kind, totals.get(area, {}), hidden, threshold)
        for area in sorted(
            set(totals) | set(series.areas(kind, strands=True)), key=series.area_names.get
        )
    ]
    added_up = kind == YEAR and any(
        p not in series.get(area, None, YEAR) for area, column in totals.items() for p in column
    )
    return Section(kind, chart, table, details, added_up)


def _section_areas(series: _Series, kind: str) -> list[int]:
    if kind != YEAR:
        return series.areas(kind)
    finer = [area for k in (QUARTER, MONTH) for area in series.areas(k)]
    return sorted(set(series.areas(YEAR)) | set(finer), key=series.area_names.get)


def _area_totals(series: _Series, area, kind, hidden, threshold) -> dict[Period, Figure]:
    """An area's all-strands figures for each period of a kind. A year that was not
    counted whole is added up from its quarters or months, when all are known."""
    counted = {
        p: count_figure(c, hidden, threshold) for p, c in series.get(area, None, kind).items()
    }
    if kind != YEAR:
        return counted
    for finer in (QUARTER, MONTH):
        added = financial_year_totals(_visible(series.get(area, None, finer), hidden))
        for year, total in added.items():
            counted.setdefault(year, total_figure(total))
    return dict(sorted(counted.items()))


def _area_detail(measure, series, area, kind, totals, hidden, threshold) -> AreaDetail:
    name = series.area_names[area]
    table = _changes_table(f"{measure.name}, {name}, all strands", kind, totals)
    strands = series.strand_list(area, kind)
    if not strands:
        return AreaDetail(name, table, None, None, None)
    by_strand, share_table, chart = _strand_tables(
        measure, series, area, name, kind, strands, hidden, threshold
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


def _strand_tables(measure, series, area, name, kind, strands, hidden, threshold):
    """Counts by strand (with all strands), their chart, and each strand's share of the
    strands' combined count. A hidden strand's share is hidden too; the others' shares
    give away no more than the all-strands count does, since complementary suppression
    leaves at least two strands hidden together."""
    columns = [series.get(area, s.code, kind) for s in strands]
    everything = series.get(area, None, kind)
    periods = sorted({p for column in [*columns, everything] for p in column})
    rows, share_rows = [], []
    for period in periods:
        counts = [column.get(period) for column in columns]
        rows.append(
            (
                period,
                [count_figure(c, hidden, threshold) for c in [*counts, everything.get(period)]],
            )
        )
        proportions = shares({i: c.value if c else None for i, c in enumerate(counts)})
        share_rows.append(
            (
                period,
                [
                    Figure(NO_FIGURE) if c is None or count_key(c) in hidden else share_figure(p)
                    for c, p in zip(counts, proportions.values(), strict=True)
                ],
            )
        )
    names = [str(s) for s in strands]
    span = _span(periods)
    chart = line_chart(
        f"{measure.name}, {name}, by strand, {KIND_NOUNS[kind]}",
        span,
        {
            strand: [count_figure(column.get(p), hidden, threshold).value for p in span]
            for strand, column in zip(names, columns, strict=True)
        },
    )
    return (
        Table(f"{measure.name}, {name}, by strand", [*names, ALL_STRANDS], rows),
        Table(f"Each strand's share of the strands' combined count, {name}", names, share_rows),
        chart,
    )


# Emerging trends --------------------------------------------------------------------


def _flags(measure, series: _Series, hidden, threshold) -> tuple[list[FlagSeen], list[FlagSeen]]:
    """The flags on each series' latest period, and those on earlier periods."""
    latest, earlier = [], []
    for (area, strand, kind), points in sorted(
        series.by_key.items(), key=lambda item: _series_order(series, item[0])
    ):
        ordered = sorted(points.items())
        values = [(p, c.value) for p, c in ordered]
        strand_name = series.strands[strand] if strand else ALL_STRANDS.lower()
        name = f"{series.area_names[area]}, {strand_name}"
        for flag in series_flags(values, measure.good_direction):
            seen = _flag_seen(name, flag, points, values, kind, hidden, threshold)
            (latest if flag.period == ordered[-1][0] else earlier).append(seen)
    return latest, earlier


def _series_order(series: _Series, key) -> tuple:
    area, strand, kind = key
    position = series.strands[strand].position if strand else -1
    return ((YEAR, QUARTER, MONTH).index(kind), series.area_names[area], position)


def _flag_seen(name, flag, points, values, kind, hidden, threshold) -> FlagSeen:
    baseline = baseline_periods(values, flag.period)
    shows_expected = not any(count_key(points[p]) in hidden for p in baseline)
    return FlagSeen(
        series=name,
        flag=flag,
        value=count_figure(points[flag.period], hidden, threshold).text,
        expected=f"{flag.expected:,.1f}" if shows_expected else None,
        usual_range=f"{flag.low:,} to {flag.high:,}" if shows_expected else None,
        baseline=f"the {len(baseline)} {KIND_NOUNS[kind]} before",
        illustrative=points[flag.period].illustrative,
    )


@dataclass(frozen=True)
class MeasureOverview:
    measure: Measure
    latest: Period | None
    flags: list[FlagSeen]
    illustrative: bool


def partnership_overview(
    partnership: Partnership, *, sees_small_numbers: bool
) -> list[MeasureOverview]:
    """Each measure with its latest period and the emerging-trend flags on its series'
    latest periods: for the trends page, the dashboard and the chair's briefing."""
    measures = list(partnership.measures.prefetch_related("objectives"))
    counts = defaultdict(list)
    for count in Count.objects.filter(measure__partnership=partnership).select_related(
        "area", "strand"
    ):
        counts[count.measure_id].append(count)
    threshold = partnership.small_number_threshold
    overview = []
    for measure in measures:
        items = counts[measure.pk]
        hidden = set() if sees_small_numbers else hidden_counts(items, threshold)
        latest, _ = _flags(measure, _Series(items), hidden, threshold)
        last = max(
            (c.period for c in items), key=lambda p: (p.end, -PER_YEAR[p.kind]), default=None
        )
        illustrative = any(c.illustrative for c in items)
        overview.append(MeasureOverview(measure, last, latest, illustrative))
    return overview


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


# Exports ----------------------------------------------------------------------------


def export_rows(counts: QuerySet[Count], threshold: int) -> list[list]:
    """Counts in the long import layout, small ones hidden whoever asks: exports leave
    the service."""
    counts = list(counts.select_related("measure", "area", "strand"))
    hidden = hidden_counts(counts, threshold)
    counts.sort(
        key=lambda c: (
            c.measure.name,
            (YEAR, QUARTER, MONTH).index(c.period_kind),
            c.period_start,
            c.area.name,
            c.strand.position if c.strand else -1,
        )
    )
    return [
        [
            str(c.period),
            c.area.name,
            str(c.strand) if c.strand else ALL_STRANDS,
            c.measure.name,
            shown_count(c.value, True, threshold) if count_key(c) in hidden else c.value,
            c.source,
            c.note,
            ILLUSTRATIVE if c.illustrative else "",
        ]
        for c in counts
    ]

"""Emerging-trend flags as readers see them: no figure that would give a hidden count
away."""

from dataclasses import dataclass

from trends.emerging import Flag, baseline_periods, series_flags
from trends.models import ALL_STRANDS
from trends.periods import MONTH, QUARTER, YEAR, Period
from trends.selectors.figures import KIND_NOUNS, count_figure
from trends.selectors.series import Series
from trends.suppression import Suppression, count_key

TAGS = {
    "good": ("green", "Welcome"),
    "bad": ("red", "Concern"),
    "watch": ("yellow", "Worth a look"),
}


@dataclass(frozen=True)
class FlagSeen:
    """A flag in words. It holds no number of the flag's own (the Flag stays here), so
    that a template cannot show one that the reader may not see."""

    series: str
    period: Period
    direction: str  # "up" or "down"
    assessment: str  # "good", "bad" or "watch"
    value: str  # the count, or its label when hidden
    baseline: str
    illustrative: bool
    # The expected count, the usual range and how rarely a count this far out arises are
    # worked out from the flagged count and its baseline: None when any of them is hidden.
    expected: str | None
    usual_range: str | None
    rarity: str | None

    @property
    def tag(self) -> tuple[str, str]:
        """The GOV.UK tag colour and words for whether the change is welcome."""
        return TAGS[self.assessment]


def series_flags_seen(
    measure, series: Series, suppression: Suppression
) -> tuple[list[FlagSeen], list[FlagSeen]]:
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
            seen = _flag_seen(name, flag, points, values, kind, suppression)
            (latest if flag.period == ordered[-1][0] else earlier).append(seen)
    return latest, earlier


def _series_order(series: Series, key) -> tuple:
    area, strand, kind = key
    position = series.strands[strand].position if strand else -1
    return ((YEAR, QUARTER, MONTH).index(kind), series.area_names[area], position)


def _flag_seen(name, flag: Flag, points, values, kind, suppression: Suppression) -> FlagSeen:
    baseline = baseline_periods(values, flag.period)
    judged = [points[period] for period in [*baseline, flag.period]]
    shows_figures = not any(suppression.hides(count_key(count)) for count in judged)
    return FlagSeen(
        series=name,
        period=flag.period,
        direction=flag.direction,
        assessment=flag.assessment,
        value=count_figure(points[flag.period], suppression).text,
        baseline=f"the {len(baseline)} {KIND_NOUNS[kind]} before",
        illustrative=points[flag.period].illustrative,
        expected=f"{flag.expected:,.1f}" if shows_figures else None,
        usual_range=f"{flag.low:,} to {flag.high:,}" if shows_figures else None,
        rarity=flag.rarity if shows_figures else None,
    )

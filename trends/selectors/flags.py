"""Emerging-trend flags as readers see them: no figure that would give a hidden count
away."""

import datetime
from dataclasses import dataclass

from trends.emerging import BASELINE_PERIODS, Flag, baseline_periods, emerging_flag, series_flags
from trends.periods import Period, out_of_date
from trends.selectors.figures import KIND_NOUNS, count_figure
from trends.selectors.series import CountRow, Series, strand_name
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
    # How old the period's figures are, when too old for the flag to be an emerging trend.
    out_of_date: str | None = None

    @property
    def tag(self) -> tuple[str, str]:
        """The GOV.UK tag colour and words for whether the change is welcome."""
        return TAGS[self.assessment]


@dataclass(frozen=True)
class Raised:
    """A flag raised on a series, before it is put in words for a reader."""

    flag: Flag
    series: str
    kind: str
    points: dict[Period, CountRow]
    baseline: list[Period]
    latest: bool  # on the series' latest period


def flags_raised(measure, series: Series, *, latest_only: bool = False) -> list[Raised]:
    """The flags on each series' periods, in the series' order. `latest_only` judges
    each series' latest period alone, which is all the overview shows."""
    raised = []
    for key in sorted(series.by_key, key=series.order):
        area, strand, kind = key
        points = series.by_key[key]
        values = sorted((period, count.value) for period, count in points.items())
        if latest_only:
            flag = emerging_flag(values[-(BASELINE_PERIODS + 1) :], measure.good_direction)
            flags = [flag] if flag else []
        else:
            flags = series_flags(values, measure.good_direction)
        name = f"{series.area_names[area]}, {strand_name(strand)}"
        raised.extend(
            Raised(
                flag,
                name,
                kind,
                points,
                baseline_periods(values, flag.period),
                flag.period == values[-1][0],
            )
            for flag in flags
        )
    return raised


def flags_seen(
    raised: list[Raised], suppression: Suppression, *, today: datetime.date
) -> tuple[list[FlagSeen], list[FlagSeen]]:
    """The flags in words: those on each series' latest period, and the earlier ones.
    A flag on figures out of date by `today` says how old they are."""
    latest, earlier = [], []
    for item in raised:
        (latest if item.latest else earlier).append(_flag_seen(item, suppression, today))
    return latest, earlier


def _flag_seen(raised: Raised, suppression: Suppression, today: datetime.date) -> FlagSeen:
    flag, points, baseline = raised.flag, raised.points, raised.baseline
    judged = [points[period] for period in [*baseline, flag.period]]
    shows_figures = not any(suppression.hides(count_key(count)) for count in judged)
    return FlagSeen(
        series=raised.series,
        period=flag.period,
        direction=flag.direction,
        assessment=flag.assessment,
        value=count_figure(points[flag.period], suppression).text,
        baseline=f"the {len(baseline)} {KIND_NOUNS[raised.kind]} before",
        illustrative=points[flag.period].illustrative,
        expected=f"{flag.expected:,.1f}" if shows_figures else None,
        usual_range=f"{flag.low:,} to {flag.high:,}" if shows_figures else None,
        rarity=flag.rarity if shows_figures else None,
        out_of_date=out_of_date(flag.period, today),
    )

"""Figures derived from counts, small-number suppression, and emerging-trend flags.

Pure functions on plain values, so that every rule can be checked by hand. The README
sets out the same rules for readers.
"""

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from trends.periods import MONTH, Period

# Emerging trends: a period is flagged when, against the previous periods of its series,
# a count at least this far out would be seen less often than FLAG_BELOW, it differs from
# what was expected by at least MINIMUM_DIFFERENCE, and it or the expected count is at
# least MINIMUM_COUNT (so that tiny counts, which swing by chance, never flag).
BASELINE_PERIODS = 12
MINIMUM_BASELINE = 4
FLAG_BELOW = 0.01
MINIMUM_DIFFERENCE = 5
MINIMUM_COUNT = 10


def percent_change(before: int | None, after: int | None) -> float | None:
    """The change from `before` to `after` as a percentage of `before`; None when either
    is missing or `before` is zero."""
    if before is None or after is None or before == 0:
        return None
    return (after - before) / before * 100


@dataclass(frozen=True)
class Change:
    period: Period
    value: int | None
    earlier: int | None

    @property
    def difference(self) -> int | None:
        if self.value is None or self.earlier is None:
            return None
        return self.value - self.earlier

    @property
    def percent(self) -> float | None:
        return percent_change(self.earlier, self.value)


def changes(points: dict[Period, int | None], steps: int) -> list[Change]:
    """Each period against the one `steps` periods before it (1: the previous period;
    12 months or 4 quarters: the same period a year before)."""
    return [Change(p, points[p], points.get(p.shifted(-steps))) for p in sorted(points)]


def rolling_totals(months: dict[Period, int | None], window: int = 12) -> dict[Period, int]:
    """For each month, the total of it and the `window - 1` months before it, where all
    of them are known."""
    totals = {}
    for period in sorted(months):
        span = [months.get(period.shifted(-back)) for back in range(window)]
        if all(value is not None for value in span):
            totals[period] = sum(span)
    return totals


def financial_year_totals(points: dict[Period, int | None]) -> dict[Period, int]:
    """Financial-year totals from a year's months (all twelve) or quarters (all four)."""
    years: dict[Period, list[int | None]] = {}
    for period, value in points.items():
        years.setdefault(period.financial_year(), []).append(value)
    expected = 12 if all(period.kind == MONTH for period in points) else 4
    return {
        year: sum(values)
        for year, values in sorted(years.items())
        if len(values) == expected and None not in values
    }


def shares(values: dict[str, int | None]) -> dict[str, float | None]:
    """Each part's share of their total, as a percentage; None for all when any is unknown."""
    if any(value is None for value in values.values()):
        return dict.fromkeys(values)
    total = sum(values.values())
    return {key: (value / total * 100 if total else None) for key, value in values.items()}


# Small numbers --------------------------------------------------------------------


def suppressed_keys(
    counts: dict, threshold: int, groups: Iterable[tuple[object, Sequence[object]]] = ()
) -> set:
    """Which counts to hide: every count below `threshold`; and, where a total is shown with
    its parts (each group is a total's key and its parts' keys) and exactly one of the
    total and its parts is hidden, the smallest other part too (or the total, if no part is
    left), so that no hidden count can be worked out by subtraction. Hiding one count can
    expose another in a second group, so this repeats until nothing changes."""
    groups = [(total, [key for key in parts if key in counts]) for total, parts in groups]
    hidden = {key for key, value in counts.items() if value < threshold}
    changed = True
    while changed:
        changed = False
        for total, parts in groups:
            extra = _complement(counts, hidden, total, parts)
            if extra is not None:
                hidden.add(extra)
                changed = True
    return hidden


def _complement(counts: dict, hidden: set, total, parts: list):
    """The count to hide as well so that a group does not give away its one hidden member,
    or None when it does not. Without its total a group gives nothing away."""
    if total not in counts:
        return None
    members = [total, *parts]
    if sum(key in hidden for key in members) != 1:
        return None
    visible_parts = [key for key in parts if key not in hidden]
    if visible_parts:
        return min(visible_parts, key=lambda key: counts[key])
    return total


def shown_count(value: int | None, hidden: bool, threshold: int) -> str:
    if value is None:
        return "–"
    if hidden:
        return f"fewer than {threshold}"
    return f"{value:,}"


# Emerging trends ------------------------------------------------------------------


@dataclass(frozen=True)
class Flag:
    """A count outside what its series' previous periods make plausible."""

    period: Period
    value: int
    expected: float
    low: int
    high: int
    probability: float
    good_direction: str

    @property
    def direction(self) -> str:
        return "up" if self.value > self.expected else "down"

    @property
    def assessment(self) -> str:
        """ "good", "bad", or "watch" when the measure has no good direction."""
        if self.good_direction == "neither":
            return "watch"
        return "good" if self.direction == self.good_direction else "bad"

    @property
    def rarity(self) -> str:
        """How rarely a count this far out would be seen by chance, in words."""
        if self.probability < 0.001:
            return "less than 1 time in 1,000"
        return f"about 1 time in {round(1 / self.probability):,}"


def emerging_flag(series: list[tuple[Period, int]], good_direction: str = "neither") -> Flag | None:
    """Whether the last period of a series (oldest first) is out of line with the up to
    12 periods before it.

    The earlier periods give an expected count (their mean) and their spread; a
    quasi-Poisson test asks how often a count at least as far out would arise by
    chance. It flags when that is less than 1 time in 100, the count differs from the
    expected one by at least 5, and one of them is at least 10.
    """
    if len(series) < MINIMUM_BASELINE + 1:
        return None
    *earlier, (period, value) = series
    baseline = [count for _, count in earlier[-BASELINE_PERIODS:]]
    expected = sum(baseline) / len(baseline)
    if (
        expected <= 0
        or abs(value - expected) < MINIMUM_DIFFERENCE
        or max(value, expected) < MINIMUM_COUNT
    ):
        return None
    dispersion = max(1.0, _variance(baseline) / expected)
    probability = _tail(value / dispersion, expected / dispersion, upper=value > expected)
    if probability >= FLAG_BELOW:
        return None
    low, high = _limits(expected, dispersion)
    return Flag(period, value, expected, low, high, probability, good_direction)


def series_flags(series: list[tuple[Period, int]], good_direction: str = "neither") -> list[Flag]:
    """Every period of a series that was out of line when it came in."""
    flags = (
        emerging_flag(series[: end + 1], good_direction)
        for end in range(MINIMUM_BASELINE, len(series))
    )
    return [flag for flag in flags if flag is not None]


def baseline_periods(series: list[tuple[Period, int]], period: Period) -> list[Period]:
    """The periods whose counts a flag on `period` was judged against."""
    earlier = [p for p, _ in series if p < period]
    return earlier[-BASELINE_PERIODS:]


def _variance(values: list[int]) -> float:
    mean = sum(values) / len(values)
    return sum((v - mean) ** 2 for v in values) / (len(values) - 1)


def _poisson_pmfs(mean: float):
    """P(X = 0), P(X = 1), … for X ~ Poisson(mean), computed in logs so that large means
    do not underflow."""
    log_mean, i = math.log(mean), 0
    while True:
        yield math.exp(i * log_mean - mean - math.lgamma(i + 1))
        i += 1


def _poisson_cdf(k: int, mean: float) -> float:
    """P(X ≤ k) for X ~ Poisson(mean)."""
    total = 0.0
    for i, probability in enumerate(_poisson_pmfs(mean)):
        if i > k:
            break
        total += probability
    return min(total, 1.0)


def _tail(scaled_value: float, scaled_mean: float, *, upper: bool) -> float:
    if upper:
        return 1.0 - _poisson_cdf(math.ceil(scaled_value) - 1, scaled_mean)
    return _poisson_cdf(math.floor(scaled_value), scaled_mean)


def _limits(expected: float, dispersion: float) -> tuple[int, int]:
    """The counts between which 99% of periods would fall if nothing had changed."""
    low, total = None, 0.0
    for count, probability in enumerate(_poisson_pmfs(expected / dispersion)):
        total += probability
        if low is None and total >= 0.005:
            low = count
        if total >= 0.995:
            return math.floor(low * dispersion), math.ceil(count * dispersion)
    raise AssertionError("unreachable: the probabilities sum to 1")

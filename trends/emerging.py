"""Emerging-trend flags: whether a period's count is out of line with the periods before
it in its series.

Pure functions on plain values, so that the method can be checked by hand. The README
sets out the same method for readers.
"""

import math
from dataclasses import dataclass

from trends.periods import Period

# A period is flagged when, against the previous periods of its series,
# a count at least this far out would be seen less often than FLAG_BELOW, it differs from
# what was expected by at least MINIMUM_DIFFERENCE, and it or the expected count is at
# least MINIMUM_COUNT (so that tiny counts, which swing by chance, never flag).
BASELINE_PERIODS = 12
MINIMUM_BASELINE = 4
FLAG_BELOW = 0.01
MINIMUM_DIFFERENCE = 5
MINIMUM_COUNT = 10


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

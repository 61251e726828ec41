"""Emerging-trend flags: whether a period's count is out of line with the periods before
it in its series.

The test compares a count with the n consecutive periods immediately before it (up to
12; a period with no count ends them, so no baseline reaches across a gap) as two
Poisson counts with a common rate: if nothing has changed, then given the new count plus
the n earlier ones, the new count's share of them is binomial with probability 1/(n +
1). This is the exact conditional test for comparing Poisson counts, and it allows for
the baseline's own uncertainty: the variance of a new count less the mean of n earlier
ones is mu(1 + 1/n), not mu. Where the earlier counts vary more than a Poisson count
would, every count is divided by that over-dispersion phi (a quasi-Poisson scaling), so
that the variance is phi mu (1 + 1/n). Each direction is tested at FALSE_ALARMS / 2, so
that a steady series is flagged in at most FALSE_ALARMS of its periods, either way.

Pure functions on plain values, so that the method can be checked by hand. The README
sets out the same method for readers.
"""

import math
from dataclasses import dataclass

from trends.periods import Period

BASELINE_PERIODS = 12
MINIMUM_BASELINE = 4
# At most 1 period in 100 of a steady series is flagged: 1 in 200 each way.
FALSE_ALARMS = 0.01
EACH_WAY = FALSE_ALARMS / 2
# Tiny counts swing a lot by chance, so a count is flagged only when it differs from the
# expected count by at least MINIMUM_DIFFERENCE and it or the expected count is at least
# MINIMUM_COUNT.
MINIMUM_DIFFERENCE = 5
MINIMUM_COUNT = 10


@dataclass(frozen=True)
class Flag:
    """A count outside what its series' previous periods make plausible."""

    period: Period
    value: int
    expected: float
    low: int  # the usual range: counts that would not have been flagged as unusual
    high: int
    probability: float  # of a count at least this far out in this direction, by chance
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
    12 consecutive periods immediately before it (at least 4): see the module's
    docstring."""
    period, value = series[-1]
    counts = dict(series)
    earlier = baseline_periods(series, period)
    if len(earlier) < MINIMUM_BASELINE:
        return None
    baseline = Baseline([counts[p] for p in earlier])
    expected = baseline.mean
    if abs(value - expected) < MINIMUM_DIFFERENCE or max(value, expected) < MINIMUM_COUNT:
        return None
    probability = baseline.at_least(value) if value > expected else baseline.at_most(value)
    if probability >= EACH_WAY:
        return None
    low, high = baseline.usual_range()
    return Flag(period, value, expected, low, high, probability, good_direction)


def series_flags(series: list[tuple[Period, int]], good_direction: str = "neither") -> list[Flag]:
    """Every period of a series that was out of line when it came in."""
    flags = (
        emerging_flag(series[: end + 1], good_direction)
        for end in range(MINIMUM_BASELINE, len(series))
    )
    return [flag for flag in flags if flag is not None]


def baseline_periods(series: list[tuple[Period, int]], period: Period) -> list[Period]:
    """The periods a count for `period` is judged against: the run of consecutive
    periods immediately before it, up to BASELINE_PERIODS, oldest first. A period with
    no count ends the run, so that a baseline never reaches across a gap to periods
    further back."""
    held = {p for p, _ in series}
    earlier = []
    previous = period.shifted(-1)
    while previous in held and len(earlier) < BASELINE_PERIODS:
        earlier.append(previous)
        previous = previous.shifted(-1)
    return earlier[::-1]


class Baseline:
    """What the counts of the periods before make plausible for the next one."""

    def __init__(self, counts: list[int]):
        self.periods = len(counts)
        self.total = sum(counts)
        self.mean = self.total / self.periods
        self.dispersion = max(1.0, _variance(counts) / self.mean) if self.mean else 1.0
        # The new count's share of it and the earlier counts together, if nothing changed.
        self.share = 1 / (self.periods + 1)

    def at_least(self, value: int) -> float:
        """The chance of a count of `value` or more if nothing has changed."""
        if value <= 0:
            return 1.0
        # P(Binomial(value + total, share) >= value), in counts divided by the dispersion
        return _regularized_beta(
            self.share, value / self.dispersion, self.total / self.dispersion + 1
        )

    def at_most(self, value: int) -> float:
        """The chance of a count of `value` or less if nothing has changed."""
        if self.total == 0:
            return 1.0
        # P(Binomial(value + total, share) <= value) = 1 - I_share(value + 1, total)
        return _regularized_beta(
            1 - self.share, self.total / self.dispersion, value / self.dispersion + 1
        )

    def usual_range(self) -> tuple[int, int]:
        """The lowest and highest counts that would not be flagged as unusual."""
        low = 0
        if self.at_most(0) < EACH_WAY:  # at_most rises with the count
            low = _first(lambda count: self.at_most(count) >= EACH_WAY, 0, math.floor(self.mean))
        above = math.ceil(self.mean)  # at_least falls with the count
        beyond = above + 1
        while self.at_least(beyond) >= EACH_WAY:
            beyond = 2 * beyond
        high = _first(lambda count: self.at_least(count) < EACH_WAY, above, beyond) - 1
        return low, high


def _first(holds, low: int, high: int) -> int:
    """The smallest count from `low` to `high` for which `holds`, which is false below it
    and true from it on, and true at `high`."""
    while low < high:
        middle = (low + high) // 2
        if holds(middle):
            high = middle
        else:
            low = middle + 1
    return low


def _variance(values: list[int]) -> float:
    mean = sum(values) / len(values)
    return sum((v - mean) ** 2 for v in values) / (len(values) - 1)


def _regularized_beta(x: float, a: float, b: float) -> float:
    """I_x(a, b), the regularized incomplete beta function, which gives binomial tails
    for whole numbers and extends them to the fractional counts that dividing by the
    dispersion makes: P(Binomial(n, p) >= k) = I_p(k, n - k + 1). Computed by its
    continued fraction (Numerical Recipes, section 6.4), on whichever side converges."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    front = math.exp(
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    if x < (a + 1) / (a + b + 2):
        return front * _beta_fraction(x, a, b) / a
    return 1.0 - front * _beta_fraction(1 - x, b, a) / b


def _beta_fraction(x: float, a: float, b: float) -> float:
    """The continued fraction for I_x(a, b), by the modified Lentz method."""
    tiny, precision = 1e-300, 1e-12
    d = 1 - (a + b) * x / (a + 1)
    d = 1 / (d if abs(d) > tiny else tiny)
    c, fraction = 1.0, d
    for m in range(1, 100_000):
        for numerator in (
            m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
            -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1)),
        ):
            d = 1 + numerator * d
            d = 1 / (d if abs(d) > tiny else tiny)
            c = 1 + numerator / c
            c = c if abs(c) > tiny else tiny
            fraction *= c * d
        if abs(c * d - 1) < precision:
            break
    return fraction

"""Emerging-trend flags on cases worked out by hand, and on simulated steady series."""

import math
import random

import pytest

from trends.emerging import (
    MINIMUM_BASELINE,
    Baseline,
    baseline_periods,
    emerging_flag,
    series_flags,
)
from trends.periods import parse_period

from .test_analysis import series

STEADY = [48, 52, 50, 47, 53, 49, 51, 50, 46, 54, 50, 49]


def test_a_spike_is_flagged_with_its_direction_and_rarity():
    flag = emerging_flag(series("2019-04", [*STEADY, 80]))
    assert flag is not None
    assert str(flag.period) == "April 2020"
    assert flag.direction == "up"
    assert flag.expected == pytest.approx(49.9, abs=0.1)
    assert flag.low < 49.9 < flag.high < 80
    assert flag.probability < 0.001
    assert flag.rarity == "less than 1 time in 1,000"
    assert flag.assessment == "watch"


def test_a_fall_is_flagged_too():
    flag = emerging_flag(series("2019-04", [*STEADY, 25]))
    assert flag.direction == "down"


def test_steady_figures_are_not_flagged():
    assert series_flags(series("2019-04", [*STEADY, 55, 45, 50])) == []


def test_tiny_counts_are_not_flagged_even_when_they_jump():
    assert emerging_flag(series("2019-04", [0, 1, 0, 0, 1, 0, 0, 1, 6])) is None
    assert emerging_flag(series("2019-04", [1, 2, 1, 1, 2, 1, 2, 1, 9])) is None


def test_a_series_too_short_to_judge_is_not_flagged():
    assert emerging_flag(series("2019-04", [50, 50, 50, 200])) is None


def test_figures_that_always_swing_widely_make_a_swing_less_unusual():
    calm = [*STEADY, 75]
    volatile = [30, 70, 35, 65, 40, 60, 30, 70, 45, 55, 35, 64, 70]
    assert emerging_flag(series("2019-04", calm)) is not None
    assert emerging_flag(series("2019-04", volatile)) is None


def test_a_rise_in_a_reporting_measure_is_welcome_and_a_fall_is_not():
    assert emerging_flag(series("2019-04", [*STEADY, 80]), "up").assessment == "good"
    assert emerging_flag(series("2019-04", [*STEADY, 25]), "up").assessment == "bad"
    assert emerging_flag(series("2019-04", [*STEADY, 80]), "down").assessment == "bad"


def test_every_period_out_of_line_is_found_in_a_series():
    flags = series_flags(series("2019-04", [*STEADY, 80, 50, 51, 49]))
    assert [str(flag.period) for flag in flags] == ["April 2020"]


def test_a_rise_from_nothing_is_flagged_once_it_is_big_enough():
    flag = emerging_flag(series("2019-04", [0] * 12 + [10]))
    assert (flag.direction, flag.expected, flag.low, flag.high) == ("up", 0, 0, 2)
    # Given 10 counts in 13 months, the chance that all fell in the last is (1/13)^10.
    assert flag.probability == pytest.approx(13.0**-10)
    assert emerging_flag(series("2019-04", [0] * 12 + [9])) is None, "too small to judge"


def test_a_short_baseline_is_less_certain_so_its_usual_range_is_wider():
    short, long = Baseline([50] * 4).usual_range(), Baseline([50] * 12).usual_range()
    assert short[0] < long[0]
    assert short[1] > long[1]


def test_a_count_is_flagged_exactly_when_it_is_outside_the_usual_range():
    low, high = Baseline(STEADY).usual_range()
    assert (low, high) == (32, 70)
    for value in (low - 1, high + 1):
        assert emerging_flag(series("2019-04", [*STEADY, value])) is not None, value
    for value in (low, high):
        assert emerging_flag(series("2019-04", [*STEADY, value])) is None, value


def poisson(generator: random.Random, mean: float) -> int:
    """A Poisson count, by Knuth's method."""
    limit, count, product = math.exp(-mean), 0, generator.random()
    while product > limit:
        count += 1
        product *= generator.random()
    return count


@pytest.mark.parametrize("mean", [15, 50, 200])
def test_steady_counts_are_flagged_at_most_about_1_time_in_100(mean):
    """The stated false-alarm rate holds overall, both directions together: the method
    once flagged about 2% of steady periods."""
    generator = random.Random(mean)  # noqa: S311 - seeded, for a simulation
    counts = [poisson(generator, mean) for _ in range(3000)]
    flags = series_flags(series("2000-01", counts))
    assert len(flags) / (len(counts) - MINIMUM_BASELINE) <= 0.012


def test_a_baseline_is_the_consecutive_periods_immediately_before_and_a_gap_ends_it():
    """2016/17 and 2017/18 were not counted, so 2020/21 has two years before it, not
    four: averaging 2014/15 and 2015/16 in would compare it with years further back."""
    years = [
        (parse_period(year), count)
        for year, count in [
            ("2014/15", 444),
            ("2015/16", 381),
            ("2018/19", 360),
            ("2019/20", 441),
            ("2020/21", 700),
        ]
    ]
    assert baseline_periods(years, parse_period("2020/21")) == [
        parse_period("2018/19"),
        parse_period("2019/20"),
    ]
    assert emerging_flag(years) is None, "too few consecutive years to judge it by"


def test_a_gap_in_monthly_counts_leaves_only_the_months_after_it_in_the_baseline():
    counts = series("2019-04", [*STEADY, 50, 51, 49, 50, 52, 95])
    del counts[11]  # March 2020 was not counted
    assert [str(p) for p in baseline_periods(counts, counts[-1][0])] == [
        "April 2020", "May 2020", "June 2020", "July 2020", "August 2020",
    ]  # fmt: skip
    flag = emerging_flag(counts)
    assert flag.expected == pytest.approx(50.4)

"""Emerging-trend flags on cases worked out by hand."""

import pytest

from trends.emerging import emerging_flag, series_flags

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
    calm = [*STEADY, 70]
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

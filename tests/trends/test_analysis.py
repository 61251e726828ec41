"""Derived figures, small-number suppression and emerging-trend flags, on cases worked
out by hand."""

import pytest

from trends.analysis import (
    changes,
    emerging_flag,
    financial_year_totals,
    percent_change,
    rolling_totals,
    series_flags,
    shares,
    shown_count,
    suppressed_keys,
)
from trends.periods import parse_period


def months(first: str, values: list) -> dict:
    start = parse_period(first)
    return {start.shifted(number): value for number, value in enumerate(values)}


def series(first: str, values: list) -> list:
    return sorted(months(first, values).items())


# Changes and totals ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [(444, 381, -14.189189), (360, 441, 22.5), (555, 723, 30.27027), (0, 5, None), (None, 5, None)],
)
def test_percent_change_is_relative_to_the_earlier_count(before, after, expected):
    result = percent_change(before, after)
    assert result == (None if expected is None else pytest.approx(expected))


def test_year_on_year_changes_skip_years_not_counted():
    years = {
        parse_period(y): v
        for y, v in [("2014/15", 444), ("2015/16", 381), ("2018/19", 360), ("2019/20", 441)]
    }
    found = {str(c.period): (c.difference, c.percent) for c in changes(years, 1)}
    assert found["2014/15"] == (None, None)
    assert found["2015/16"] == (-63, pytest.approx(-14.19, abs=0.01))
    assert found["2018/19"] == (None, None), "2017/18 was not counted"
    assert found["2019/20"] == (81, pytest.approx(22.5))


def test_changes_on_the_same_month_a_year_before():
    counts = months("2019-01", [10, 12, 9, 11, 10, 13, 15, 10, 9, 11, 12, 14, 20])
    january_2020 = changes(counts, 12)[-1]
    assert str(january_2020.period) == "January 2020"
    assert (january_2020.difference, january_2020.percent) == (10, 100.0)


def test_rolling_12_month_totals_need_all_twelve_months():
    counts = months("2019-01", [10, 12, 9, 11, 10, 13, 15, 10, 9, 11, 12, 14, 20, 5])
    totals = rolling_totals(counts)
    # Jan–Dec 2019: 10+12+9+11+10+13+15+10+9+11+12+14 = 136; then -10 +20; then -12 +5.
    assert {str(p): v for p, v in totals.items()} == {
        "December 2019": 136,
        "January 2020": 146,
        "February 2020": 139,
    }


def test_a_rolling_total_over_a_missing_month_is_left_out():
    counts = months("2019-01", [10] * 14)
    counts[parse_period("2019-06")] = None
    assert rolling_totals(counts) == {}


def test_financial_year_totals_from_complete_years_only():
    counts = months("2019-01", [5] * 3 + [10] * 12 + [7] * 2)
    assert {str(p): v for p, v in financial_year_totals(counts).items()} == {"2019/20": 120}
    quarters = {parse_period(f"2019/20 Q{q}"): 30 + q for q in range(1, 5)}
    assert {str(p): v for p, v in financial_year_totals(quarters).items()} == {"2019/20": 130}


def test_shares_of_the_total():
    assert shares({"race": 30, "disability": 10}) == {"race": 75.0, "disability": 25.0}
    assert shares({"race": 30, "disability": None}) == {"race": None, "disability": None}


# Small numbers --------------------------------------------------------------------


def test_counts_below_the_threshold_are_hidden():
    assert suppressed_keys({"a": 4, "b": 5, "c": 0}, 5) == {"a", "c"}
    assert suppressed_keys({"a": 4, "b": 5}, 1) == set()


def test_a_hidden_part_cannot_be_worked_out_from_its_total():
    counts = {"total": 50, "race": 30, "religion": 3, "disability": 17}
    hidden = suppressed_keys(counts, 5, [("total", ["race", "religion", "disability"])])
    assert hidden == {"religion", "disability"}, "the smallest other part goes too"


def test_a_hidden_part_with_no_other_part_shown_takes_its_total_with_it():
    counts = {"total": 40, "race": 3, "religion": 2}
    hidden = suppressed_keys(counts, 5, [("total", ["race", "religion"])])
    assert hidden == {"race", "religion"}, "two hidden parts protect each other"
    hidden = suppressed_keys({"year": 40, "march": 3}, 5, [("year", ["march"])])
    assert hidden == {"year", "march"}


def test_hiding_a_second_count_is_carried_into_the_groups_it_belongs_to():
    # Month 1's religion count is small; hiding month 1's disability count to protect
    # it leaves disability's quarter with one hidden month, so another month goes too.
    counts = {
        "m1": 40, "m1-race": 30, "m1-religion": 2, "m1-disability": 8,
        "q-disability": 30, "m2-disability": 10, "m3-disability": 12,
    }  # fmt: skip
    groups = [
        ("m1", ["m1-race", "m1-religion", "m1-disability"]),
        ("q-disability", ["m1-disability", "m2-disability", "m3-disability"]),
    ]
    assert suppressed_keys(counts, 5, groups) == {"m1-religion", "m1-disability", "m2-disability"}


def test_shown_counts():
    assert shown_count(3, True, 5) == "fewer than 5"
    assert shown_count(1234, False, 5) == "1,234"
    assert shown_count(None, False, 5) == "–"


# Emerging trends ------------------------------------------------------------------

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

"""Derived figures on cases worked out by hand."""

import pytest

from trends.analysis import changes, financial_year_totals, percent_change, rolling_totals, shares
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


def test_a_rolling_total_is_of_consecutive_months_and_a_month_not_counted_breaks_it():
    counts = months("2019-01", [10] * 14)
    del counts[parse_period("2019-06")]
    assert rolling_totals(counts) == {}
    changed = {str(c.period): c.difference for c in changes(counts, 1)}
    assert changed["July 2019"] is None, "June was not counted: no change on May instead"


def test_financial_year_totals_from_complete_years_only():
    counts = months("2019-01", [5] * 3 + [10] * 12 + [7] * 2)
    assert {str(p): v for p, v in financial_year_totals(counts).items()} == {"2019/20": 120}
    quarters = {parse_period(f"2019/20 Q{q}"): 30 + q for q in range(1, 5)}
    assert {str(p): v for p, v in financial_year_totals(quarters).items()} == {"2019/20": 130}


def test_shares_of_the_total():
    assert shares({"race": 30, "disability": 10}) == {"race": 75.0, "disability": 25.0}
    assert shares({"race": 30, "disability": None}) == {"race": None, "disability": None}

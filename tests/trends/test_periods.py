"""Periods: months, financial quarters and financial years (April to March)."""

import datetime

import pytest

from trends.periods import MONTH, QUARTER, YEAR, Period, out_of_date, parse_period


@pytest.mark.parametrize(
    ("text", "start", "kind", "shown"),
    [
        ("2019-04", datetime.date(2019, 4, 1), MONTH, "April 2019"),
        ("2020-3", datetime.date(2020, 3, 1), MONTH, "March 2020"),
        ("April 2019", datetime.date(2019, 4, 1), MONTH, "April 2019"),
        ("mar 2020", datetime.date(2020, 3, 1), MONTH, "March 2020"),
        ("2019/20 Q1", datetime.date(2019, 4, 1), QUARTER, "2019/20 Q1"),
        ("2019/20 q4", datetime.date(2020, 1, 1), QUARTER, "2019/20 Q4"),
        ("2019/20", datetime.date(2019, 4, 1), YEAR, "2019/20"),
        ("1999/00", datetime.date(1999, 4, 1), YEAR, "1999/00"),
        ("  2018/19  ", datetime.date(2018, 4, 1), YEAR, "2018/19"),
    ],
)
def test_each_written_form_is_read(text, start, kind, shown):
    period = parse_period(text)
    assert period == Period(start, kind)
    assert str(period) == shown


@pytest.mark.parametrize(
    "text", ["", "2019", "2019-13", "Smarch 2019", "2019/21", "2019/20 Q5", "19/20", "2019-04-01"]
)
def test_anything_else_is_refused(text):
    with pytest.raises(ValueError, match="is not a period"):
        parse_period(text)


def test_periods_step_across_years():
    assert parse_period("2020-02").shifted(-12) == parse_period("2019-02")
    assert parse_period("2019/20 Q4").shifted(1) == parse_period("2020/21 Q1")
    assert parse_period("2019/20").shifted(-1) == parse_period("2018/19")


def test_a_month_knows_its_quarter_financial_year_and_last_day():
    march = parse_period("2020-03")
    assert march.quarter() == parse_period("2019/20 Q4")
    assert march.financial_year() == parse_period("2019/20")
    assert march.end == datetime.date(2020, 3, 31)
    assert parse_period("2019-04").quarter() == parse_period("2019/20 Q1")
    assert parse_period("2019/20").end == datetime.date(2020, 3, 31)


@pytest.mark.parametrize(
    ("period", "today", "age"),
    [
        ("2026-11", datetime.date(2026, 12, 2), None),  # the latest month that has ended
        ("2026-10", datetime.date(2026, 12, 2), None),  # one month older: still recent
        ("2026-09", datetime.date(2026, 12, 2), "3 months old"),
        ("2020-03", datetime.date(2026, 12, 2), "more than 6 years old"),
        ("2026/27 Q1", datetime.date(2026, 12, 2), None),  # Q2 2026/27 is the latest
        ("2025/26 Q4", datetime.date(2026, 12, 2), "9 months old"),
        ("2024/25", datetime.date(2026, 12, 2), None),
        ("2023/24", datetime.date(2026, 12, 2), "more than 2 years old"),
    ],
)
def test_figures_more_than_a_period_older_than_the_latest_are_out_of_date(period, today, age):
    assert out_of_date(parse_period(period), today) == age

import datetime

import pytest

from meetings.schedule import (
    chair_review_due,
    meeting_months,
    regular_meeting_dates,
    season_window,
    second_monday,
)

D = datetime.date


def test_second_monday():
    assert second_monday(2018, 9) == datetime.date(2018, 9, 10)
    assert second_monday(2026, 6) == datetime.date(2026, 6, 8)  # 1 June 2026 is a Monday


@pytest.mark.parametrize(
    ("per_year", "months"),
    [(4, [3, 6, 9, 12]), (2, [6, 12]), (1, [12]), (12, list(range(1, 13))), (3, [4, 8, 12])],
)
def test_meeting_months_spread_across_the_year(per_year, months):
    assert meeting_months(per_year) == months


def test_next_quarterly_dates_follow_the_day_given():
    assert regular_meeting_dates(
        after=datetime.date(2018, 9, 10), meetings_per_year=4, count=4
    ) == [
        datetime.date(2018, 12, 10),
        datetime.date(2019, 3, 11),
        datetime.date(2019, 6, 10),
        datetime.date(2019, 9, 9),
    ]


@pytest.mark.parametrize(
    ("today", "reviews", "state", "window_start"),
    [
        # Before the Spring, last year's review counts.
        (D(2019, 2, 28), [D(2018, 4, 10)], "done", D(2019, 3, 1)),
        (D(2019, 2, 28), [], "overdue", D(2018, 3, 1)),
        # The Spring begins on 1 March: this year's review is due until 31 May.
        (D(2019, 3, 1), [D(2018, 4, 10)], "due", D(2019, 3, 1)),
        (D(2019, 5, 31), [], "due", D(2019, 3, 1)),
        (D(2019, 6, 1), [], "overdue", D(2019, 3, 1)),
        (D(2019, 6, 1), [D(2019, 5, 20)], "done", D(2020, 3, 1)),
        # A late review still settles that year's.
        (D(2019, 9, 1), [D(2019, 7, 2)], "done", D(2020, 3, 1)),
    ],
)  # fmt: skip
def test_the_chair_review_falls_in_the_spring(today, reviews, state, window_start):
    due = chair_review_due("spring", reviews, today)
    assert (due.state, due.window[0]) == (state, window_start)
    assert due.window[1] == datetime.date(window_start.year, 5, 31)


def test_a_winter_review_spans_the_new_year():
    assert season_window("winter", 2020) == (datetime.date(2019, 12, 1), datetime.date(2020, 2, 29))
    assert chair_review_due("winter", [], datetime.date(2020, 1, 15)).state == "due"

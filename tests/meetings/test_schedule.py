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
DAY = datetime.timedelta(days=1)


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


def season_boundaries():
    """For every season, the days either side of where its 2025 window opens and closes,
    with no review held and with one held in the window before."""
    for season in ["spring", "summer", "autumn", "winter"]:
        start, end = season_window(season, 2025)
        previous = season_window(season, 2024)
        following = season_window(season, 2026)
        cases = [
            (start - DAY, [], "overdue", previous),
            (start - DAY, [previous[0] + DAY], "done", (start, end)),
            (start, [previous[0] + DAY], "due", (start, end)),
            (start, [], "due", (start, end)),
            (end, [], "due", (start, end)),
            (end + DAY, [], "overdue", (start, end)),
            (end + DAY, [end], "done", following),
            (following[0] - DAY, [end + DAY], "done", following),
        ]
        for today, reviews, state, window in cases:
            yield pytest.param(
                season, today, reviews, state, window, id=f"{season}-{today}-{state}"
            )


@pytest.mark.parametrize(
    ("season", "today", "reviews", "state", "window"), list(season_boundaries())
)
def test_the_chair_review_around_every_season_boundary(season, today, reviews, state, window):
    due = chair_review_due(season, reviews, today)
    assert (due.state, due.window) == (state, window)


def test_a_winter_review_is_due_again_in_december():
    """Last January's review settled last winter, not the one that began on 1 December."""
    due = chair_review_due("winter", [D(2025, 1, 10)], D(2025, 12, 15))
    assert (due.state, due.window) == ("due", (D(2025, 12, 1), D(2026, 2, 28)))
    december_review = chair_review_due("winter", [D(2025, 12, 20)], D(2026, 1, 10))
    assert (december_review.state, december_review.window[0]) == ("done", D(2026, 12, 1))

import datetime

import pytest

from meetings.schedule import meeting_months, regular_meeting_dates, second_monday


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

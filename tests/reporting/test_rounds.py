"""The reporting-round rule: working days, due dates, moved dates and round boundaries."""

import datetime

import pytest

from reporting.rounds import (
    AFTER_DUE,
    is_working_day,
    open_round_index,
    reminder_due,
    reporting_round,
    working_days_before,
    working_days_from,
)

D = datetime.date


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2026, 12, 4), True),  # a Friday
        (D(2026, 12, 5), False),  # Saturday
        (D(2026, 12, 6), False),  # Sunday
        (D(2026, 12, 25), False),  # Christmas Day
        (D(2026, 12, 28), False),  # Boxing Day, observed on the Monday
        (D(2027, 1, 1), False),  # New Year's Day
        (D(2027, 3, 26), False),  # Good Friday
        (D(2027, 3, 29), False),  # Easter Monday
        (D(2027, 3, 30), True),
        (D(2027, 8, 30), False),  # the late summer bank holiday in England and Wales
        (D(2027, 8, 2), True),  # Scotland's summer holiday is a working day here
    ],
)
def test_working_days_skip_weekends_and_england_and_wales_bank_holidays(day, working):
    assert is_working_day(day) is working


def test_a_meeting_on_a_monday_is_due_the_working_days_before_across_weekends():
    monday = D(2026, 12, 7)
    assert working_days_before(monday, 1) == D(2026, 12, 4)
    assert working_days_before(monday, 10) == D(2026, 11, 23)


def test_christmas_and_new_year_do_not_count():
    """Ten working days before Monday 11 January 2027 skips 25 and 28 December and
    1 January as well as the weekends."""
    assert working_days_before(D(2027, 1, 11), 10) == D(2026, 12, 23)


def test_easter_does_not_count():
    assert working_days_before(D(2027, 4, 1), 3) == D(2027, 3, 25)


def test_a_round_is_due_the_partnerships_working_days_before_its_meeting():
    due = reporting_round(
        meeting_on=D(2027, 1, 11), previous_meeting_on=D(2026, 10, 12), working_days=10
    )
    assert due.due_on == D(2026, 12, 23)
    assert due.opens_on == D(2026, 10, 13)
    assert due.is_moved is False


def test_a_moved_due_date_stands_instead():
    moved = reporting_round(
        meeting_on=D(2027, 1, 11),
        previous_meeting_on=D(2026, 10, 12),
        working_days=10,
        moved_to=D(2027, 1, 6),
    )
    assert moved.due_on == D(2027, 1, 6)
    assert moved.is_moved is True


def test_a_round_opens_the_day_after_the_previous_meeting_and_closes_with_its_own():
    this = reporting_round(
        meeting_on=D(2027, 1, 11), previous_meeting_on=D(2026, 10, 12), working_days=10
    )
    assert not this.includes(D(2026, 10, 12))
    assert this.includes(D(2026, 10, 13))
    assert this.includes(D(2027, 1, 11))
    assert not this.includes(D(2027, 1, 12))


def test_the_first_round_counts_every_update_before_its_meeting():
    first = reporting_round(meeting_on=D(2027, 1, 11), previous_meeting_on=None, working_days=10)
    assert first.opens_on is None
    assert first.includes(D(2018, 9, 10))


def test_meetings_closer_than_the_notice_are_due_when_the_round_opens():
    close = reporting_round(
        meeting_on=D(2026, 12, 7), previous_meeting_on=D(2026, 12, 1), working_days=10
    )
    assert close.due_on == D(2026, 12, 2)


def test_the_open_round_is_of_the_next_meeting_until_its_day_is_over():
    meetings = [D(2026, 10, 12), D(2027, 1, 11), D(2027, 4, 12)]
    assert open_round_index(meetings, D(2026, 10, 12)) == 0
    assert open_round_index(meetings, D(2026, 10, 13)) == 1
    assert open_round_index(meetings, D(2027, 1, 11)) == 1
    assert open_round_index(meetings, D(2027, 1, 12)) == 2


def test_no_round_is_open_with_no_meeting_to_come():
    assert open_round_index([D(2026, 10, 12)], D(2026, 10, 13)) is None
    assert open_round_index([], D(2026, 10, 13)) is None


@pytest.mark.parametrize(
    ("today", "words"),
    [
        (D(2026, 11, 30), "due in 3 working days"),
        (D(2026, 12, 2), "due in 1 working day"),
        (D(2026, 12, 3), "due today"),
        (D(2026, 12, 4), "overdue by 1 day"),
        (D(2026, 12, 5), "overdue by 2 days"),
    ],
)
def test_when_due_in_words(today, words):
    round_ = reporting_round(
        meeting_on=D(2026, 12, 17), previous_meeting_on=D(2026, 9, 17), working_days=10
    )
    assert round_.due_on == D(2026, 12, 3)
    assert round_.when_due(today) == words


def test_a_date_moved_to_a_weekend_is_due_in_days():
    moved = reporting_round(
        meeting_on=D(2026, 12, 17),
        previous_meeting_on=D(2026, 9, 17),
        working_days=10,
        moved_to=D(2026, 12, 5),
    )
    assert moved.when_due(D(2026, 12, 4)) == "due in 1 day"


def test_working_days_from_counts_the_days_after_the_first():
    assert working_days_from(D(2026, 12, 24), D(2026, 12, 29)) == 1
    assert working_days_from(D(2026, 12, 4), D(2026, 12, 4)) == 0


def a_round_due_on(due_on):
    return reporting_round(
        meeting_on=D(2027, 3, 15),
        previous_meeting_on=D(2026, 12, 14),
        working_days=10,
        moved_to=due_on,
    )


@pytest.mark.parametrize(
    ("today", "reminder"),
    [
        (D(2027, 2, 21), None),  # eight days before the due date, Monday 1 March
        (D(2027, 2, 22), "before-7"),
        (D(2027, 2, 27), "before-7"),
        (D(2027, 2, 28), "before-1"),  # a Sunday: the days before count every day
        (D(2027, 3, 1), "before-1"),  # the due date itself
        (D(2027, 3, 2), AFTER_DUE),  # the working day after it
        (D(2027, 3, 10), AFTER_DUE),
    ],
)
def test_the_latest_reminder_that_has_come_is_due(today, reminder):
    assert reminder_due(a_round_due_on(D(2027, 3, 1)), today, days_before=[7, 1]) == reminder


def test_the_reminder_after_the_due_date_waits_for_the_next_working_day():
    friday_before_easter = a_round_due_on(D(2027, 3, 25))  # then Good Friday, Easter Monday
    assert reminder_due(friday_before_easter, D(2027, 3, 29), days_before=[7, 1]) == "before-1"
    assert reminder_due(friday_before_easter, D(2027, 3, 30), days_before=[7, 1]) == AFTER_DUE

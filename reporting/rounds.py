"""The reporting-round rule: when the updates for a meeting are due, and which days count
as reporting for it. Dates only, no database, so that every page asks the same rule (as
workstreams/rollup.py is asked for progress)."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

import holidays

ONE_DAY = datetime.timedelta(days=1)
# Bank holidays in England and Wales; the years are filled in as they are asked about.
BANK_HOLIDAYS = holidays.UK(subdiv="ENG")


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in BANK_HOLIDAYS


def working_days_before(day: datetime.date, count: int) -> datetime.date:
    """The working day `count` working days before `day`."""
    while count > 0:
        day -= ONE_DAY
        if is_working_day(day):
            count -= 1
    return day


def working_days_from(start: datetime.date, end: datetime.date) -> int:
    """How many working days follow `start`, up to and including `end`."""
    count, day = 0, start
    while day < end:
        day += ONE_DAY
        count += is_working_day(day)
    return count


def _days(count: int, unit: str = "day") -> str:
    return f"{count} {unit}{'s' if count != 1 else ''}"


@dataclass(frozen=True)
class Round:
    """The updates for one meeting: they count from the day after the previous meeting
    (from the start, when there was none) up to the meeting itself, and are due on
    `due_on`, which the secretariat may have moved."""

    meeting_on: datetime.date
    opens_on: datetime.date | None
    due_on: datetime.date
    is_moved: bool

    def includes(self, day: datetime.date) -> bool:
        """An update dated `day` reports for this round."""
        return (self.opens_on is None or day >= self.opens_on) and day <= self.meeting_on

    def when_due(self, today: datetime.date) -> str:
        """When the updates are due, as seen from `today`: "due in 3 working days",
        "due today" or "overdue by 2 days"."""
        if today == self.due_on:
            return "due today"
        if today > self.due_on:
            return f"overdue by {_days((today - self.due_on).days)}"
        working_days = working_days_from(today, self.due_on)
        if working_days == 0:  # a date moved to a weekend or holiday, with none between
            return f"due in {_days((self.due_on - today).days)}"
        return f"due in {_days(working_days, 'working day')}"

    def is_overdue(self, today: datetime.date) -> bool:
        return today > self.due_on


def reporting_round(
    *,
    meeting_on: datetime.date,
    previous_meeting_on: datetime.date | None,
    working_days: int,
    moved_to: datetime.date | None = None,
) -> Round:
    """The round of a meeting: due `working_days` working days before it, unless the
    secretariat moved it (`moved_to`), and never before the round opens (when meetings
    are closer together than the usual notice)."""
    opens_on = previous_meeting_on + ONE_DAY if previous_meeting_on else None
    if moved_to is not None:
        return Round(meeting_on, opens_on, moved_to, is_moved=True)
    due_on = working_days_before(meeting_on, working_days)
    if opens_on is not None and due_on < opens_on:
        due_on = opens_on
    return Round(meeting_on, opens_on, due_on, is_moved=False)


def open_round_index(meeting_dates: Sequence[datetime.date], today: datetime.date) -> int | None:
    """Of a partnership's ordinary meetings (not cancelled, in date order), the position
    of the one whose round is open on `today`: the first on or after it, so a round stays
    open through its meeting's day. None when no meeting is to come."""
    for index, meeting_on in enumerate(meeting_dates):
        if meeting_on >= today:
            return index
    return None


AFTER_DUE = "after-due"


def next_working_day(day: datetime.date) -> datetime.date:
    day += ONE_DAY
    while not is_working_day(day):
        day += ONE_DAY
    return day


def reminder_due(round_: Round, today: datetime.date, *, days_before: Sequence[int]) -> str | None:
    """Which of the round's reminders has come by `today`: "before-N" from N days before the
    due date, the nearest such, and "after-due" from the working day after it. Only the
    latest one counts, so a scheduler that missed a day catches up with one reminder, not
    every one it missed. None before the first."""
    if today >= next_working_day(round_.due_on):
        return AFTER_DUE
    for days in sorted(days_before):
        if today >= round_.due_on - datetime.timedelta(days=days):
            return f"before-{days}"
    return None

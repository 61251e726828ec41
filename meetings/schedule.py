"""When a partnership's regular meetings fall."""

import calendar
import datetime

MONDAY = 0


def second_monday(year: int, month: int) -> datetime.date:
    first_weekday, _ = calendar.monthrange(year, month)
    first_monday = 1 + (MONDAY - first_weekday) % 7
    return datetime.date(year, month, first_monday + 7)


def meeting_months(meetings_per_year: int) -> list[int]:
    """Months spread evenly across the year and ending in December: 3, 6, 9, 12 for four."""
    return sorted({round(12 * k / meetings_per_year) for k in range(1, meetings_per_year + 1)})


def regular_meeting_dates(
    *, after: datetime.date, meetings_per_year: int, count: int
) -> list[datetime.date]:
    """The next `count` meeting dates after a day: the second Monday of each meeting month."""
    months = meeting_months(meetings_per_year)
    dates: list[datetime.date] = []
    year = after.year
    while len(dates) < count:
        for month in months:
            candidate = second_monday(year, month)
            if candidate > after and len(dates) < count:
                dates.append(candidate)
        year += 1
    return dates

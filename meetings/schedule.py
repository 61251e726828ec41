"""When a partnership's regular meetings fall, and when its chair is due for review."""

import calendar
import datetime
from dataclasses import dataclass

MONDAY = 0
DEFAULT_MEETINGS_PER_YEAR = 4  # as the seed's terms of reference have it


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


# The months of each season, for the yearly review of who chairs a group. A winter's
# review runs from December of the year before to February.
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "winter": (12, 2)}


def season_window(season: str, year: int) -> tuple[datetime.date, datetime.date]:
    """The first and last day of a season's review in a year."""
    first_month, last_month = SEASONS[season]
    start_year = year - 1 if first_month > last_month else year
    last_day = calendar.monthrange(year, last_month)[1]
    return datetime.date(start_year, first_month, 1), datetime.date(year, last_month, last_day)


@dataclass(frozen=True)
class ChairReviewDue:
    """Where the yearly chair review stands: "done" for the latest season (the window is
    then the next one), "due" during its season, or "overdue" once the season has passed."""

    state: str
    window: tuple[datetime.date, datetime.date]


def latest_season_window(season: str, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The latest of a season's windows to have begun by today. A season that spans the
    new year (winter) begins in the December before the year its window is named for."""
    for year in (today.year + 1, today.year):
        start, end = season_window(season, year)
        if start <= today:
            return start, end
    return season_window(season, today.year - 1)


def chair_review_due(
    season: str, review_dates: list[datetime.date], today: datetime.date
) -> ChairReviewDue:
    start, end = latest_season_window(season, today)
    if any(held >= start for held in review_dates):
        return ChairReviewDue("done", season_window(season, end.year + 1))
    return ChairReviewDue("due" if today <= end else "overdue", (start, end))

"""Periods of statistics: months, financial quarters and financial years (April to March),
each identified by its kind and first day."""

import datetime
import re
from dataclasses import dataclass

MONTH, QUARTER, YEAR = "month", "quarter", "year"
MONTH_NAMES = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip
FORMATS_HELP = (
    "a month as 2019-04 or April 2019; a financial quarter as 2019/20 Q1 (April to June "
    "2019); a financial year as 2019/20"
)


@dataclass(frozen=True, order=True)
class Period:
    start: datetime.date
    kind: str

    def __str__(self) -> str:
        if self.kind == MONTH:
            return f"{MONTH_NAMES[self.start.month - 1]} {self.start.year}"
        year = fy_label(self.start)
        if self.kind == QUARTER:
            return f"{year} Q{quarter_number(self.start)}"
        return year

    @property
    def short_label(self) -> str:
        if self.kind == MONTH:
            return f"{MONTH_NAMES[self.start.month - 1][:3]} {self.start.year}"
        return str(self)

    def shifted(self, steps: int) -> "Period":
        """The period `steps` periods of the same kind later (or earlier, if negative)."""
        months = {MONTH: 1, QUARTER: 3, YEAR: 12}[self.kind] * steps
        index = self.start.year * 12 + self.start.month - 1 + months
        return Period(datetime.date(index // 12, index % 12 + 1, 1), self.kind)

    @property
    def end(self) -> datetime.date:
        return self.shifted(1).start - datetime.timedelta(days=1)

    def financial_year(self) -> "Period":
        return Period(fy_start(self.start), YEAR)

    def quarter(self) -> "Period":
        """The financial quarter a month is in."""
        month = self.start.month - (self.start.month - 4) % 3
        return Period(self.start.replace(month=month), QUARTER)


def starts_period(day: datetime.date, kind: str) -> bool:
    """Whether `day` is the first day of a period of that kind: the 1st of a month, of a
    financial quarter's first month (April, July, October, January) or of April."""
    months = {MONTH: range(1, 13), QUARTER: (1, 4, 7, 10), YEAR: (4,)}[kind]
    return day.day == 1 and day.month in months


def fy_start(day: datetime.date) -> datetime.date:
    return datetime.date(day.year if day.month >= 4 else day.year - 1, 4, 1)


def fy_label(day: datetime.date) -> str:
    start = fy_start(day).year
    return f"{start}/{(start + 1) % 100:02d}"


def quarter_number(day: datetime.date) -> int:
    return (day.month - 4) % 12 // 3 + 1


_MONTH_ISO = re.compile(r"^(\d{4})-(\d{1,2})$")
_MONTH_NAMED = re.compile(r"^([A-Za-z]+)\s+(\d{4})$")
_YEAR = re.compile(r"^(\d{4})/(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})/(\d{2})\s*Q([1-4])$", re.IGNORECASE)


def parse_period(text: str) -> Period:
    """A period from one of FORMATS_HELP's forms; ValueError otherwise."""
    text = " ".join(str(text).split())
    if match := _MONTH_ISO.match(text):
        year, month = int(match[1]), int(match[2])
        if 1 <= month <= 12:
            return Period(datetime.date(year, month, 1), MONTH)
    if match := _MONTH_NAMED.match(text):
        names = {name.lower(): n for n, name in enumerate(MONTH_NAMES, start=1)}
        names |= {name[:3].lower(): n for n, name in enumerate(MONTH_NAMES, start=1)}
        if match[1].lower() in names:
            return Period(datetime.date(int(match[2]), names[match[1].lower()], 1), MONTH)
    if (match := _QUARTER.match(text)) and _consecutive(match[1], match[2]):
        quarter = int(match[3])
        start = Period(datetime.date(int(match[1]), 4, 1), QUARTER)
        return start.shifted(quarter - 1)
    if (match := _YEAR.match(text)) and _consecutive(match[1], match[2]):
        return Period(datetime.date(int(match[1]), 4, 1), YEAR)
    raise ValueError(f"“{text}” is not a period: write {FORMATS_HELP}")


def _consecutive(first: str, second: str) -> bool:
    return (int(first) + 1) % 100 == int(second)


def period_containing(day: datetime.date, kind: str) -> Period:
    """The period of a kind that `day` falls in."""
    month = Period(day.replace(day=1), MONTH)
    if kind == MONTH:
        return month
    return month.quarter() if kind == QUARTER else month.financial_year()


def out_of_date(period: Period, today: datetime.date) -> str | None:
    """How old a period's figures are, in words, when they are more than one period
    older than the latest that could be counted by `today` (the last one to have
    ended); None while they are that recent. A month's figures in December are out of
    date from September's back, a year's in 2026/27 from 2023/24's back."""
    latest = period_containing(today, period.kind).shifted(-1)
    if period >= latest.shifted(-1):
        return None
    months = (today.year - period.end.year) * 12 + today.month - period.end.month
    if months < 12:
        return f"{months} months old"
    years = months // 12
    return f"more than {years} year{'s' if years > 1 else ''} old"

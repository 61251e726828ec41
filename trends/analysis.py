"""Figures derived from counts: changes, rolling and financial-year totals, and shares.

Pure functions on plain values, so that every rule can be checked by hand. The README
sets out the same rules for readers.
"""

from dataclasses import dataclass

from trends.periods import MONTH, Period


def percent_change(before: int | None, after: int | None) -> float | None:
    """The change from `before` to `after` as a percentage of `before`; None when either
    is missing or `before` is zero."""
    if before is None or after is None or before == 0:
        return None
    return (after - before) / before * 100


@dataclass(frozen=True)
class Change:
    period: Period
    value: int | None
    earlier: int | None

    @property
    def difference(self) -> int | None:
        if self.value is None or self.earlier is None:
            return None
        return self.value - self.earlier

    @property
    def percent(self) -> float | None:
        return percent_change(self.earlier, self.value)


def changes(points: dict[Period, int | None], steps: int) -> list[Change]:
    """Each period against the one `steps` periods before it (1: the previous period;
    12 months or 4 quarters: the same period a year before)."""
    return [Change(p, points[p], points.get(p.shifted(-steps))) for p in sorted(points)]


def rolling_totals(months: dict[Period, int | None], window: int = 12) -> dict[Period, int]:
    """For each month, the total of it and the `window - 1` months before it, where all
    of them are known."""
    totals = {}
    for period in sorted(months):
        span = [months.get(period.shifted(-back)) for back in range(window)]
        if all(value is not None for value in span):
            totals[period] = sum(span)
    return totals


def financial_year_totals(points: dict[Period, int | None]) -> dict[Period, int]:
    """Financial-year totals from a year's months (all twelve) or quarters (all four)."""
    years: dict[Period, list[int | None]] = {}
    for period, value in points.items():
        years.setdefault(period.financial_year(), []).append(value)
    expected = 12 if all(period.kind == MONTH for period in points) else 4
    return {
        year: sum(values)
        for year, values in sorted(years.items())
        if len(values) == expected and None not in values
    }


def shares(values: dict[str, int | None]) -> dict[str, float | None]:
    """Each part's share of their total, as a percentage; None for all when any is unknown."""
    if any(value is None for value in values.values()):
        return dict.fromkeys(values)
    total = sum(values.values())
    return {key: (value / total * 100 if total else None) for key, value in values.items()}

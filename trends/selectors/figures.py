"""Cells as readers see them: a count, a total, a change or a share, with small numbers
hidden."""

from dataclasses import dataclass

from trends.analysis import Change
from trends.periods import MONTH, QUARTER, YEAR, Period
from trends.selectors.series import CountRow
from trends.suppression import Suppression, count_key

KIND_TITLES = {YEAR: "Financial years", QUARTER: "Financial quarters", MONTH: "Months"}
KIND_NOUNS = {YEAR: "years", QUARTER: "quarters", MONTH: "months"}
NO_FIGURE = "–"


@dataclass(frozen=True)
class Figure:
    """A cell as a reader sees it, and the value a chart plots (None for a gap)."""

    text: str
    value: int | None = None
    hidden: bool = False


def count_figure(count: CountRow | None, suppression: Suppression) -> Figure:
    if count is None:
        return Figure(NO_FIGURE)
    if label := suppression.label(count_key(count)):
        return Figure(label, hidden=True)
    return Figure(f"{count.value:,}", count.value)


def total_figure(value: int | None) -> Figure:
    return Figure(NO_FIGURE) if value is None else Figure(f"{value:,}", value)


def change_figure(change: Change) -> Figure:
    """A change in count and, where the earlier count is not zero, in percent."""
    if change.difference is None:
        return Figure(NO_FIGURE)
    if change.difference == 0:
        return Figure("No change", 0)
    percent = f" ({change.percent:+.1f}%)" if change.percent is not None else ""
    return Figure(f"{change.difference:+,}{percent}", change.difference)


def share_figure(percent: float | None) -> Figure:
    return Figure(NO_FIGURE) if percent is None else Figure(f"{percent:.1f}%")


@dataclass(frozen=True)
class Table:
    caption: str
    columns: list[str]
    rows: list[tuple[Period, list[Figure]]]

"""A partnership's statistics as readers see them: tables, charts and emerging-trend
flags, with small numbers (and any figure that would give one away) hidden from all but
the secretariat, and from every export."""

from trends.selectors.exports import EXPORT_COLUMNS, export_rows
from trends.selectors.measure_page import MeasureTrends, measure_trends, suppression_for
from trends.selectors.overview import (
    MeasureOverview,
    StatisticsIndex,
    flags_in,
    partnership_overview,
    statistics_by_objective,
    statistics_index,
)

__all__ = [
    "EXPORT_COLUMNS",
    "MeasureOverview",
    "MeasureTrends",
    "StatisticsIndex",
    "export_rows",
    "flags_in",
    "measure_trends",
    "partnership_overview",
    "statistics_by_objective",
    "statistics_index",
    "suppression_for",
]

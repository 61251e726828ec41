"""A measure's counts as the selectors read them, arranged in series: by area, strand and
kind of period.

Counts are read as plain rows (`CountRow`) rather than model instances, with their area's
name and larger area from the same query: pages, the dashboard and the briefing read
thousands of counts, and building a Count, an Area and a Strand for each was most of
their cost.
"""

import datetime
from collections import defaultdict
from typing import NamedTuple

from django.db.models import QuerySet

from partners.models import Strand
from trends.models import Count
from trends.periods import MONTH, QUARTER, YEAR, Period

# The strands are a fixed vocabulary (partners' migration 0002), positioned in the order
# of their codes, so their names and order need no query.
STRAND_NAMES = dict(Strand.Code.choices)
STRAND_ORDER = {code: position for position, code in enumerate(Strand.Code.values)}
KIND_ORDER = {kind: position for position, kind in enumerate((YEAR, QUARTER, MONTH))}


class CountRow(NamedTuple):
    measure_id: int
    area_id: int
    strand_id: str | None
    period_kind: str
    period_start: datetime.date
    value: int
    illustrative: bool
    area_name: str
    area_part_of_id: int | None
    measure_name: str = ""  # read only for exports
    source: str = ""  # read only for a measure's page and exports
    note: str = ""

    @property
    def period(self) -> Period:
        return Period(self.period_start, self.period_kind)


_FIELDS = (
    "measure_id",
    "area_id",
    "strand_id",
    "period_kind",
    "period_start",
    "value",
    "illustrative",
    "area__name",
    "area__part_of_id",
)


def count_rows(counts: QuerySet[Count], *, described: bool = False) -> list[CountRow]:
    """The counts as rows, in one query; `described` adds the measure's name and each
    count's source and note."""
    fields = (*_FIELDS, "measure__name", "source", "note") if described else _FIELDS
    return [CountRow(*values) for values in counts.values_list(*fields)]


def strand_name(code: str | None) -> str:
    return STRAND_NAMES[code] if code else "all strands"


class Series:
    """A measure's counts arranged by (area, strand, kind) and period."""

    def __init__(self, counts: list[CountRow]):
        self.by_key: dict[tuple, dict[Period, CountRow]] = defaultdict(dict)
        self.area_names = {}
        for count in counts:
            self.by_key[(count.area_id, count.strand_id, count.period_kind)][count.period] = count
            self.area_names[count.area_id] = count.area_name

    def kinds(self) -> list[str]:
        return sorted({kind for _, _, kind in self.by_key}, key=KIND_ORDER.get)

    def areas(self, kind: str, *, strands: bool = False) -> list[int]:
        ids = {
            area
            for area, strand, k in self.by_key
            if k == kind and (strand is not None if strands else strand is None)
        }
        return sorted(ids, key=self.area_names.get)

    def strand_list(self, area: int, kind: str) -> list[str]:
        """The codes of the strands counted for an area, in the strands' order."""
        codes = {s for a, s, k in self.by_key if a == area and k == kind and s is not None}
        return sorted(codes, key=STRAND_ORDER.get)

    def get(self, area, strand, kind) -> dict[Period, CountRow]:
        return self.by_key.get((area, strand, kind), {})

    def order(self, key: tuple) -> tuple:
        """Where a series (area, strand, kind) comes: years first, then by area, with all
        strands before each strand."""
        area, strand, kind = key
        return (KIND_ORDER[kind], self.area_names[area], STRAND_ORDER.get(strand, -1))

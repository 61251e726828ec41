"""A measure's counts arranged in series: by area, strand and kind of period."""

from collections import defaultdict

from trends.models import Count
from trends.periods import MONTH, QUARTER, YEAR, Period


class Series:
    """A measure's counts arranged by (area, strand, kind) and period."""

    def __init__(self, counts: list[Count]):
        self.by_key: dict[tuple, dict[Period, Count]] = defaultdict(dict)
        self.area_names, self.strands = {}, {}
        for count in counts:
            self.by_key[(count.area_id, count.strand_id, count.period_kind)][count.period] = count
            self.area_names[count.area_id] = count.area.name
            if count.strand_id:
                self.strands[count.strand_id] = count.strand

    def kinds(self) -> list[str]:
        present = {kind for _, _, kind in self.by_key}
        return [kind for kind in (YEAR, QUARTER, MONTH) if kind in present]

    def areas(self, kind: str, *, strands: bool = False) -> list[int]:
        ids = {
            area
            for area, strand, k in self.by_key
            if k == kind and (strand is not None if strands else strand is None)
        }
        return sorted(ids, key=self.area_names.get)

    def strand_list(self, area: int, kind: str) -> list:
        codes = {s for a, s, k in self.by_key if a == area and k == kind and s is not None}
        return sorted((self.strands[code] for code in codes), key=lambda s: s.position)

    def get(self, area, strand, kind) -> dict[Period, Count]:
        return self.by_key.get((area, strand, kind), {})

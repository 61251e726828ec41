"""Counts for download, in the long import layout, with small numbers hidden whoever
downloads them."""

from partners.models import Partnership
from trends.models import ALL_STRANDS, Count, Measure
from trends.periods import MONTH, QUARTER, YEAR
from trends.suppression import count_key, counts_suppressed

EXPORT_COLUMNS = ["Period", "Area", "Strand", "Measure", "Count", "Source", "Note", "Illustrative"]
ILLUSTRATIVE = "Illustrative, not real"


def export_rows(partnership: Partnership, *, measure: Measure | None = None) -> list[list]:
    """The partnership's counts (or one measure's) in the long import layout, small ones
    hidden whoever asks: exports leave the service."""
    counts = Count.objects.filter(measure__partnership=partnership)
    if measure is not None:
        counts = counts.filter(measure=measure)
    counts = list(counts.select_related("measure", "area", "strand"))
    threshold = partnership.small_number_threshold
    suppression = counts_suppressed(counts, threshold)
    counts.sort(
        key=lambda c: (
            c.measure.name,
            (YEAR, QUARTER, MONTH).index(c.period_kind),
            c.period_start,
            c.area.name,
            c.strand.position if c.strand else -1,
        )
    )
    return [
        [
            str(c.period),
            c.area.name,
            str(c.strand) if c.strand else ALL_STRANDS,
            c.measure.name,
            suppression.label(count_key(c)) or c.value,
            c.source,
            c.note,
            ILLUSTRATIVE if c.illustrative else "",
        ]
        for c in counts
    ]

"""Counts for download, in the long import layout, with small numbers hidden whoever
downloads them."""

from partners.models import Partnership
from trends.models import ALL_STRANDS, Count, Measure
from trends.selectors.series import KIND_ORDER, STRAND_NAMES, STRAND_ORDER, count_rows
from trends.suppression import count_key, counts_suppressed

EXPORT_COLUMNS = ["Period", "Area", "Strand", "Measure", "Count", "Source", "Note", "Illustrative"]
ILLUSTRATIVE = "Illustrative, not real"


def export_rows(partnership: Partnership, *, measure: Measure | None = None) -> list[list]:
    """The partnership's counts (or one measure's) in the long import layout, small ones
    hidden whoever asks, since exports leave the service; the note says why each hidden
    count is hidden."""
    counts = Count.objects.filter(measure__partnership=partnership)
    if measure is not None:
        counts = counts.filter(measure=measure)
    counts = count_rows(counts, described=True)
    suppression = counts_suppressed(counts, partnership.small_number_threshold)
    counts.sort(
        key=lambda c: (
            c.measure_name,
            KIND_ORDER[c.period_kind],
            c.period_start,
            c.area_name,
            STRAND_ORDER.get(c.strand_id, -1),
        )
    )
    return [
        [
            str(c.period),
            c.area_name,
            STRAND_NAMES[c.strand_id] if c.strand_id else ALL_STRANDS,
            c.measure_name,
            suppression.label(count_key(c)) or c.value,
            c.source,
            " ".join(note for note in (c.note, suppression.reason(count_key(c))) if note),
            ILLUSTRATIVE if c.illustrative else "",
        ]
        for c in counts
    ]

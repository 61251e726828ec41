"""Writes to a partnership's statistics."""

from collections.abc import Callable
from dataclasses import dataclass

from auditlog.context import disable_auditlog
from django.db import router, transaction
from django.db.models.deletion import Collector

from partners.models import Partnership, Person, Strand
from trends.history import log_in_bulk
from trends.importing import Record, parse_counts, read_table
from trends.models import Area, Count, Measure, StatisticsImport

PROGRESS_EVERY = 1000
RELATED = ["measure", "area", "strand", "imported_in"]


def statistics_file_records(*, partnership: Partnership, filename: str, data: bytes):
    """The counts in a CSV file or workbook, every row checked; ImportRejected if any of
    it is wrong."""
    return parse_counts(partnership, read_table(filename, data))


def statistics_import_file(
    *,
    partnership: Partnership,
    filename: str,
    data: bytes,
    imported_by: Person | None,
    illustrative: bool = False,
) -> StatisticsImport:
    """Read and check a CSV file or workbook of counts, then import them; ImportRejected,
    with nothing written, if any of it is wrong. The file is read before the transaction
    starts, so that no transaction stays open while a large file is checked."""
    records = statistics_file_records(partnership=partnership, filename=filename, data=data)
    return statistics_import(
        partnership=partnership,
        records=records,
        filename=filename,
        imported_by=imported_by,
        illustrative=illustrative,
    )


@transaction.atomic
def statistics_import(
    *,
    partnership: Partnership,
    records: list[Record],
    filename: str,
    imported_by: Person | None,
    illustrative: bool = False,
    on_progress: Callable[[int], None] | None = None,
) -> StatisticsImport:
    """Import checked counts. The counts already held for each measure, area and period
    in the file are replaced: one for the same strand by the file's count, under the
    same id, the others deleted. Counts are deleted and written in bulk, and so is their
    audit history (`trends.history`): each count replaced with its old and new values,
    each deleted with its old ones, each new one with its values. `on_progress` is told
    how many counts have been written, every PROGRESS_EVERY."""
    related = _Related(partnership)
    held = counts_held_for(records, related)
    batch = StatisticsImport.objects.create(
        partnership=partnership,
        filename=filename[:255],
        imported_by=imported_by,
        rows=len(records),
        replaced=len(held),
    )
    counts = _counts_to_write(records, related, batch, illustrative)
    replaced = {_key(count): count for count in held}
    changes = []
    for count in counts:
        if (old := replaced.pop(_key(count), None)) is not None:
            count.pk = old.pk
        changes.append((old, count))
    deleted = [(old, None) for old in replaced.values()]
    log_in_bulk(deleted)  # while the counts still have their ids
    _delete_in_bulk(held)
    for start in range(0, len(counts), PROGRESS_EVERY):
        written = slice(start, start + PROGRESS_EVERY)
        with disable_auditlog():
            Count.objects.bulk_create(counts[written])
        log_in_bulk(changes[written])
        if on_progress:
            on_progress(min(start + PROGRESS_EVERY, len(counts)))
    return batch


def _key(count: Count) -> tuple:
    return (count.measure_id, count.area_id, count.strand_id, count.period_kind, count.period_start)


@dataclass(frozen=True)
class Replacement:
    """A count held that importing a file replaces: by the file's count for the same
    strand (`value`), or, when the file has none, deleted (`value` is None)."""

    old: Count
    value: int | None


def import_replacements(*, partnership: Partnership, records: list[Record]) -> list[Replacement]:
    """What importing `records` would replace, as `statistics_import` replaces it, in the
    order of measure, period, area and strand; nothing is written."""
    new = {
        (r.measure_id, r.area_id, r.strand_code, r.period.kind, r.period.start): r.value
        for r in records
    }
    held = counts_held_for(records, _Related(partnership))
    held.sort(
        key=lambda c: (
            c.measure.name,
            c.period_start,
            c.period_kind,
            c.area.name,
            str(c.strand or ""),
        )
    )
    return [Replacement(count, new.get(_key(count))) for count in held]


def counts_held_for(records: list[Record], related: "_Related") -> list[Count]:
    """The counts held for the measures, areas and periods of `records`, which importing
    them replaces, in one query, with their measures, areas and strands attached."""
    if not records:
        return []
    periods = {(r.measure_id, r.area_id, r.period.kind, r.period.start) for r in records}
    starts = [r.period.start for r in records]
    candidates = Count.objects.filter(
        measure_id__in={r.measure_id for r in records},
        area_id__in={r.area_id for r in records},
        period_start__range=(min(starts), max(starts)),
    )
    held = [
        count
        for count in candidates
        if (count.measure_id, count.area_id, count.period_kind, count.period_start) in periods
    ]
    for count in held:
        related.attach(count)
    return held


class _Related:
    """The partnership's measures and areas, and the strands, to attach to counts, so that
    naming a count in its history needs no query."""

    def __init__(self, partnership: Partnership):
        self.measures = {measure.pk: measure for measure in partnership.measures.all()}
        self.areas = {area.pk: area for area in partnership.areas.all()}
        self.strands = {strand.code: strand for strand in Strand.objects.all()}

    def attach(self, count: Count) -> None:
        count.measure = self.measures[count.measure_id]
        count.area = self.areas[count.area_id]
        count.strand = self.strands.get(count.strand_id)


def _counts_to_write(records, related: "_Related", batch, illustrative) -> list[Count]:
    """A validated Count for each record."""
    counts = []
    for record in records:
        count = Count(
            measure_id=record.measure_id,
            area_id=record.area_id,
            strand_id=record.strand_code,
            period_kind=record.period.kind,
            period_start=record.period.start,
            value=record.value,
            source=record.source,
            note=record.note,
            illustrative=illustrative,
            imported_in=batch,
        )
        related.attach(count)
        # Every field and the period's start are validated; the foreign keys and the
        # uniqueness constraints, which would cost queries per row, were checked by the
        # importer against the partnership's own measures and areas and are enforced by
        # the database.
        count.full_clean(exclude=RELATED, validate_unique=False, validate_constraints=False)
        counts.append(count)
    return counts


def _delete_in_bulk(counts: list[Count]) -> None:
    """Delete counts already read, without reading them again (as a queryset's delete
    does when anything listens for deletions) and without auditlog's entry for each."""
    with disable_auditlog():
        for start in range(0, len(counts), PROGRESS_EVERY):
            collector = Collector(using=router.db_for_write(Count))
            collector.collect(counts[start : start + PROGRESS_EVERY])
            collector.delete()


@transaction.atomic
def measure_save(*, measure: Measure, objectives=None, **fields) -> Measure:
    for name, value in fields.items():
        setattr(measure, name, value)
    if not measure.slug:
        measure.slug = Measure.slug_for(measure.name)
    measure.full_clean()
    measure.save()
    if objectives is not None:
        measure.objectives.set(objectives)
    return measure


# The measures most partnerships count, offered to a partnership with none: (name, which
# way is good, description).
USUAL_MEASURES = [
    (
        "Recorded hate crimes",
        Measure.Direction.NEITHER,
        "Hate crimes the police recorded. A rise may mean more crime or better reporting and "
        "recording.",
    ),
    (
        "Non-crime hate incidents",
        Measure.Direction.NEITHER,
        "Incidents perceived as motivated by hostility that are not crimes.",
    ),
    (
        "Third-party reports",
        Measure.Direction.UP,
        "Reports made through third-party reporting centres: more means more victims "
        "coming forward.",
    ),
]


@transaction.atomic
def usual_measures_add(*, partnership: Partnership) -> list[Measure]:
    """Add whichever of the usual measures the partnership does not have yet."""
    held = {name.lower() for name in partnership.measures.values_list("name", flat=True)}
    return [
        measure_save(
            measure=Measure(partnership=partnership),
            name=name,
            good_direction=direction,
            description=description,
        )
        for name, direction, description in USUAL_MEASURES
        if name.lower() not in held
    ]


@transaction.atomic
def area_save(*, area: Area, name: str, part_of: Area | None = None) -> Area:
    area.name = name
    area.part_of = part_of
    area.full_clean()
    area.save()
    return area


def small_number_threshold_set(*, partnership: Partnership, threshold: int) -> Partnership:
    partnership.small_number_threshold = threshold
    others = [f.name for f in Partnership._meta.fields if f.name != "small_number_threshold"]
    partnership.clean_fields(exclude=others)
    partnership.save(update_fields=["small_number_threshold"])
    return partnership

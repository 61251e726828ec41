"""Writes to a partnership's statistics."""

from collections.abc import Callable

from django.db import transaction

from partners.models import Partnership, Person, Strand
from trends.importing import Record, parse_counts, read_table
from trends.models import Area, Count, Measure, StatisticsImport

PROGRESS_EVERY = 1000
RELATED = ["measure", "area", "strand", "imported_in"]


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
    records = parse_counts(partnership, read_table(filename, data))
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
    """Import checked counts. The counts already held for each measure, area and period in
    the file are replaced: each is deleted and recorded in the audit history.
    `on_progress` is told how many counts have been written, every PROGRESS_EVERY."""
    replaced = 0
    for measure_id, area_id, period in {(r.measure_id, r.area_id, r.period) for r in records}:
        for old in Count.objects.filter(
            measure_id=measure_id,
            area_id=area_id,
            period_kind=period.kind,
            period_start=period.start,
        ):
            old.delete()
            replaced += 1
    batch = StatisticsImport.objects.create(
        partnership=partnership,
        filename=filename[:255],
        imported_by=imported_by,
        rows=len(records),
        replaced=replaced,
    )
    strands = {strand.code: strand for strand in Strand.objects.all()}
    for written, record in enumerate(records, start=1):
        count = Count(
            measure_id=record.measure_id,
            area_id=record.area_id,
            strand=strands.get(record.strand_code),
            period_kind=record.period.kind,
            period_start=record.period.start,
            value=record.value,
            source=record.source,
            note=record.note,
            illustrative=illustrative,
            imported_in=batch,
        )
        # Every field and the period's start are validated; the foreign keys and the
        # uniqueness constraints, which would cost queries per row, were checked by the
        # importer against the partnership's own measures and areas and are enforced by
        # the database.
        count.full_clean(exclude=RELATED, validate_unique=False, validate_constraints=False)
        count.save()
        if on_progress and (written % PROGRESS_EVERY == 0 or written == len(records)):
            on_progress(written)
    return batch


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

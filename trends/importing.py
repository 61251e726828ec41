"""Reading a file of counts, in either of two layouts, and checking every row.

Long layout, one count per row:
    Period, Area, Strand, Measure, Count, Source, Note
Wide layout, one row per period, area and measure, one column per strand:
    Period, Area, Measure, Race, Religion or belief, Sexual orientation, Disability,
    Transgender identity, All strands, Source, Note

A date cell in a workbook's Period column is read as the month it falls in. Source and
Note are optional; in the wide layout any strand column may be left out, and
an empty cell means no count. Column names match whatever their case and spacing; a
column the layout does not have is a problem, not ignored. A file is checked whole: if
any row is wrong, nothing is imported and every problem is reported with its row (as a
spreadsheet program numbers it) and column.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from openpyxl.utils import get_column_letter

from hcag import tables
from hcag.tables import (
    MAX_UNPACKED_BYTES,
    NOT_A_TABLE,
    TOO_LARGE_UNPACKED,
    UNSAVED_FORMULA,
    ImportRejected,
    Problem,
    Row,
    column_key,
    problems_csv,
    unreadable,
)
from partners.models import Partnership, Strand
from trends.models import ALL_STRANDS, MAX_COUNT, Count
from trends.periods import FORMATS_HELP, Period, parse_period

__all__ = [
    "FORMATS_HELP",
    "MAX_UNPACKED_BYTES",
    "NOT_A_TABLE",
    "TOO_LARGE_UNPACKED",
    "UNSAVED_FORMULA",
    "ImportRejected",
    "Problem",
    "problems_csv",
]

LONG = ["Period", "Area", "Strand", "Measure", "Count"]
WIDE = ["Period", "Area", "Measure"]
OPTIONAL = ["Source", "Note"]
# The longest Source and Note a count holds.
TEXT_LIMITS = {column: Count._meta.get_field(column.lower()).max_length for column in OPTIONAL}
MAX_ROWS = 20_000

UNKNOWN_LAYOUT = (
    "The first row must name the columns: Period, Area, Strand, Measure and Count (the long "
    "layout), or Period, Area, Measure and a column for each strand (the wide layout)"
)
TOO_MANY_ROWS = tables.TOO_MANY_ROWS.format(limit=MAX_ROWS)
NO_ROWS = "The file has no counts in it"
UNKNOWN_COLUMN = "“{text}” is not a column of the {layout} layout, whose columns are {columns}"
REPEATED_COLUMN = "“{text}” names the same column as column {first}"
TOO_LONG = "{column} must be {limit:,} characters or fewer: this one has {length:,}"
MISSING_COUNT = "Enter the count"
NOT_A_NUMBER = "“{text}” is not a number"
NOT_WHOLE = "{text} is not a whole number"
NEGATIVE = "{text} is negative: counts are 0 or more"
TOO_LARGE_COUNT = "{text} is more than {limit:,}, the largest count the service holds"


@dataclass(frozen=True)
class Record:
    measure_id: int
    area_id: int
    strand_code: str | None
    period: Period
    value: int
    source: str
    note: str


def read_table(name: str, data: bytes) -> list[Row]:
    """The file's rows (hcag.tables.read_table). A date typed into the Period column
    stands for the month it falls in, which is how spreadsheet programs often store a
    month someone typed as "Apr 2019"."""
    return tables.read_table(
        name, data, max_rows=MAX_ROWS, date_text=lambda day: f"{day.year}-{day.month:02d}"
    )


def parse_counts(partnership: Partnership, rows: list[Row]) -> list[Record]:
    """Every count in the rows (the first names the columns), or ImportRejected listing
    every problem found."""
    if not rows:
        raise ImportRejected([NO_ROWS])
    checker = _Checker(partnership, rows[0])
    records, problems, seen = [], list(checker.header_problems), {}
    for row in rows[1:]:
        number = row.number
        cells = checker.cells(row)
        cannot_read = [
            Problem(number, column, message)
            for column, cell in cells.items()
            if (message := unreadable(cell))
        ]
        if cannot_read:
            problems.extend(cannot_read)
            continue
        for record, row_problems in checker.records(number, cells):
            problems.extend(row_problems)
            if record is None:
                continue
            key = (record.measure_id, record.area_id, record.strand_code, record.period)
            if key in seen:
                problems.append(
                    Problem(
                        number,
                        checker.value_column(record),
                        f"Repeats the count in row {seen[key]}",
                    )
                )
            else:
                seen[key] = number
                records.append(record)
    if not records and not problems:
        problems.append(NO_ROWS)
    if problems:
        raise ImportRejected(problems)
    return records


class _Checker:
    def __init__(self, partnership: Partnership, header: Row):
        names = {strand.get_code_display(): strand.code for strand in Strand.objects.all()}
        self.strands = {name.lower(): code for name, code in names.items()}
        self.strand_names = {code: name for name, code in names.items()}
        self.measures = {}
        for measure in partnership.measures.all():
            self.measures[measure.name.lower()] = measure.pk
            self.measures[measure.slug.lower()] = measure.pk
        self.areas = {area.name.lower(): area.pk for area in partnership.areas.all()}
        self.header_problems: list[Problem] = []
        self._read_header(header, [*names, ALL_STRANDS])

    def _read_header(self, header: Row, strand_columns: list[str]) -> None:
        """Which column holds what, and the layout; an unknown or repeated column is a
        problem in the header row, so that a misspelt one is not quietly ignored."""
        known = {column_key(name): name for name in [*LONG, *WIDE, *OPTIONAL, *strand_columns]}
        named = {
            position: known.get(column_key(text))
            for position, text in enumerate(header.cells)
            if text
        }
        present = set(named.values())
        if set(LONG) <= present:
            layout, allowed = "long", [*LONG, *OPTIONAL]
        elif set(WIDE) <= present and present & set(strand_columns):
            layout, allowed = "wide", [*WIDE, *strand_columns, *OPTIONAL]
        else:
            raise ImportRejected([UNKNOWN_LAYOUT])
        self.positions: dict[str, int] = {}
        for position, name in named.items():
            text, letter = header.cells[position], get_column_letter(position + 1)
            if name not in allowed:
                message = UNKNOWN_COLUMN.format(
                    text=text, layout=layout, columns=", ".join(allowed)
                )
            elif name in self.positions:
                first = get_column_letter(self.positions[name] + 1)
                message = REPEATED_COLUMN.format(text=text, first=first)
            else:
                self.positions[name] = position
                continue
            self.header_problems.append(Problem(header.number, f"Column {letter}", message))
        self.strand_columns = (
            None if layout == "long" else [c for c in self.positions if c in strand_columns]
        )

    def cells(self, row: Row) -> dict[str, str]:
        """The row's cells under their columns' names."""
        return {
            name: row.cells[position] if position < len(row.cells) else ""
            for name, position in self.positions.items()
        }

    def value_column(self, record: Record) -> str:
        if self.strand_columns is None:
            return "Count"
        return self.strand_names[record.strand_code] if record.strand_code else ALL_STRANDS

    def records(self, number: int, cells: dict[str, str]):
        """(record, problems) for each count in the row: one in the long layout, one per
        filled strand column in the wide layout."""
        problems: list[Problem] = []
        period = self._period(number, cells, problems)
        area = self._lookup(number, cells, "Area", self.areas, problems, "areas")
        measure = self._lookup(number, cells, "Measure", self.measures, problems, "measures")
        source, note = cells.get("Source", ""), cells.get("Note", "")
        for column, text in (("Source", source), ("Note", note)):
            limit = TEXT_LIMITS[column]
            if limit is not None and len(text) > limit:
                message = TOO_LONG.format(column=column, limit=limit, length=len(text))
                problems.append(Problem(number, column, message))
        if self.strand_columns is None:
            strand = self._strand(number, cells.get("Strand", ""), problems)
            value = self._value(number, "Count", cells.get("Count", ""), problems, required=True)
            counts = [(strand, value, "Count")]
        else:
            counts = [
                (
                    self._strand(number, column, problems),
                    self._value(number, column, cells.get(column, ""), problems),
                    column,
                )
                for column in self.strand_columns
                if cells.get(column, "") != ""
            ]
            if not counts:
                problems.append(Problem(number, "Counts", "Enter at least one count"))
        if problems or period is None or area is None or measure is None:
            yield None, problems
            return
        for strand, value, _ in counts:
            yield Record(measure, area, strand, period, value, source, note), []

    def _period(self, number, cells, problems) -> Period | None:
        try:
            return parse_period(cells.get("Period", ""))
        except ValueError:
            problems.append(
                Problem(
                    number,
                    "Period",
                    f"“{cells.get('Period', '')}” is not a period: write {FORMATS_HELP}",
                )
            )
            return None

    def _lookup(self, number, cells, column, known, problems, plural):
        text = cells.get(column, "")
        if text.lower() in known:
            return known[text.lower()]
        problems.append(
            Problem(
                number,
                column,
                f"“{text}” is not one of the partnership's {plural}"
                if text
                else f"Enter the {column.lower()}",
            )
        )
        return None

    def _strand(self, number, text, problems) -> str | None:
        if text == "" or text.lower() == ALL_STRANDS.lower():
            return None
        if text.lower() in self.strands:
            return self.strands[text.lower()]
        choices = ", ".join([*self.strand_names.values(), ALL_STRANDS])
        problems.append(
            Problem(number, "Strand", f"“{text}” is not a strand: use one of {choices}")
        )
        return None

    def _value(self, number, column, text, problems, required=False) -> int | None:
        if text == "" and required:
            problems.append(Problem(number, column, MISSING_COUNT))
            return None
        try:
            value = Decimal(text.replace(",", ""))
        except InvalidOperation:
            value = None
        # Checked in this order so that nothing infinite, not-a-number or huge reaches
        # int(), which cannot convert the first two and would take ages over the last.
        if value is None or not value.is_finite():
            message = NOT_A_NUMBER.format(text=text)
        elif value != value.to_integral_value():
            message = NOT_WHOLE.format(text=text)
        elif value < 0:
            message = NEGATIVE.format(text=text)
        elif value > MAX_COUNT:
            message = TOO_LARGE_COUNT.format(text=text, limit=MAX_COUNT)
        else:
            return int(value)
        problems.append(Problem(number, column, message))
        return None


def template_table(partnership: Partnership, layout: str) -> tuple[list[str], list[list]]:
    """The columns of a layout ("long" or "wide") and an example row or two, using the
    partnership's own measure and area names where it has them."""
    measure = partnership.measures.values_list("name", flat=True).first() or "Recorded hate crimes"
    area = partnership.areas.values_list("name", flat=True).first() or "County Durham"
    strands = [label for _, label in Strand.Code.choices]
    if layout == "long":
        return [*LONG, *OPTIONAL], [
            ["2020/21 Q1", area, strands[0], measure, 12, "Where the figure comes from", ""],
            ["2020/21 Q1", area, ALL_STRANDS, measure, 20, "Where the figure comes from", ""],
        ]
    return [*WIDE, *strands, ALL_STRANDS, *OPTIONAL], [
        ["2020/21 Q1", area, measure, 12, 2, 3, 2, 1, 20, "Where the figure comes from", ""]
    ]

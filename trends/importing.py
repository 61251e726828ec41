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

import csv
import datetime
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from hcag.spreadsheets import render_csv
from partners.models import Partnership, Strand
from trends.models import ALL_STRANDS, MAX_COUNT, Count
from trends.periods import FORMATS_HELP, Period, parse_period

LONG = ["Period", "Area", "Strand", "Measure", "Count"]
WIDE = ["Period", "Area", "Measure"]
OPTIONAL = ["Source", "Note"]
# The longest Source and Note a count holds.
TEXT_LIMITS = {column: Count._meta.get_field(column.lower()).max_length for column in OPTIONAL}
MAX_ROWS = 20_000
LAST_ROW = MAX_ROWS + 1  # the header, then the rows of counts
# The layouts have at most 11 columns; reading a few more leaves room to name a stray one.
MAX_COLUMNS = 20
# A workbook of 20,000 rows unpacks to a few megabytes.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024

NOT_A_TABLE = "The file must be a CSV file (.csv) or an Excel workbook (.xlsx)"
UNREADABLE = "The file could not be read as {kind}: {reason}"
UNKNOWN_LAYOUT = (
    "The first row must name the columns: Period, Area, Strand, Measure and Count (the long "
    "layout), or Period, Area, Measure and a column for each strand (the wide layout)"
)
TOO_MANY_ROWS = f"The file has more than {MAX_ROWS:,} rows: split it into smaller files"
TOO_LARGE_UNPACKED = (
    f"The workbook is larger than {MAX_UNPACKED_BYTES // 1024 // 1024} MB once unpacked: copy "
    "the counts into a new workbook and upload that"
)
NO_ROWS = "The file has no counts in it"
UNKNOWN_COLUMN = "“{text}” is not a column of the {layout} layout, whose columns are {columns}"
REPEATED_COLUMN = "“{text}” names the same column as column {first}"
UNSAVED_FORMULA = (
    "Holds a formula ({formula}) with no saved value: open the workbook in Excel, save it and "
    "upload it again"
)
HOLDS_NUL = (
    "Holds a null character, which is not text (some programs leave one when they export a "
    "file): remove it"
)
NUL = "\x00"
TOO_LONG = "{column} must be {limit:,} characters or fewer: this one has {length:,}"
MISSING_COUNT = "Enter the count"
NOT_A_NUMBER = "“{text}” is not a number"
NOT_WHOLE = "{text} is not a whole number"
NEGATIVE = "{text} is negative: counts are 0 or more"
TOO_LARGE_COUNT = "{text} is more than {limit:,}, the largest count the service holds"


@dataclass(frozen=True)
class Problem:
    row: int  # as a spreadsheet program numbers it
    column: str
    message: str

    def __str__(self) -> str:
        return f"Row {self.row}, {self.column}: {self.message}"


class Formula(str):
    """A workbook cell holding a formula whose value was never saved (as when a program
    other than Excel wrote the file); its text is the formula."""


@dataclass(frozen=True)
class Row:
    number: int  # as a spreadsheet program shows it, blank rows included
    cells: list[str]  # stripped text; a Formula where a workbook saved no value


@dataclass(frozen=True)
class Record:
    measure_id: int
    area_id: int
    strand_code: str | None
    period: Period
    value: int
    source: str
    note: str


class ImportRejected(Exception):
    """The file cannot be imported; `problems` says why, row by row."""

    def __init__(self, problems: list[Problem | str]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def read_table(name: str, data: bytes) -> list[Row]:
    """The rows of a CSV file or of a workbook's first sheet that hold anything, numbered
    as a spreadsheet program shows them; ImportRejected if the file cannot be read or is
    too large. Nothing read grows with what a file claims about itself: a workbook's
    unpacked size is checked before it is opened, and at most MAX_COLUMNS columns and
    the rows up to the row limit are read."""
    suffix = Path(name).suffix.lower()
    if suffix == ".csv":
        return _csv_rows(data)
    if suffix == ".xlsx":
        return _xlsx_rows(data)
    raise ImportRejected([NOT_A_TABLE])


def _csv_rows(data: bytes) -> list[Row]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRejected(
            [UNREADABLE.format(kind="CSV", reason="it is not UTF-8 text")]
        ) from None
    try:
        records = csv.reader(io.StringIO(text))
        return _rows_with_content([cell.strip() for cell in record] for record in records)
    except csv.Error as error:
        raise ImportRejected([UNREADABLE.format(kind="CSV", reason=error)]) from None


def _xlsx_rows(data: bytes) -> list[Row]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            # zipfile never unpacks more than a member declares, so this bounds the work.
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as error:
        raise ImportRejected([UNREADABLE.format(kind="a workbook", reason=error)]) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise ImportRejected([TOO_LARGE_UNPACKED])
    try:
        return _rows_with_content(_sheet_rows(data))
    except ImportRejected:
        raise
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise ImportRejected([UNREADABLE.format(kind="a workbook", reason=error)]) from None


def _sheet_rows(data: bytes) -> list[list[str]]:
    """The first sheet's cells as text. A formula's saved value is read in a second pass,
    needed only when the sheet holds formulas: openpyxl gives either a cell's formula or
    its saved value, and only the formula tells a formula never saved from an empty cell."""
    rows, formulas = [], set()
    for number, cells in enumerate(_sheet_cells(data, data_only=False)):
        rows.append([_cell_text(cell.value) for cell in cells])
        formulas.update(
            (number, column) for column, cell in enumerate(cells) if cell.data_type == "f"
        )
    if formulas:
        for number, cells in enumerate(_sheet_cells(data, data_only=True)):
            for column, cell in enumerate(cells):
                if (number, column) in formulas:
                    formula = rows[number][column]
                    saved = cell.value
                    rows[number][column] = Formula(formula) if saved is None else _cell_text(saved)
    return rows


def _sheet_cells(data: bytes, *, data_only: bool):
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=data_only)
    try:
        # Read-only mode pads every row to the sheet's declared width and length, so both
        # are capped here rather than taken from the file.
        yield from workbook.worksheets[0].iter_rows(max_row=LAST_ROW + 1, max_col=MAX_COLUMNS)
    finally:
        workbook.close()


def _rows_with_content(rows: Iterable[list[str]]) -> list[Row]:
    """The rows that hold anything, numbered from 1 with blank rows counted; a file that
    goes on past LAST_ROW is refused without reading further."""
    kept = []
    for number, cells in enumerate(rows, start=1):
        if any(cell.strip() for cell in cells):
            if number > LAST_ROW:
                raise ImportRejected([TOO_MANY_ROWS])
            kept.append(Row(number, cells))
    return kept


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):  # a datetime too
        # A date typed into the Period column stands for the month it falls in, which is
        # how spreadsheet programs often store a month someone typed as "Apr 2019".
        return f"{value.year}-{value.month:02d}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


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
        unreadable = [
            Problem(number, column, message)
            for column, cell in cells.items()
            if (message := _unreadable(cell))
        ]
        if unreadable:
            problems.extend(unreadable)
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


def _unreadable(cell: str) -> str | None:
    """Why a cell cannot be read as text at all, or None."""
    if isinstance(cell, Formula):
        return UNSAVED_FORMULA.format(formula=cell)
    if NUL in cell:
        return HOLDS_NUL
    return None


def _column_key(text: str) -> str:
    """Column names match whatever their case and spacing."""
    return " ".join(text.split()).casefold()


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
        known = {_column_key(name): name for name in [*LONG, *WIDE, *OPTIONAL, *strand_columns]}
        named = {
            position: known.get(_column_key(text))
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


def problems_csv(problems: list[Problem]) -> bytes:
    """Problems found in a file, one a row, as a CSV file."""
    rows = [[problem.row, problem.column, problem.message] for problem in problems]
    return render_csv(["Row", "Column", "Problem"], rows)


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

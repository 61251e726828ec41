"""Reading an uploaded table (a CSV file or a workbook's first sheet) safely, for the
imports that take one: the statistics and the plan.

Nothing read grows with what a file claims about itself: a workbook's unpacked size is
checked before it is opened (a zip bomb is refused), at most MAX_COLUMNS columns and the
rows up to the importer's row limit are read, and a formula whose value was never saved
is kept as a Formula so that it is reported rather than read as text.
"""

import csv
import datetime
import io
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook

from hcag.spreadsheets import render_csv

# The layouts read have at most 13 columns; reading a few more leaves room to name a stray one.
MAX_COLUMNS = 20
# A workbook of 20,000 rows unpacks to a few megabytes.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024

NOT_A_TABLE = "The file must be a CSV file (.csv) or an Excel workbook (.xlsx)"
UNREADABLE = "The file could not be read as {kind}: {reason}"
TOO_MANY_ROWS = "The file has more than {limit:,} rows: split it into smaller files"
TOO_LARGE_UNPACKED = (
    f"The workbook is larger than {MAX_UNPACKED_BYTES // 1024 // 1024} MB once unpacked: copy "
    "the rows into a new workbook and upload that"
)
UNSAVED_FORMULA = (
    "Holds a formula ({formula}) with no saved value: open the workbook in Excel, save it and "
    "upload it again"
)
HOLDS_NUL = (
    "Holds a null character, which is not text (some programs leave one when they export a "
    "file): remove it"
)
NUL = "\x00"


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


class ImportRejected(Exception):
    """The file cannot be imported; `problems` says why, row by row."""

    def __init__(self, problems: list[Problem | str]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def read_table(
    name: str,
    data: bytes,
    *,
    max_rows: int,
    date_text: Callable[[datetime.date], str] = datetime.date.isoformat,
) -> list[Row]:
    """The rows of a CSV file or of a workbook's first sheet that hold anything, numbered
    as a spreadsheet program shows them (the header and at most `max_rows` more);
    ImportRejected if the file cannot be read or is too large. `date_text` writes a
    workbook's date cell as text."""
    suffix = Path(name).suffix.lower()
    last_row = max_rows + 1
    if suffix == ".csv":
        return _csv_rows(data, last_row)
    if suffix == ".xlsx":
        return _xlsx_rows(data, last_row, date_text)
    raise ImportRejected([NOT_A_TABLE])


def _csv_rows(data: bytes, last_row: int) -> list[Row]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRejected(
            [UNREADABLE.format(kind="CSV", reason="it is not UTF-8 text")]
        ) from None
    try:
        records = csv.reader(io.StringIO(text))
        return _rows_with_content(
            ([cell.strip() for cell in record] for record in records), last_row
        )
    except csv.Error as error:
        raise ImportRejected([UNREADABLE.format(kind="CSV", reason=error)]) from None


def _xlsx_rows(data: bytes, last_row: int, date_text) -> list[Row]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            # zipfile never unpacks more than a member declares, so this bounds the work.
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as error:
        raise ImportRejected([UNREADABLE.format(kind="a workbook", reason=error)]) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise ImportRejected([TOO_LARGE_UNPACKED])
    try:
        return _rows_with_content(_sheet_rows(data, last_row, date_text), last_row)
    except ImportRejected:
        raise
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise ImportRejected([UNREADABLE.format(kind="a workbook", reason=error)]) from None


def _sheet_rows(data: bytes, last_row: int, date_text) -> list[list[str]]:
    """The first sheet's cells as text. A formula's saved value is read in a second pass,
    needed only when the sheet holds formulas: openpyxl gives either a cell's formula or
    its saved value, and only the formula tells a formula never saved from an empty cell."""
    rows, formulas = [], set()
    for number, cells in enumerate(_sheet_cells(data, last_row, data_only=False)):
        rows.append([_cell_text(cell.value, date_text) for cell in cells])
        formulas.update(
            (number, column) for column, cell in enumerate(cells) if cell.data_type == "f"
        )
    if formulas:
        for number, cells in enumerate(_sheet_cells(data, last_row, data_only=True)):
            for column, cell in enumerate(cells):
                if (number, column) in formulas:
                    formula = rows[number][column]
                    saved = cell.value
                    rows[number][column] = (
                        Formula(formula) if saved is None else _cell_text(saved, date_text)
                    )
    return rows


def _sheet_cells(data: bytes, last_row: int, *, data_only: bool):
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=data_only)
    try:
        # Read-only mode pads every row to the sheet's declared width and length, so both
        # are capped here rather than taken from the file.
        yield from workbook.worksheets[0].iter_rows(max_row=last_row + 1, max_col=MAX_COLUMNS)
    finally:
        workbook.close()


def _rows_with_content(rows: Iterable[list[str]], last_row: int) -> list[Row]:
    """The rows that hold anything, numbered from 1 with blank rows counted; a file that
    goes on past `last_row` is refused without reading further."""
    kept = []
    for number, cells in enumerate(rows, start=1):
        if any(cell.strip() for cell in cells):
            if number > last_row:
                raise ImportRejected([TOO_MANY_ROWS.format(limit=last_row - 1)])
            kept.append(Row(number, cells))
    return kept


def _cell_text(value, date_text) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return date_text(value.date())
    if isinstance(value, datetime.date):
        return date_text(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def unreadable(cell: str) -> str | None:
    """Why a cell cannot be read as text at all, or None."""
    if isinstance(cell, Formula):
        return UNSAVED_FORMULA.format(formula=cell)
    if NUL in cell:
        return HOLDS_NUL
    return None


def column_key(text: str) -> str:
    """Column names match whatever their case and spacing."""
    return " ".join(text.split()).casefold()


def problems_csv(problems: list[Problem]) -> bytes:
    """Problems found in a file, one a row, as a CSV file."""
    rows = [[problem.row, problem.column, problem.message] for problem in problems]
    return render_csv(["Row", "Column", "Problem"], rows)

"""The plan as an Excel workbook and as CSV, safe to open in a spreadsheet program.

A cell that starts with =, +, -, @, a tab or a carriage return could run as a formula
(“CSV injection”), so such text is given a leading apostrophe, which spreadsheets read
as “this is text”.
"""

import csv
import datetime
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from reports.selectors import SPREADSHEET_COLUMNS

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def render_xlsx(rows: list[list], *, title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Actions"
    sheet.append(SPREADSHEET_COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([neutralise(value) for value in row])
    for index, cell in enumerate(sheet[1], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = 40 if index in (1, 3, 10) else 16
        cell.alignment = Alignment(wrap_text=True)
    for column in ("F", "K"):
        for cell in sheet[column][1:]:
            cell.number_format = "d mmmm yyyy"
    sheet.freeze_panes = "A2"
    workbook.properties.title = title
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def render_csv(rows: list[list]) -> bytes:
    """UTF-8 with a byte-order mark, which Excel needs to read it as UTF-8."""
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(SPREADSHEET_COLUMNS)
    for row in rows:
        writer.writerow([_csv_value(value) for value in row])
    return output.getvalue().encode("utf-8-sig")


def _csv_value(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    if value is None:
        return ""
    return neutralise(value)

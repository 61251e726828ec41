"""Tables written as Excel workbooks and as CSV, safe to open in a spreadsheet program.

A cell that starts with =, +, -, @, a tab or a carriage return could run as a formula
(“CSV injection”), so such text is given a leading apostrophe, which spreadsheets read
as “this is text”.

Text is also made safe for XML, which Excel files are written in (hcag.text.xml_safe).
"""

import csv
import datetime
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from hcag.text import xml_safe

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def render_xlsx(
    columns: list[str],
    rows: list[list],
    *,
    title: str,
    sheet_title: str,
    widths: dict[int, int] | None = None,
) -> bytes:
    """One sheet with a bold, frozen header row; `widths` maps column numbers (from 1) to
    widths, and dates are written as dates."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = xml_safe(sheet_title)
    sheet.append([xml_safe(column) for column in columns])
    for index, cell in enumerate(sheet[1], start=1):
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True)
        sheet.column_dimensions[get_column_letter(index)].width = (widths or {}).get(index, 16)
    for row in rows:
        sheet.append([neutralise(xml_safe(value)) for value in row])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, datetime.date):
                cell.number_format = "d mmmm yyyy"
    sheet.freeze_panes = "A2"
    workbook.properties.title = xml_safe(title)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def render_csv(columns: list[str], rows: list[list]) -> bytes:
    """UTF-8 with a byte-order mark, which Excel needs to read it as UTF-8."""
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow([xml_safe(column) for column in columns])
    for row in rows:
        writer.writerow([_csv_value(value) for value in row])
    return output.getvalue().encode("utf-8-sig")


def _csv_value(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    if value is None:
        return ""
    return neutralise(xml_safe(value))

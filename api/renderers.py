"""`?format=csv`: a list as a CSV table for Excel's and Power BI's "from web", written by
the same writer as every export (hcag.spreadsheets), so a cell that could run as a
formula is neutralised there too."""

from rest_framework.renderers import BaseRenderer

from hcag.spreadsheets import render_csv


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        rows = data.get("results", data) if isinstance(data, dict) else data
        if isinstance(rows, dict):
            rows = [rows]
        columns = list(rows[0]) if rows else _columns_of(renderer_context)
        return render_csv(columns, [[_cell(row.get(column)) for column in columns] for row in rows])


def _cell(value):
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return value


def _columns_of(renderer_context) -> list[str]:
    """An empty list still has its header row, from the view's serializer."""
    view = (renderer_context or {}).get("view")
    return list(view.get_serializer().fields) if hasattr(view, "get_serializer") else []

"""A server-drawn chart of each workstream's status over time, and its words.

The chart is a grid: a row per workstream, a column per date, each cell coloured by
status and labelled with the status and percentage, so colour is never the only cue.
The same figures are written out as a description and as a table beside it.
"""

from dataclasses import dataclass

from django.utils.formats import date_format

from overview.dashboard import StatusHistory
from workstreams.models import ProgressUpdate
from workstreams.rollup import Progress

Status = ProgressUpdate.Status

# GOV.UK Frontend's tag colours: (fill, text), each pair at least 4.5:1 in contrast.
CELL_COLOURS = {
    Status.NOT_STARTED: ("#e5e6e7", "#282d30"),
    Status.ON_TRACK: ("#cce2d8", "#005a30"),
    Status.AT_RISK: ("#fff7bf", "#594d00"),
    Status.OFF_TRACK: ("#f4cdc6", "#942514"),
    Status.COMPLETE: ("#bbd4ea", "#0c2d4a"),
    None: ("#ffffff", "#484949"),
}
LABEL_WIDTH = 40
CELL_WIDTH = 96
CELL_HEIGHT = 44
HEADER_HEIGHT = 36
GAP = 2


@dataclass(frozen=True)
class Cell:
    x: int
    y: int
    fill: str
    text_colour: str
    status_label: str
    percent: int

    @property
    def text_x(self) -> int:
        return self.x + 6

    @property
    def label_y(self) -> int:
        return self.y + 18

    @property
    def percent_y(self) -> int:
        return self.y + 36


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    column_labels: list[tuple[int, str]]
    row_labels: list[tuple[int, str]]
    cells: list[Cell]
    description: str
    cell_width: int = CELL_WIDTH
    cell_height: int = CELL_HEIGHT


def status_history_chart(history: StatusHistory) -> Chart:
    cells = []
    for row_index, row in enumerate(history.rows):
        y = HEADER_HEIGHT + row_index * (CELL_HEIGHT + GAP)
        for column, progress in enumerate(row.points):
            fill, text_colour = CELL_COLOURS[progress.status]
            cells.append(
                Cell(
                    x=LABEL_WIDTH + column * (CELL_WIDTH + GAP),
                    y=y,
                    fill=fill,
                    text_colour=text_colour,
                    status_label=progress.status_label,
                    percent=progress.percent,
                )
            )
    return Chart(
        width=LABEL_WIDTH + len(history.dates) * (CELL_WIDTH + GAP),
        height=HEADER_HEIGHT + len(history.rows) * (CELL_HEIGHT + GAP),
        column_labels=[
            (LABEL_WIDTH + index * (CELL_WIDTH + GAP) + CELL_WIDTH // 2, _short_date(day))
            for index, day in enumerate(history.dates)
        ],
        row_labels=[
            (HEADER_HEIGHT + index * (CELL_HEIGHT + GAP) + CELL_HEIGHT // 2, row.workstream.letter)
            for index, row in enumerate(history.rows)
        ],
        cells=cells,
        description=describe_history(history),
    )


def _short_date(day) -> str:
    return date_format(day, "j M Y")


def describe_history(history: StatusHistory) -> str:
    """Each workstream's status at the first date, each change after it, and today's."""
    if not history.rows:
        return "The plan has no workstreams."
    sentences = []
    for row in history.rows:
        changes = []
        previous: Progress | None = None
        for day, progress in zip(history.dates, row.points, strict=True):
            if previous is None or (progress.status, progress.percent) != (
                previous.status,
                previous.percent,
            ):
                changes.append(f"{_describe(progress)} at {date_format(day)}")
            previous = progress
        sentences.append(f"Workstream {row.workstream.letter}: {'; then '.join(changes)}.")
    return " ".join(sentences)


def _describe(progress: Progress) -> str:
    if progress.status is None:
        return "no update"
    return f"{progress.status_label.lower()}, {progress.percent}% complete"

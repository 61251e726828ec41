"""Server-drawn line charts of counts over time, and their words.

Each line has its own colour, marker shape and dash pattern and is labelled at its end,
so colour is never the only cue. The caller gives each line's style, so that an area or
a strand is drawn the same way in every chart of the partnership. A period with no
count, or a hidden small one, is a gap in the line. The same figures are written out as
a description and as a table.
"""

import dataclasses
import math
from dataclasses import dataclass

from django.utils.text import slugify

from trends.periods import Period

WIDTH, HEIGHT = 760, 320
LEFT, RIGHT, TOP, BOTTOM = 96, 216, 16, 48
MAX_X_LABELS = 6
# GOV.UK's smallest body text, at the chart's full width.
FONT_SIZE = 16
LABEL_GAP = FONT_SIZE + 2
# GOV.UK Frontend colours, each at least 3:1 against white, with a dash pattern and a
# marker each.
STYLES = [
    ("#1d70b8", "", "circle"),
    ("#d4351c", "6 3", "square"),
    ("#00703c", "2 3", "triangle"),
    ("#4c2c92", "8 3 2 3", "diamond"),
    ("#912b88", "4 4", "circle"),
    ("#0b0c0c", "", "square"),
]

MARKERS = {
    "circle": lambda x, y: f"M{x - 4} {y} a4 4 0 1 0 8 0 a4 4 0 1 0 -8 0",
    "square": lambda x, y: f"M{x - 4} {y - 4} h8 v8 h-8 z",
    "triangle": lambda x, y: f"M{x} {y - 5} l5 9 h-10 z",
    "diamond": lambda x, y: f"M{x} {y - 5} l5 5 l-5 5 l-5 -5 z",
}


@dataclass(frozen=True)
class Point:
    x: float
    y: float


@dataclass(frozen=True)
class Line:
    name: str
    colour: str
    dashes: str
    segments: list[str]  # SVG path data, one per unbroken run
    points: list[Point]
    markers: list[str]  # SVG path data, one per point
    label: Point | None  # where the line's name is written, beside its last point


@dataclass(frozen=True)
class Chart:
    title: str
    description: str
    width: int
    height: int
    lines: list[Line]
    x_labels: list[tuple[float, str]]
    y_labels: list[tuple[float, str]]
    y_title: str
    plot_left: int = LEFT
    plot_right: int = WIDTH - RIGHT
    plot_top: int = TOP
    plot_bottom: int = HEIGHT - BOTTOM
    font_size: int = FONT_SIZE

    @property
    def y_title_at(self) -> tuple[float, float]:
        """Where the y-axis title is written, turned to run up the axis."""
        return 20, (self.plot_top + self.plot_bottom) / 2

    @property
    def ident(self) -> str:
        """For the ids that tie the chart to its title and description."""
        return slugify(self.title)


def line_chart(
    title: str,
    periods: list[Period],
    series: dict[str, list[int | None]],
    *,
    styles: dict[str, int],
    y_title: str,
) -> Chart:
    """A chart of each series (one value per period, None for a gap) over `periods`, which
    are consecutive, each drawn in the style `styles` gives its name (a position in
    STYLES), with `y_title` saying what the values count."""
    top = _nice_ceiling(max((v for values in series.values() for v in values if v), default=0))
    x = _x_positions(len(periods))

    def y(value: float) -> float:
        return round(HEIGHT - BOTTOM - value / top * (HEIGHT - BOTTOM - TOP), 1)

    lines = [
        _line(name, values, x, y, STYLES[styles[name] % len(STYLES)])
        for name, values in series.items()
    ]
    return Chart(
        title=title,
        description=describe(title, periods, series),
        width=WIDTH,
        height=HEIGHT,
        lines=_spread_labels(lines),
        x_labels=[(x[i], periods[i].short_label) for i in _label_indexes(len(periods))],
        y_labels=[(y(top * step / 4), f"{round(top * step / 4):,}") for step in range(5)],
        y_title=y_title,
    )


def _x_positions(count: int) -> list[float]:
    width = WIDTH - LEFT - RIGHT
    if count == 1:
        return [LEFT + width / 2]
    return [round(LEFT + index * width / (count - 1), 1) for index in range(count)]


def _nice_ceiling(value: int) -> int:
    """The smallest round number at or above `value` whose quarters are round too, so that
    the four gridlines fall on round numbers."""
    if value <= 4:
        return 4
    magnitude = 10 ** math.floor(math.log10(value / 4))
    for step in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5, 10):
        if step * magnitude * 4 >= value:
            return round(step * magnitude * 4)
    raise AssertionError("unreachable: 10 times the magnitude is always enough")


def _line(name, values, x, y, style) -> Line:
    colour, dashes, marker = style
    points, segments, run = [], [], []
    for index, value in enumerate(values):
        if value is None:
            segments.append(run)
            run = []
            continue
        point = Point(x[index], y(value))
        points.append(point)
        run.append(point)
    segments.append(run)
    paths = ["M" + " L".join(f"{p.x} {p.y}" for p in run) for run in segments if len(run) > 1]
    label = Point(points[-1].x + 10, points[-1].y + 4) if points else None
    markers = [MARKERS[marker](round(p.x, 1), round(p.y, 1)) for p in points]
    return Line(name, colour, dashes, paths, points, markers, label)


def _spread_labels(lines: list[Line]) -> list[Line]:
    """Move end labels apart vertically so that none overlap, keeping them within the
    plot."""
    labelled = sorted((line for line in lines if line.label), key=lambda line: line.label.y)
    ys, floor = [], -math.inf
    for line in labelled:
        floor = max(line.label.y, floor + LABEL_GAP)
        ys.append(floor)
    ceiling = HEIGHT - BOTTOM
    for index in reversed(range(len(ys))):
        ceiling = min(ys[index], ceiling)
        ys[index] = ceiling
        ceiling -= LABEL_GAP
    placed = {line.name: Point(WIDTH - RIGHT + 10, y) for line, y in zip(labelled, ys, strict=True)}
    return [dataclasses.replace(line, label=placed.get(line.name)) for line in lines]


def _label_indexes(count: int) -> list[int]:
    """Evenly spaced periods to label, always including the latest."""
    step = max(1, math.ceil(count / MAX_X_LABELS))
    return sorted(range(count - 1, -1, -step))


def describe(title: str, periods: list[Period], series: dict[str, list[int | None]]) -> str:
    """The chart in words: every figure when there are few, else each line's lowest,
    highest and latest."""
    if not periods:
        return f"{title}: no figures."
    sentences = [f"{title}, {periods[0]} to {periods[-1]}."]
    for name, values in series.items():
        known = [(p, v) for p, v in zip(periods, values, strict=True) if v is not None]
        if not known:
            sentences.append(f"{name}: no figures shown.")
        elif len(periods) <= 8:
            listed = "; ".join(f"{p}: {v:,}" for p, v in known)
            sentences.append(f"{name}: {listed}.")
        else:
            low = min(known, key=lambda item: item[1])
            high = max(known, key=lambda item: item[1])
            last = known[-1]
            sentences.append(
                f"{name}: lowest {low[1]:,} in {low[0]}, highest {high[1]:,} in {high[0]}, "
                f"latest {last[1]:,} in {last[0]}."
            )
    if any(v is None for values in series.values() for v in values):
        sentences.append("Gaps are periods with no figure or with a small number hidden.")
    return " ".join(sentences)

"""A property of small-number suppression checked over thousands of random small tables:
given everything shown, every count shown as "fewer than N" could still be any of 0 to
N - 1, and every withheld count any of at least two values. What a reader can work out
is found by the exhaustive search in `disclosure`, not by the suppression's own solver."""

import datetime
import itertools
import random
from dataclasses import dataclass

import pytest

from trends.periods import MONTH, Period
from trends.selectors.series import CountRow
from trends.suppression import count_key, counts_suppressed

from .disclosure import Reading

TABLES_PER_CHUNK = 100
CHUNKS = 20
STRANDS = ["race", "religion", "disability"]
VALUES = [0, 1, 2, 3, 4, 4, 5, 5, 6, 7, 8, 10, 12, 15, 20]
APRIL = Period(datetime.date(2019, 4, 1), MONTH)
LARGER = 3


@dataclass(frozen=True)
class Table:
    rows: list[CountRow]
    sums: list  # (total key, part keys), as a reader knows them
    threshold: int


def random_table(generator: random.Random) -> Table:
    """Counts of one or two areas (then with the larger area they are part of), one to
    three strands (and sometimes all strands) and one to three months (and sometimes
    their quarter, and then sometimes its year), each total the sum of its parts."""
    threshold = generator.choice([2, 3, 5, 5])
    leaves = [1, 2] if generator.random() < 0.4 else [1]
    areas = [*leaves, LARGER] if len(leaves) > 1 else leaves
    most = 3 if len(leaves) == 1 else 2  # keeps the exhaustive search quick
    strands = generator.sample(STRANDS, generator.randint(1, most))
    columns = [*strands, None] if generator.random() < 0.8 else strands
    months = [APRIL.shifted(n) for n in range(generator.randint(1, most))]
    periods = list(months)
    if generator.random() < 0.6:
        periods.append(APRIL.quarter())
        if len(leaves) == 1 and generator.random() < 0.5:
            periods.append(APRIL.financial_year())
    counted = {
        (area, strand, month): generator.choice(VALUES)
        for area in leaves
        for strand in strands
        for month in months
    }

    def value(area, column, period) -> int:
        return sum(
            counted[(leaf, strand, month)]
            for leaf in (leaves if area == LARGER else [area])
            for strand in (strands if column is None else [column])
            for month in (months if period.kind != MONTH else [period])
        )

    def key(area, column, period) -> tuple:
        return (1, area, column, period.kind, period.start)

    rows, sums = [], []
    for area, column, period in itertools.product(areas, columns, periods):
        part_of = LARGER if area in leaves and len(leaves) > 1 else None
        count = value(area, column, period)
        rows.append(CountRow(1, area, column, period.kind, period.start, count, False, "", part_of))
        total = key(area, column, period)
        if column is None:
            sums.append((total, [key(area, strand, period) for strand in strands]))
        if period.kind != MONTH:
            sums.append((total, [key(area, column, month) for month in months]))
        if period == APRIL.financial_year():
            sums.append((total, [key(area, column, APRIL.quarter())]))
        if area == LARGER:
            sums.append((total, [key(leaf, column, period) for leaf in leaves]))
    return Table(rows, sums, threshold)


@dataclass
class Tally:
    """What was checked, for a report of the property's figures."""

    tables: int = 0
    cells: int = 0
    narrowed: int = 0
    impossible_whatever_is_hidden: int = 0


def check(table: Table, tally: Tally) -> list[str]:
    """What a reader could narrow down in the table as suppressed: one line per hidden
    count that could not take a value its label allows and that withholding more
    counts would let it take."""
    threshold = table.threshold
    hidden = counts_suppressed(table.rows, threshold)
    values = {count_key(row): row.value for row in table.rows}
    ceiling = 10 * (sum(values.values()) + threshold)
    reading = Reading(
        {key: value for key, value in values.items() if not hidden.hides(key)},
        hidden.small,
        hidden.withheld,
        threshold,
        table.sums,
        ceiling,
    )
    # The same table with every count hidden: what its labels alone rule out.
    everything = Reading(
        {}, hidden.small, frozenset(values) - hidden.small, threshold, table.sums, ceiling
    )
    problems = []
    for key in sorted(hidden.small | hidden.withheld, key=str):
        tally.cells += 1
        value = values[key]
        if key in hidden.small:
            missing = set(range(threshold)) - reading.values_of(key, range(threshold))
            narrowed = {v for v in missing if everything.can_be(key, v, v)}
        else:
            ranges = [(value + 1, ceiling), (threshold, value - 1)]
            if any(reading.can_be(key, low, high) for low, high in ranges if low <= high):
                continue
            narrowed = missing = {value}
            if not any(everything.can_be(key, low, high) for low, high in ranges if low <= high):
                narrowed = set()
        if missing and not narrowed:
            tally.impossible_whatever_is_hidden += 1
        if narrowed:
            tally.narrowed += 1
            problems.append(f"{key} = {value}: cannot be {sorted(missing)}")
    return problems


@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_no_hidden_count_can_be_narrowed_down_in_random_tables(chunk):
    generator = random.Random(chunk)  # noqa: S311 - seeded, to make cases
    tally = Tally()
    for _ in range(TABLES_PER_CHUNK):
        table = random_table(generator)
        tally.tables += 1
        problems = check(table, tally)
        counts = {count_key(row): row.value for row in table.rows}
        assert not problems, (problems, counts, table.threshold)
    assert tally.cells > TABLES_PER_CHUNK, "most tables have hidden counts to check"

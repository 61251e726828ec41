"""Small-number suppression: which counts readers do not see, so that victims in small
areas cannot be identified.

A count below the partnership's threshold is *small* and shown as "fewer than 5". Where
a total is shown with its parts (all strands and each strand; a year and its quarters, a
year and its months, a quarter and its months; an area and the areas that are part of
it), a reader knows how the figures relate and what the labels say ("fewer than 5" is 0
to 4; a withheld count is 5 or more). Chained through every group a count belongs to at
once, that can narrow a hidden count down, so further counts are *withheld* until, given
everything shown, each small count could still be any of 0 to 4 and each withheld count
any of at least two values, or nothing is left to withhold around it. A withheld count
is not small itself and is labelled as withheld, never as "fewer than 5".

How it is checked. The counts fall into regions, each the counts linked to a small one
through groups; regions share no group, so each is worked out alone. In a region, the
hidden counts are the unknowns of linear constraints, one for each group holding one,
bounded as their labels say. A group's total is the sum of its parts where the counts
held add up; where they do not, the constraint is what the counts held do show: a total
above its parts' sum is at least that sum (a strand or month not counted), one below it
at most that sum and at least each part (a crime counted under two strands). Whether a
hidden count can take a value is an integer feasibility problem over the hidden counts
linked to it, solved with HiGHS (scipy's `milp`); each solution found shows a value of
every unknown, so most values need no problem of their own. Where a count cannot take a
value, the counts withheld are the shown ones that move in the least change to the
region's counts that would give it that value, a linear program over the whole region.
Withholding a count only ever widens what the others could be, so a count found safe
stays safe; a value that no change can give it (the labels alone rule it out) is left.
"""

import hashlib
import math
from collections import defaultdict, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from django.core.cache import cache

from trends.periods import MONTH, QUARTER, Period

if TYPE_CHECKING:
    from trends.selectors.series import CountRow

SMALL = "fewer than {threshold}"
WITHHELD = "withheld"
# Why a count is hidden, for a reader who meets it without the page's explanation.
SMALL_REASON = "Counts below {threshold} are hidden so that victims cannot be identified."
WITHHELD_REASON = "Withheld so that a smaller, hidden count cannot be worked out from it."
# How a group's total stands to the sum of its parts, as the counts held show.
EQUAL, AT_LEAST, AT_MOST = "equal", "at least", "at most"
FEASIBLE = 0  # scipy's milp status for a solution found
# What is withheld in a region is cached under its counts and groups, so it is never
# stale; a change to how it is worked out changes the version, and so every key.
SOLVER_VERSION = 1
CACHE_SECONDS = 30 * 24 * 60 * 60


@dataclass(frozen=True)
class Suppression:
    """The counts hidden from a reader, by key, and why."""

    threshold: int
    small: frozenset = field(default_factory=frozenset)  # below the threshold
    withheld: frozenset = field(default_factory=frozenset)  # hidden to protect small ones

    def hides(self, key) -> bool:
        return key in self.small or key in self.withheld

    def label(self, key) -> str | None:
        """What a reader sees instead of the count, or None when they see the count."""
        if key in self.small:
            return SMALL.format(threshold=self.threshold)
        if key in self.withheld:
            return WITHHELD
        return None

    def reason(self, key) -> str:
        """Why a count is hidden; empty when it is shown."""
        if key in self.small:
            return SMALL_REASON.format(threshold=self.threshold)
        return WITHHELD_REASON if key in self.withheld else ""

    def __len__(self) -> int:
        return len(self.small) + len(self.withheld)


def suppressed(
    values: dict, threshold: int, groups: Iterable[tuple[object, Sequence[object]]] = ()
) -> Suppression:
    """Which of `values` (counts by key) to hide: those below `threshold`, and those to
    withhold so that nothing shown, read with every group (a total's key and its parts'
    keys) at once, narrows a hidden count (see the module's docstring). The same counts
    are always hidden the same way, whatever order they come in."""
    table = _Table(values, threshold, groups)
    withheld = set()
    for region in table.regions():
        withheld.update(_region_withheld(table, region))
    return Suppression(threshold, frozenset(table.small), frozenset(withheld))


def _region_withheld(table: "_Table", cells: list) -> list:
    """What to withhold in a region, from the cache when the same counts in the same
    groups have been seen before: the answer depends on nothing else, and working it out
    takes many solves."""
    groups = sorted({index for cell in cells for index in table.containing[cell]})
    content = (
        SOLVER_VERSION,
        table.threshold,
        [(cell, table.values[cell]) for cell in cells],
        [table.groups[index] for index in groups],
    )
    key = f"hcag:suppression:{hashlib.sha256(repr(content).encode()).hexdigest()}"
    withheld = cache.get(key)
    if withheld is None:
        withheld = sorted(_Region(table, cells).withheld(), key=_order)
        cache.set(key, withheld, CACHE_SECONDS)
    return withheld


@dataclass(frozen=True)
class _Group:
    total: object
    parts: tuple
    relation: str  # EQUAL, AT_LEAST or AT_MOST: the total to the sum of the parts

    @property
    def members(self) -> tuple:
        return (self.total, *self.parts)

    def constraints(self) -> list[tuple[dict, str]]:
        """What a reader knows of the group, as (coefficients by key, relation to 0)."""
        difference = {self.total: 1} | dict.fromkeys(self.parts, -1)
        if self.relation != AT_MOST:
            return [(difference, self.relation)]
        each_part = [({self.total: 1, part: -1}, AT_LEAST) for part in self.parts]
        return [(difference, AT_MOST), *each_part]


class _Table:
    """The counts and their groups."""

    def __init__(self, values: dict, threshold: int, groups):
        self.values = values
        self.threshold = threshold
        self.small = {key for key, value in values.items() if value < threshold}
        self.groups: list[_Group] = []
        for total, parts in groups:
            present = tuple(dict.fromkeys(key for key in parts if key in values and key != total))
            if total in values and present:
                surplus = values[total] - sum(values[key] for key in present)
                relation = EQUAL if surplus == 0 else AT_LEAST if surplus > 0 else AT_MOST
                self.groups.append(_Group(total, present, relation))
        self.containing: dict[object, list[int]] = defaultdict(list)
        for index, group in enumerate(self.groups):
            for key in group.members:
                self.containing[key].append(index)

    def regions(self) -> list[list]:
        """The counts linked through groups to each small count, in sets that share no
        group, so that nothing shown or hidden in one tells anything about another."""
        regions, placed = [], set()
        for key in sorted(self.small, key=_order):
            if key not in placed:
                found, frontier = {key}, [key]
                while frontier:
                    frontier = [
                        member
                        for cell in frontier
                        for index in self.containing[cell]
                        for member in self.groups[index].members
                        if member not in found and not found.add(member)
                    ]
                placed |= found
                regions.append(sorted(found, key=_order))
        return regions


class _Region:
    """Counts linked through groups, and which of them to withhold. The groups are held
    as a matrix with a row per constraint and a column per count: each row's sum of
    coefficient times count is 0, at least 0 or at most 0 (`low` to `high`)."""

    def __init__(self, table: _Table, cells: list):
        self.cells = cells
        self.threshold = threshold = table.threshold
        self.column = {cell: column for column, cell in enumerate(cells)}
        self.values = np.array([table.values[cell] for cell in cells], float)
        rows, columns, entries, self.low, self.high = [], [], [], [], []
        indexes = sorted({index for cell in cells for index in table.containing[cell]})
        for group in (table.groups[index] for index in indexes):
            for coefficients, relation in group.constraints():
                for cell, coefficient in coefficients.items():
                    rows.append(len(self.low))
                    columns.append(self.column[cell])
                    entries.append(coefficient)
                self.low.append(-math.inf if relation == AT_MOST else 0)
                self.high.append(math.inf if relation == AT_LEAST else 0)
        self.matrix = np.zeros((len(self.low), len(cells)))
        self.matrix[rows, columns] = entries
        self.low, self.high = np.array(self.low), np.array(self.high)
        self.touches = self.matrix != 0
        self.small = np.array([cell in table.small for cell in cells])
        self.hidden = self.small.copy()
        # The values each hidden count was seen to take in a solution of the constraints
        # (its own value first): each is still possible however many more are withheld.
        self.seen: dict[int, set[int]] = {
            column: {round(self.values[column])} for column in np.flatnonzero(self.small)
        }
        # Values a hidden count cannot take whatever is withheld: its label rules them out.
        self.impossible: dict[int, set] = defaultdict(set)
        self.ends = list(dict.fromkeys([0, threshold - 1, *range(1, threshold - 1)]))

    def withheld(self) -> set:
        """The counts to withhold."""
        pending = deque(np.flatnonzero(self.small).tolist())
        while pending:
            column = pending[0]
            unreached = self._unreached(column)
            if not unreached:
                pending.popleft()
            elif protection := self._protection(column, unreached):
                self.hidden[protection] = True
                pending.extend(protection)
            else:
                self.impossible[column].update(unreached)
        return {self.cells[column] for column in np.flatnonzero(self.hidden & ~self.small)}

    def _unreached(self, column: int) -> list[tuple[int, float]]:
        """What a hidden count cannot be, given everything shown: empty when it could
        take every value its label allows (any of 0 to threshold - 1 for a small count,
        at least two for a withheld one); else, for a small count, a value it cannot
        take, and for a withheld one, the ranges above and below its value that it
        cannot reach."""
        targets = self._targets(column)
        if not targets:
            return []
        unknowns = _Unknowns(self, self._linked(column))
        unreached = []
        for low, high in targets:
            solution = unknowns.solve(column, low, high, self._towards_unseen(unknowns.columns))
            if solution is None:
                unreached.append((low, high))
                if self.small[column]:
                    return unreached
            else:
                self._saw(solution)
                if not self.small[column]:
                    return []
        return unreached

    def _targets(self, column: int) -> list[tuple[int, float]]:
        """For a small count, each value it must be able to take and has not been seen
        to, ends first; for a withheld one seen to take only its own value, the values
        above and below it, either of which will do."""
        seen, impossible = self.seen[column], self.impossible[column]
        if self.small[column]:
            targets = [(value, value) for value in self.ends if value not in seen]
        elif len(seen) >= 2:
            return []
        else:
            (value,) = seen
            targets = [(value + 1, math.inf), (self.threshold, value - 1)]
        return [target for target in targets if target[0] <= target[1] and target not in impossible]

    def _linked(self, column: int) -> np.ndarray:
        """The hidden counts linked to one through constraints each holding two of them:
        the unknowns of the constraints that bear on it."""
        found = np.zeros(len(self.cells), bool)
        found[column] = True
        frontier = found
        while frontier.any():
            rows = self.touches[:, frontier].any(axis=1)
            frontier = self.touches[rows].any(axis=0) & self.hidden & ~found
            found |= frontier
        return np.flatnonzero(found)

    def _towards_unseen(self, columns: np.ndarray) -> np.ndarray:
        """An objective that pushes each unknown towards an end of its range it has not
        been seen at, so that one solution shows as many new values as it can."""
        top = self.threshold - 1
        return np.array(
            [
                (1 if 0 not in seen else -1 if top not in seen else 0)
                if self.small[column]
                else (-1 if len(seen) < 2 else 0)
                for column in columns
                for seen in [self.seen[column]]
            ],
            float,
        )

    def _saw(self, solution: dict) -> None:
        for column, value in solution.items():
            self.seen.setdefault(column, {round(self.values[column])}).add(value)

    def _protection(self, column: int, unreached) -> list[int] | None:
        """Counts to withhold so that a hidden count can take a value it could not:
        those that move in the least change to the region (see `_Change`) that gives it
        such a value. None when no change can, whatever is withheld."""
        changes = [
            change
            for low, high in unreached
            if (change := _Change(self, column, low, high).solve()) is not None
        ]
        if not changes:
            return None
        _, withhold, solution = min(changes, key=lambda change: change[0])
        self._saw(solution)
        return withhold

    def label_bounds(self, columns: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """What a reader knows of hidden counts from their labels."""
        small = self.small[columns]
        return (
            np.where(small, 0, self.threshold).astype(float),
            np.where(small, self.threshold - 1, math.inf),
        )


class _Unknowns:
    """What a reader can work out about linked hidden counts from the counts shown: the
    constraints bearing on them, and the bounds their labels give."""

    def __init__(self, region: _Region, columns: np.ndarray):
        self.columns = columns
        self.position = {column: position for position, column in enumerate(columns)}
        rows = region.touches[:, columns].any(axis=1)
        variables = region.matrix[np.ix_(rows, columns)]
        # What the counts shown add to each row.
        shown = region.matrix[rows] @ region.values - variables @ region.values[columns]
        self.constraints = (variables, region.low[rows] - shown, region.high[rows] - shown)
        self.lower, self.upper = region.label_bounds(columns)

    def solve(self, column: int, low: float, high: float, objective) -> dict | None:
        """Values of the unknowns, in whole numbers, that fit everything shown with one
        of them from `low` to `high`, chosen towards `objective`; None if there are none."""
        position = self.position[column]
        lower, upper = self.lower.copy(), self.upper.copy()
        lower[position], upper[position] = max(low, lower[position]), min(high, upper[position])
        if lower[position] > upper[position]:
            return None
        solution = _whole_solution(objective, (lower, upper), self.constraints)
        return None if solution is None else dict(zip(self.columns, solution[0], strict=True))


class _Change:
    """The least change to a region's counts that puts a hidden count from `low` to
    `high`: every constraint still holds, each hidden count stays within its label's
    bounds and each shown count at the threshold or above, for the fewest counts moved,
    and the least moved. The shown counts that move are the ones to withhold."""

    def __init__(self, region: _Region, column: int, low: float, high: float):
        self.region = region
        self.hidden = np.flatnonzero(region.hidden)
        self.shown = np.flatnonzero(~region.hidden)
        matrix, values = region.matrix, region.values
        # The variables: each hidden count, then each shown count's rise and its fall.
        shown = matrix[:, self.shown]
        self.constraints = (
            np.hstack([matrix[:, self.hidden], shown, -shown]),
            region.low - shown @ values[self.shown],
            region.high - shown @ values[self.shown],
        )
        hidden_low, hidden_high = region.label_bounds(self.hidden)
        position = np.searchsorted(self.hidden, column)
        hidden_low[position] = max(low, hidden_low[position])
        hidden_high[position] = min(high, hidden_high[position])
        falls = values[self.shown] - region.threshold
        self.bounds = (
            np.concatenate([hidden_low, np.zeros(2 * len(self.shown))]),
            np.concatenate([hidden_high, np.full(len(self.shown), math.inf), falls]),
        )
        self.feasible = hidden_low[position] <= hidden_high[position]
        # A move costs about 1, a little more for a larger count: few counts move, and
        # of those the smallest.
        cost = 1 + values[self.shown] / (values[self.shown].sum() + 1)
        self.cost = np.concatenate([np.zeros(len(self.hidden)), cost, cost])

    def solve(self) -> tuple[float, list[int], dict] | None:
        """(cost, the counts to withhold, the values of the hidden ones), or None."""
        solution = self.feasible and _whole_solution(self.cost, self.bounds, self.constraints)
        if not solution:
            return None
        values, cost = solution
        hidden, shown = len(self.hidden), len(self.shown)
        rises = np.array(values[hidden : hidden + shown])
        falls = np.array(values[hidden + shown :])
        moved = rises != falls
        if not moved.any():
            return None
        seen = dict(zip(self.hidden.tolist(), values[:hidden], strict=True))
        new = self.region.values[self.shown] + rises - falls
        seen |= dict(zip(self.shown[moved].tolist(), new[moved].astype(int).tolist(), strict=True))
        return cost, self.shown[moved].tolist(), seen


def _whole_solution(objective, bounds, constraints) -> tuple[list[int], float] | None:
    """An optimal solution in whole numbers, and its objective's value; None if there is
    none. `bounds` is (lower, upper) for each variable, `constraints` (matrix, lower,
    upper) for each row. The linear program is solved first: when it has no solution
    neither has the integer one, and its solution is usually in whole numbers already."""
    # scipy takes most of a second to import, and only this needs it.
    from scipy.optimize import milp

    for integrality in (0, 1):
        result = milp(
            objective,
            integrality=np.full(len(objective), integrality),
            bounds=bounds,
            constraints=constraints,
        )
        if result.status != FEASIBLE:
            return None
        if np.allclose(result.x, np.round(result.x), atol=1e-6):
            break
    return np.round(result.x).astype(int).tolist(), result.fun


def _order(key) -> tuple:
    """Keys in a fixed order, so that the same counts are always hidden the same way."""
    return tuple("" if part is None else part for part in key)


def count_key(count) -> tuple:
    """A count's key, from a Count or a CountRow."""
    return (count.measure_id, count.area_id, count.strand_id, count.period_kind, count.period_start)


def counts_suppressed(counts: list["CountRow"], threshold: int) -> Suppression:
    """Which of a measure's counts readers do not see. The groups are a total over
    strands (all strands and each strand), totals over time (a year and its quarters, a
    year and its months, a quarter and its months) and totals over areas (a larger area
    and the areas that are part of it, for the same strand and period)."""
    values = {count_key(c): c.value for c in counts}
    groups = defaultdict(list)
    for count in counts:
        key = count_key(count)
        measure, area, strand, kind, start = key
        if strand is not None:
            groups[((measure, area, None, kind, start), "strands")].append(key)
        for whole in _containing(count.period):
            groups[((measure, area, strand, whole.kind, whole.start), kind)].append(key)
        if (larger := count.area_part_of_id) is not None:
            groups[((measure, larger, strand, kind, start), "areas")].append(key)
    return suppressed(values, threshold, [(total, parts) for (total, _), parts in groups.items()])


def _containing(period: Period) -> list[Period]:
    """The longer periods a period is part of."""
    if period.kind == MONTH:
        return [period.financial_year(), period.quarter()]
    if period.kind == QUARTER:
        return [period.financial_year()]
    return []

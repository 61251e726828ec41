"""Small-number suppression: which counts readers do not see, so that victims in small
areas cannot be identified.

A count below the partnership's threshold is *small* and shown as "fewer than 5". Where
a total is shown with its parts (all strands and each strand; a year and its quarters or
months; a quarter and its months; an area and the areas that are part of it), the
figures shown and what the labels say ("fewer than 5" is 0 to 4; a withheld count is 5
or more) bound each hidden member of the group.
Further counts are *withheld* until, in every group, each small count could still be any
of 0 to 4 and each withheld count could still be any of at least two values, or every
count in the group is hidden. A withheld
count is not small itself and is labelled as withheld, never as "fewer than 5". Groups
are checked one at a time, and again whenever a count in them is withheld.
"""

import math
from collections import defaultdict, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from trends.periods import MONTH, QUARTER, Period

if TYPE_CHECKING:
    from trends.selectors.series import CountRow

SMALL = "fewer than {threshold}"
WITHHELD = "withheld"
# Why a count is hidden, for a reader who meets it without the page's explanation.
SMALL_REASON = "Counts below {threshold} are hidden so that victims cannot be identified."
WITHHELD_REASON = "Withheld so that a smaller, hidden count cannot be worked out from it."


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
    withhold so that no group (a total's key and its parts' keys) narrows a hidden count
    (see the module's docstring). A withheld count can expose another in a second group,
    so every group holding a newly withheld count is checked again."""
    small = {key for key, value in values.items() if value < threshold}
    withheld: set = set()
    groups = [
        (total, present)
        for total, parts in groups
        if total in values and (present := [key for key in parts if key in values])
    ]
    containing = defaultdict(list)
    for index, (total, parts) in enumerate(groups):
        for key in (total, *parts):
            containing[key].append(index)
    pending = deque(sorted({index for key in small for index in containing[key]}))
    waiting = set(pending)
    while pending:
        index = pending.popleft()
        waiting.discard(index)
        extra = _to_withhold(_Group(values, threshold, small, withheld, *groups[index]))
        if extra is not None:
            withheld.add(extra)
            for again in containing[extra]:
                if again not in waiting:
                    pending.append(again)
                    waiting.add(again)
    return Suppression(threshold, frozenset(small), frozenset(withheld))


@dataclass(frozen=True)
class _Group:
    values: dict
    threshold: int
    small: set
    withheld: set
    total: object
    parts: list

    def hidden(self, key) -> bool:
        return key in self.small or key in self.withheld


def _to_withhold(group: _Group):
    """The count to withhold next so that the group narrows none of its hidden members:
    the smallest shown part that makes it safe, else the smallest shown part (and the
    group is checked again), else its total; None when it is safe, or when everything
    in it is hidden already."""
    if _is_safe(group):
        return None
    shown = sorted(
        (key for key in group.parts if not group.hidden(key)),
        key=lambda key: (group.values[key], _order(key)),
    )
    for candidate in shown:
        if _is_safe(group, withholding=candidate):
            return candidate
    if shown:
        return shown[0]
    return None if group.hidden(group.total) else group.total


def _is_safe(group: _Group, withholding=None) -> bool:
    """Whether, reading the group as total = sum of parts, each small member could still
    be any of 0 to threshold - 1 and each withheld one any of at least two values."""
    threshold = group.threshold

    def bounds(key) -> tuple[float, float]:
        if key == withholding or key in group.withheld:
            return threshold, math.inf
        if key in group.small:
            return 0, threshold - 1
        return group.values[key], group.values[key]

    total_low, total_high = bounds(group.total)
    parts = {key: bounds(key) for key in group.parts}
    for key in (group.total, *group.parts):
        if not (group.hidden(key) or key == withholding):
            continue
        if key == group.total:
            low = max(total_low, sum(low for low, _ in parts.values()))
            high = min(total_high, sum(high for _, high in parts.values()))
        else:
            others = [bound for other, bound in parts.items() if other != key]
            low = max(parts[key][0], total_low - sum(high for _, high in others))
            high = min(parts[key][1], total_high - sum(low for low, _ in others))
        if key in group.small:
            if (low, high) != (0, threshold - 1):
                return False
        elif not low < high:
            return False
    return True


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
    counts = sorted(counts, key=lambda count: _order(count_key(count)))
    values = {count_key(c): c.value for c in counts}
    groups = defaultdict(list)
    for count in counts:
        measure, area, strand, kind, start = count_key(count)
        if strand is not None:
            groups[(measure, area, None, kind, start)].append(count_key(count))
        for whole in _containing(count.period):
            groups[(measure, area, strand, whole.kind, whole.start)].append(count_key(count))
        if (larger := count.area_part_of_id) is not None:
            groups[(measure, larger, strand, kind, start)].append(count_key(count))
    return suppressed(values, threshold, groups.items())


def _containing(period: Period) -> list[Period]:
    """The longer periods a period is part of."""
    if period.kind == MONTH:
        return [period.financial_year(), period.quarter()]
    if period.kind == QUARTER:
        return [period.financial_year()]
    return []

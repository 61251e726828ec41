"""Small-number suppression: which counts readers do not see, so that victims in small
areas cannot be identified."""

from collections import defaultdict
from collections.abc import Iterable, Sequence

from trends.models import Count
from trends.periods import MONTH, QUARTER, Period


def suppressed_keys(
    counts: dict, threshold: int, groups: Iterable[tuple[object, Sequence[object]]] = ()
) -> set:
    """Which counts to hide: every count below `threshold`; and, where a total is shown with
    its parts (each group is a total's key and its parts' keys) and exactly one of the
    total and its parts is hidden, the smallest other part too (or the total, if no part is
    left), so that no hidden count can be worked out by subtraction. Hiding one count can
    expose another in a second group, so this repeats until nothing changes."""
    groups = [(total, [key for key in parts if key in counts]) for total, parts in groups]
    hidden = {key for key, value in counts.items() if value < threshold}
    changed = True
    while changed:
        changed = False
        for total, parts in groups:
            extra = _complement(counts, hidden, total, parts)
            if extra is not None:
                hidden.add(extra)
                changed = True
    return hidden


def _complement(counts: dict, hidden: set, total, parts: list):
    """The count to hide as well so that a group does not give away its one hidden member,
    or None when it does not. Without its total a group gives nothing away."""
    if total not in counts:
        return None
    members = [total, *parts]
    if sum(key in hidden for key in members) != 1:
        return None
    visible_parts = [key for key in parts if key not in hidden]
    if visible_parts:
        return min(visible_parts, key=lambda key: counts[key])
    return total


def shown_count(value: int | None, hidden: bool, threshold: int) -> str:
    if value is None:
        return "–"
    if hidden:
        return f"fewer than {threshold}"
    return f"{value:,}"


def count_key(count: Count) -> tuple:
    return (count.measure_id, count.area_id, count.strand_id, count.period_kind, count.period_start)


def hidden_counts(counts: list[Count], threshold: int) -> set[tuple]:
    """The keys of the counts hidden from readers: those below the threshold, and any
    that would let one be worked out by subtraction from a total, whether the total is
    over strands (all strands and each strand) or over time (a year and its quarters or
    months, a quarter and its months)."""
    values = {count_key(c): c.value for c in counts}
    groups = defaultdict(list)
    for count in counts:
        measure, area, strand, kind, start = count_key(count)
        if strand is not None:
            groups[(measure, area, None, kind, start)].append(count_key(count))
        for whole in _containing(count.period):
            groups[(measure, area, strand, whole.kind, whole.start)].append(count_key(count))
    return suppressed_keys(values, threshold, groups.items())


def _containing(period: Period) -> list[Period]:
    """The longer periods a period is part of."""
    if period.kind == MONTH:
        return [period.financial_year(), period.quarter()]
    if period.kind == QUARTER:
        return [period.financial_year()]
    return []

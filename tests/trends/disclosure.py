"""What a reader can work out about hidden counts from the counts shown, their labels
("fewer than 5" is 0 to 4, "withheld" is 5 or more) and the sums they know hold (a total
is the sum of its parts): found by an exhaustive search over whole numbers, which shares
nothing with trends.suppression's solver, so that it checks that solver independently.

The search narrows each unknown's range from every sum in turn (bounds propagation) and
splits the widest range in two until every unknown is fixed or a sum cannot hold. It is
complete for the whole numbers up to `ceiling`, which the callers set far above any count
in their tables.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Reading:
    """A table as a reader sees it."""

    shown: dict  # key -> value
    small: frozenset
    withheld: frozenset
    threshold: int
    sums: list  # (total key, [part keys]): total = sum of parts
    ceiling: int  # no count is searched for above this

    def label_range(self, key) -> tuple[int, int]:
        if key in self.small:
            return 0, self.threshold - 1
        return self.threshold, self.ceiling

    def equations(self) -> list[tuple[dict, int]]:
        """Each sum as (coefficients of the hidden counts, constant): sum of coefficient
        times count equals the constant."""
        equations = []
        for total, parts in self.sums:
            coefficients, constant = {}, 0
            for key, sign in [(total, 1), *((part, -1) for part in parts)]:
                if key in self.shown:
                    constant -= sign * self.shown[key]
                else:
                    coefficients[key] = coefficients.get(key, 0) + sign
            assert all(abs(c) == 1 for c in coefficients.values()), "a count in its own sum"
            if coefficients or constant:
                equations.append((coefficients, constant))
        return equations

    def can_be(self, key, low: int, high: int) -> bool:
        """Whether some whole numbers for the hidden counts, each within its label's
        range, make every sum hold with `key` from `low` to `high`."""
        ranges = {other: self.label_range(other) for other in (*self.small, *self.withheld)}
        first, last = ranges[key]
        ranges[key] = (max(first, low), min(last, high))
        return _solvable(ranges, self.equations())

    def values_of(self, key, candidates) -> set[int]:
        return {value for value in candidates if self.can_be(key, value, value)}


def _solvable(ranges: dict, equations: list) -> bool:
    ranges = _propagated(dict(ranges), equations)
    if ranges is None:
        return False
    widest = max(ranges, key=lambda key: ranges[key][1] - ranges[key][0])
    low, high = ranges[widest]
    if low == high:
        return all(
            sum(coefficient * ranges[key][0] for key, coefficient in coefficients.items())
            == constant
            for coefficients, constant in equations
        )
    middle = (low + high) // 2
    return any(
        _solvable(ranges | {widest: half}, equations)
        for half in ((low, middle), (middle + 1, high))
    )


def _propagated(ranges: dict, equations: list) -> dict | None:
    """The ranges narrowed until no sum narrows them further; None if one is empty."""
    changed = True
    while changed:
        changed = False
        for coefficients, constant in equations:
            # The least and most the left-hand side can be, term by term.
            terms = {
                key: sorted((coefficient * ranges[key][0], coefficient * ranges[key][1]))
                for key, coefficient in coefficients.items()
            }
            least = sum(low for low, _ in terms.values())
            most = sum(high for _, high in terms.values())
            if not least <= constant <= most:
                return None
            for key, coefficient in coefficients.items():
                low, high = terms[key]
                # This term is the constant less the other terms.
                term_low = constant - (most - high)
                term_high = constant - (least - low)
                if coefficient > 0:
                    new = (max(ranges[key][0], term_low), min(ranges[key][1], term_high))
                else:
                    new = (max(ranges[key][0], -term_high), min(ranges[key][1], -term_low))
                if new[0] > new[1]:
                    return None
                if new != ranges[key]:
                    ranges[key] = new
                    changed = True
    return ranges

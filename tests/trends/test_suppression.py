"""Small-number suppression on cases worked out by hand, and a check by brute force that
no group narrows a hidden count."""

import itertools
import random

import pytest

from trends.suppression import WITHHELD, Suppression, suppressed


def test_counts_below_the_threshold_are_hidden_as_small():
    hidden = suppressed({"a": 4, "b": 5, "c": 0}, 5)
    assert (hidden.small, hidden.withheld) == ({"a", "c"}, set())
    assert len(suppressed({"a": 4, "b": 5}, 1)) == 0


def test_a_small_part_cannot_be_worked_out_from_its_total():
    counts = {"total": 50, "race": 30, "religion": 3, "disability": 17}
    hidden = suppressed(counts, 5, [("total", ["race", "religion", "disability"])])
    assert hidden.small == {"religion"}
    assert hidden.withheld == {"disability"}, "the smallest other part that protects it"


def test_a_withheld_count_is_labelled_as_withheld_not_as_small():
    counts = {"total": 50, "race": 30, "religion": 3, "disability": 17}
    hidden = suppressed(counts, 5, [("total", ["race", "religion", "disability"])])
    assert hidden.label("religion") == "fewer than 5"
    assert hidden.label("disability") == WITHHELD
    assert hidden.label("race") is None


def test_small_parts_that_pin_each_other_are_protected_by_a_withheld_one():
    # Once, two small parts only protected each other: 48 - 40 = 8 = 4 + 4, so both
    # "fewer than 5" counts were 4.
    counts = {"total": 48, "race": 40, "religion": 4, "disability": 4}
    hidden = suppressed(counts, 5, [("total", ["race", "religion", "disability"])])
    assert hidden.small == {"religion", "disability"}
    assert hidden.withheld == {"race"}


def test_a_withheld_count_is_chosen_so_that_its_being_5_or_more_gives_nothing_away():
    # Withholding disability's 5 would leave religion = 45 - 40 - disability, and a
    # withheld count is 5 or more, so religion would be 0. Race's 40 protects it.
    counts = {"total": 45, "race": 40, "religion": 0, "disability": 5}
    hidden = suppressed(counts, 5, [("total", ["race", "religion", "disability"])])
    assert hidden.withheld == {"race"}


def test_a_small_part_with_no_other_part_shown_takes_its_total_with_it():
    hidden = suppressed({"year": 40, "march": 3}, 5, [("year", ["march"])])
    assert (hidden.small, hidden.withheld) == ({"march"}, {"year"})


def test_withholding_a_count_is_carried_into_the_other_groups_it_belongs_to():
    # Month 1's religion count is small; withholding month 1's disability count to
    # protect it would let the quarter's disability total give it away, so another
    # month's disability count is withheld too.
    counts = {
        "m1": 40, "m1-race": 30, "m1-religion": 2, "m1-disability": 8,
        "q-disability": 30, "m2-disability": 10, "m3-disability": 12,
    }  # fmt: skip
    groups = [
        ("m1", ["m1-race", "m1-religion", "m1-disability"]),
        ("q-disability", ["m1-disability", "m2-disability", "m3-disability"]),
    ]
    hidden = suppressed(counts, 5, groups)
    assert hidden.small == {"m1-religion"}
    assert hidden.withheld == {"m1-disability", "m2-disability"}


def test_nothing_is_hidden_from_someone_who_sees_small_numbers():
    nothing = Suppression(5)
    assert not nothing.hides("anything")
    assert nothing.label("anything") is None


def possible_values(shown: dict, hidden: Suppression, total: str, parts: list[str]) -> dict:
    """Every value each hidden count could have, for a reader who sees the shown counts
    and the labels and knows that the total is the sum of the parts."""
    threshold = hidden.threshold
    ceiling = sum(shown.values()) + 3 * threshold * (len(parts) + 1)
    ranges = {
        key: range(threshold) if key in hidden.small else range(threshold, ceiling)
        for key in [total, *parts]
        if hidden.hides(key)
    }
    hidden_parts = [key for key in parts if key in ranges]
    possible = {key: set() for key in ranges}
    for values in itertools.product(*(ranges[key] for key in hidden_parts)):
        guess = shown | dict(zip(hidden_parts, values, strict=True))
        guess.setdefault(total, sum(guess[key] for key in parts))
        if guess[total] == sum(guess[key] for key in parts) and (
            total not in ranges or guess[total] in ranges[total]
        ):
            for key in ranges:
                possible[key].add(guess[key])
    return possible


@pytest.mark.parametrize("seed", range(300))
def test_no_group_narrows_a_hidden_count_by_brute_force(seed):
    generator = random.Random(seed)  # noqa: S311 - seeded, to make cases
    threshold = generator.choice([3, 5])
    parts = [f"part {n}" for n in range(generator.randint(1, 3))]
    values = {key: generator.choice([0, 1, 2, 3, 4, 5, 6, 8, 12]) for key in parts}
    values["total"] = sum(values.values())
    hidden = suppressed(values, threshold, [("total", parts)])
    shown = {key: value for key, value in values.items() if not hidden.hides(key)}
    possible = possible_values(shown, hidden, "total", parts)
    everything_hidden = len(possible) == len(values)
    for key, could_be in possible.items():
        assert values[key] in could_be
        if key in hidden.small and not everything_hidden:
            assert could_be == set(range(threshold)), (key, values, could_be)
        else:
            assert len(could_be) >= 2, (key, values, could_be)

"""Small-number suppression on cases worked out by hand (random tables are in
test_suppression_property)."""

from trends.suppression import WITHHELD, Suppression, suppressed

from .disclosure import Reading


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


def test_a_total_above_its_parts_bounds_them_only_from_above():
    """With only March held, the year's 40 counts the other months too, so it tells a
    reader only that March's count is 40 or less."""
    hidden = suppressed({"year": 40, "march": 3}, 5, [("year", ["march"])])
    assert (hidden.small, hidden.withheld) == ({"march"}, set())


def test_strands_that_overlap_are_read_as_at_most_their_sum():
    """A crime can be counted under two strands, so all strands (10) can be less than the
    strands' sum. Shown with race's 8, it would still say religion's count is at least 2,
    so race is withheld, and could then be anything from 6 to 10."""
    counts = {"all": 10, "race": 8, "religion": 3}
    hidden = suppressed(counts, 5, [("all", ["race", "religion"])])
    assert hidden.withheld == {"race"}


def test_withholding_a_count_is_carried_into_the_other_groups_it_belongs_to():
    # Month 1's religion count is small. Withholding month 1's disability count would
    # not protect it, since the quarter's disability total and the other months give
    # that count back; race's count protects it in every group at once.
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
    assert hidden.withheld == {"m1-race"}


def test_lower_bounds_of_withheld_counts_are_read_across_groups_together():
    """Checked a group at a time, withholding race's 6 and religion's 5 in May would do:
    but religion's May at 5 or more leaves race's May at most 6 from May's total, and
    then race's quarter pins April's hidden 4."""
    counts = {
        "april": 34, "april-race": 4, "april-religion": 10, "april-other": 20,
        "may": 31, "may-race": 6, "may-religion": 5, "may-other": 20,
        "quarter-race": 10,
    }  # fmt: skip
    groups = [
        ("april", ["april-race", "april-religion", "april-other"]),
        ("may", ["may-race", "may-religion", "may-other"]),
        ("quarter-race", ["april-race", "may-race"]),
    ]
    hidden = suppressed(counts, 5, groups)
    assert hidden.small == {"april-race"}
    reading = Reading(
        {key: value for key, value in counts.items() if not hidden.hides(key)},
        hidden.small,
        hidden.withheld,
        5,
        groups,
        ceiling=1000,
    )
    assert reading.values_of("april-race", range(5)) == set(range(5))
    for key in hidden.withheld:
        assert len(reading.values_of(key, range(5, 1000))) >= 2, key


def test_the_same_counts_are_hidden_whatever_order_they_come_in(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    counts = {f"month {n}": value for n, value in enumerate([3, 9, 12, 2, 40, 7])}
    counts["quarter"] = sum(counts.values())
    groups = [("quarter", [f"month {n}" for n in range(6)])]
    first = suppressed(counts, 5, groups)
    backwards = suppressed(dict(reversed(counts.items())), 5, [("quarter", groups[0][1][::-1])])
    assert first == backwards
    assert first.withheld


def test_nothing_is_hidden_from_someone_who_sees_small_numbers():
    nothing = Suppression(5)
    assert not nothing.hides("anything")
    assert nothing.label("anything") is None

"""Small-number suppression on cases worked out by hand."""

from trends.suppression import shown_count, suppressed_keys


def test_counts_below_the_threshold_are_hidden():
    assert suppressed_keys({"a": 4, "b": 5, "c": 0}, 5) == {"a", "c"}
    assert suppressed_keys({"a": 4, "b": 5}, 1) == set()


def test_a_hidden_part_cannot_be_worked_out_from_its_total():
    counts = {"total": 50, "race": 30, "religion": 3, "disability": 17}
    hidden = suppressed_keys(counts, 5, [("total", ["race", "religion", "disability"])])
    assert hidden == {"religion", "disability"}, "the smallest other part goes too"


def test_a_hidden_part_with_no_other_part_shown_takes_its_total_with_it():
    counts = {"total": 40, "race": 3, "religion": 2}
    hidden = suppressed_keys(counts, 5, [("total", ["race", "religion"])])
    assert hidden == {"race", "religion"}, "two hidden parts protect each other"
    hidden = suppressed_keys({"year": 40, "march": 3}, 5, [("year", ["march"])])
    assert hidden == {"year", "march"}


def test_hiding_a_second_count_is_carried_into_the_groups_it_belongs_to():
    # Month 1's religion count is small; hiding month 1's disability count to protect
    # it leaves disability's quarter with one hidden month, so another month goes too.
    counts = {
        "m1": 40, "m1-race": 30, "m1-religion": 2, "m1-disability": 8,
        "q-disability": 30, "m2-disability": 10, "m3-disability": 12,
    }  # fmt: skip
    groups = [
        ("m1", ["m1-race", "m1-religion", "m1-disability"]),
        ("q-disability", ["m1-disability", "m2-disability", "m3-disability"]),
    ]
    assert suppressed_keys(counts, 5, groups) == {"m1-religion", "m1-disability", "m2-disability"}


def test_shown_counts():
    assert shown_count(3, True, 5) == "fewer than 5"
    assert shown_count(1234, False, 5) == "1,234"
    assert shown_count(None, False, 5) == "–"

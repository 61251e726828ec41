"""Attempts to work out a hidden count from what a member sees on a measure's page:
every figure shown must come from the counts shown."""

import datetime

import pytest

from tests import factories
from trends.periods import MONTH, Period

from .test_pages import text_of

pytestmark = pytest.mark.django_db

START = Period(datetime.date(2019, 4, 1), MONTH)


def monthly(statistics, values, *, strand=None, area=None, first=START):
    for number, value in enumerate(values):
        factories.CountFactory(
            measure=statistics.crimes,
            area=area or statistics.durham,
            strand=factories.strand(strand) if strand else None,
            period_start=first.shifted(number).start,
            value=value,
        )


def member_page(client, personas, statistics) -> str:
    client.force_login(personas.chair)
    return text_of(client.get(statistics.crimes.get_absolute_url()))


def test_a_flag_on_a_small_count_does_not_say_how_rare_it_is(client, personas, statistics):
    """Against ten months of 10, "about 1 time in 266" would pin the hidden count at 2."""
    monthly(statistics, [10] * 10 + [2])
    page = member_page(client, personas, statistics)
    assert (
        "February 2020: fewer than 5, lower than expected from the 10 months before. How "
        "unusual it is is not stated, as that would give away a hidden count."
    ) in page
    assert "A count this" not in page
    assert "would fall from" not in page
    client.force_login(personas.secretariat)
    page = text_of(client.get(statistics.crimes.get_absolute_url()))
    assert "February 2020: 2, lower than the 10.0 expected" in page
    assert "A count this low would arise by chance about 1 time in 266." in page


def test_a_flag_on_a_withheld_count_states_nothing_worked_out_from_it(client, personas, statistics):
    # Race is withheld in March 2020 to protect religion's 2, and it has leapt.
    monthly(statistics, [20] * 11 + [60], strand="race")
    monthly(statistics, [6] * 11 + [2], strand="religion")
    monthly(statistics, [26] * 11 + [62])
    page = member_page(client, personas, statistics)
    assert "March 2020 withheld fewer than 5 62" in page
    assert (
        "County Durham, Race, March 2020: withheld, higher than expected from the 11 months "
        "before. How unusual it is is not stated"
    ) in page
    assert "County Durham, all strands, March 2020: 62, higher than the 26.0 expected" in page

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


def test_shares_are_not_worked_out_from_a_hidden_count(client, personas, statistics):
    """Without an all-strands count, race's 50.0% and disability's 35.0% would give the
    strands' total as 20, and so religion's hidden count as 3."""
    monthly(statistics, [10], strand="race")
    monthly(statistics, [3], strand="religion")
    monthly(statistics, [7], strand="disability")
    page = member_page(client, personas, statistics)
    assert "April 2019 10 fewer than 5 7 –" in page, "no all-strands count to protect"
    assert "Each strand's share of the strands' combined count, County Durham" in page
    assert "April 2019 – – –" in page
    assert "50.0%" not in page


def test_shares_cannot_undo_the_protection_of_a_small_count_over_time(client, personas, statistics):
    """Religion's year is shown, so May's religion count is withheld to protect April's.
    A race share for May would give May's religion count, and then April's from the
    year."""
    race = [40] * 12
    religion = [2, 20] + [30] * 10
    monthly(statistics, race, strand="race")
    monthly(statistics, religion, strand="religion")
    factories.CountFactory(
        measure=statistics.crimes,
        area=statistics.durham,
        strand=factories.strand("religion"),
        period_kind="year",
        period_start=START.start,
        value=sum(religion),
    )
    client.force_login(personas.chair)
    html = client.get(statistics.crimes.get_absolute_url()).content.decode()
    page = text_of(client.get(statistics.crimes.get_absolute_url()))
    assert "April 2019 40 fewer than 5 –" in page
    assert "May 2019 40 withheld –" in page
    assert "April 2019 – – May 2019 – – June 2019 57.1% 42.9%" in page
    assert "66.7%" not in page
    # The religion line's description speaks only of the months shown.
    assert "Religion or belief: lowest 30 in June 2019" in html


def test_no_derived_figure_or_chart_point_is_worked_out_from_a_hidden_month(
    client, personas, statistics
):
    values = [40, 40, 3] + [40] * 10  # April 2019 to April 2020; June's 3 is small
    monthly(statistics, values)
    factories.CountFactory(
        measure=statistics.crimes,
        area=statistics.durham,
        period_kind="year",
        period_start=datetime.date(2018, 4, 1),
        value=480,
    )
    client.force_login(personas.secretariat)
    page = text_of(client.get(statistics.crimes.get_absolute_url()))
    assert "June 2019 3 -37 (-92.5%) – –" in page
    assert "March 2020 40 No change – 443" in page
    assert "2019/20 443 -37 (-7.7%)" in page, "the year added up from its months"
    client.force_login(personas.chair)
    response = client.get(statistics.crimes.get_absolute_url())
    page, html = text_of(response), response.content.decode()
    assert "June 2019 fewer than 5 – – –" in page, "no change on May, no rolling total"
    assert "July 2019 40 – – –" in page, "no change on a hidden June"
    assert "March 2020 40 No change – –" in page, "no rolling total over June"
    assert "April 2020 40 No change No change –" in page
    assert "2018/19 480 –" in page
    assert "443" not in page, "no year added up over June"
    months_chart = html.index('aria-labelledby="recorded-hate-crimes-all-strands-months-title')
    all_strands = html[months_chart : html.index("</svg>", months_chart)]
    assert all_strands.count("a4 4 0 1 0 8 0") == 12, "no point for June"
    assert "lowest 40 in April 2019" in all_strands
    assert "Gaps are periods with no figure or with a small number hidden." in all_strands


@pytest.mark.parametrize("part_of_the_force_area", [False, True])
def test_an_area_s_counts_are_parts_of_the_larger_area_s(
    client, personas, statistics, part_of_the_force_area
):
    force = factories.AreaFactory(partnership=personas.partnership, name="Force area")
    if part_of_the_force_area:
        for area in (statistics.durham, statistics.darlington):
            area.part_of = force
            area.save()
    monthly(statistics, [30], area=force)
    monthly(statistics, [27], area=statistics.durham)
    monthly(statistics, [3], area=statistics.darlington)
    page = member_page(client, personas, statistics)
    # The columns are County Durham, Darlington and the force area.
    if part_of_the_force_area:
        assert "April 2019 withheld fewer than 5 30" in page, "30 - 27 would be Darlington's"
    else:
        assert "April 2019 27 fewer than 5 30" in page

"""Attempts to work out a hidden count from what a member sees on a measure's page:
every figure shown must come from the counts shown."""

import csv
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests import factories
from trends.periods import MONTH, Period

from .conftest import csv_bytes
from .disclosure import Reading
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


def test_a_year_s_months_are_read_as_its_parts_even_when_its_quarters_are_held_too(
    client, personas, statistics
):
    """Twelve months add up to the year, and so would give April's hidden 3 away; the
    quarters held for the rest of the year add up to it too, separately."""
    monthly(statistics, [3] + [10] * 11)
    for start in (START.shifted(3), START.shifted(6), START.shifted(9)):
        factories.CountFactory(
            measure=statistics.crimes,
            area=statistics.durham,
            period_kind="quarter",
            period_start=start.start,
            value=30,
        )
    factories.CountFactory(
        measure=statistics.crimes,
        area=statistics.durham,
        period_kind="year",
        period_start=START.start,
        value=113,
    )
    page = member_page(client, personas, statistics)
    assert "April 2019 fewer than 5" in page
    assert "hidden: 1 fewer than 5 and 1 withheld" in page, "113 less the other months is April"


STRANDS = ["Race", "Religion or belief", "Sexual orientation", "Disability", "Transgender identity"]
MONTHS = ["April 2019", "May 2019", "June 2019"]
QUARTER = "2019/20 Q1"


def exported_as_read(response) -> Reading:
    """A member's CSV export as a reader takes it: the counts shown, which are hidden and
    how, and the sums they know hold (all strands is the sum of the strands, a quarter
    the sum of its months)."""
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))[1:]
    shown, small, withheld = {}, set(), set()
    for period, _, strand, _, count, *_ in rows:
        key = (period, strand)
        if count == "fewer than 5":
            small.add(key)
        elif count == "withheld":
            withheld.add(key)
        else:
            shown[key] = int(count)
    sums = [
        ((period, "All strands"), [(period, strand) for strand in STRANDS])
        for period in [*MONTHS, QUARTER]
    ]
    sums += [
        ((QUARTER, strand), [(month, strand) for month in MONTHS])
        for strand in [*STRANDS, "All strands"]
    ]
    return Reading(shown, frozenset(small), frozenset(withheld), 5, sums, ceiling=1000)


def test_a_member_s_export_gives_no_hidden_count_away_across_groups(client, personas, statistics):
    """Issue 16's reproduction. Checked a group at a time, the export showed Race's April
    as fewer than 5 and withheld three counts; reading the groups together (religion's
    May is 5 or more, so race's May is at most 6, so race's April is 4) pinned all four."""
    client.force_login(personas.secretariat)
    client.post(reverse("trends:area-add", args=[personas.partnership.slug]), {"name": "Teesdale"})
    rows = [["Period", "Area", "Measure", *STRANDS, "All strands"]]
    for month, race, religion in [("2019-04", 4, 10), ("2019-05", 6, 5), ("2019-06", 8, 15)]:
        others = [20, 20, 20]
        all_strands = race + religion + sum(others)
        rows.append([month, "Teesdale", statistics.incidents.name, race, religion, *others,
                     all_strands])  # fmt: skip
    rows.append([QUARTER, "Teesdale", statistics.incidents.name, 18, 30, 60, 60, 60, 228])
    upload = SimpleUploadedFile("quarter.csv", csv_bytes(rows), content_type="text/csv")
    imported = client.post(
        reverse("trends:import", args=[personas.partnership.slug]), {"file": upload}
    )
    assert imported.status_code == 302

    client.force_login(personas.community_member)
    reading = exported_as_read(
        client.get(reverse("trends:export", args=[personas.partnership.slug, "csv"]))
    )
    assert reading.small == {("April 2019", "Race")}
    assert reading.values_of(("April 2019", "Race"), range(5)) == set(range(5))
    for key in reading.withheld:
        assert len(reading.values_of(key, range(5, 1000))) >= 2, key

"""The trend pages: who sees what, small numbers hidden from all but the secretariat, and
the same number of queries however many counts there are."""

import datetime
import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories
from trends.models import Measure
from trends.periods import MONTH, Period, period_containing

pytestmark = pytest.mark.django_db


def index_url(partnership):
    return reverse("trends:index", kwargs={"slug": partnership.slug})


def text_of(response) -> str:
    html = response.content.decode()
    html = re.sub(r"<svg.*?</svg>", " ", html, flags=re.S)
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
    return re.sub(r" ([,.;:])", r"\1", text)  # as read: no space before punctuation


def by_strand(statistics, month: datetime.date, values: dict):
    """One month's County Durham counts, by strand; None for all strands."""
    for strand, value in values.items():
        factories.CountFactory(
            measure=statistics.crimes,
            area=statistics.durham,
            strand=factories.strand(strand) if strand else None,
            period_start=month,
            value=value,
        )


APRIL, MAY = datetime.date(2019, 4, 1), datetime.date(2019, 5, 1)


@pytest.fixture
def small_numbers(statistics):
    """Religion's 3 in April is small, so disability's 9 is hidden with it."""
    by_strand(statistics, APRIL, {None: 52, "race": 40, "religion": 3, "disability": 9})
    by_strand(statistics, MAY, {None: 60, "race": 42, "religion": 8, "disability": 10})
    return statistics


@pytest.mark.parametrize("persona", ["chair", "police_lead", "community_member"])
def test_members_see_small_numbers_hidden(client, personas, small_numbers, persona):
    client.force_login(getattr(personas, persona))
    page = text_of(client.get(small_numbers.crimes.get_absolute_url()))
    assert "April 2019 40 fewer than 5 withheld 52" in page, "disability's 9 protects religion"
    assert "May 2019 42 8 10 60" in page
    assert "2 counts on this page are hidden: 1 fewer than 5 and 1 withheld." in page


def test_the_secretariat_sees_every_count(client, personas, small_numbers):
    client.force_login(personas.secretariat)
    page = text_of(client.get(small_numbers.crimes.get_absolute_url()))
    assert "April 2019 40 3 9 52" in page
    assert "You see every count" in page


def test_figures_worked_out_from_a_hidden_count_are_hidden_too(client, personas, small_numbers):
    client.force_login(personas.chair)
    page = text_of(client.get(small_numbers.crimes.get_absolute_url()))
    # No share in April: the strands' combined count holds two hidden ones.
    assert "April 2019 – – –" in page
    assert "May 2019 70.0% 13.3% 16.7%" in page
    # Darlington's monthly total hidden, so neither its change nor a year total shows.
    factories.CountFactory(measure=small_numbers.crimes, area=small_numbers.darlington, value=4)
    factories.CountFactory(
        measure=small_numbers.crimes, area=small_numbers.darlington, period_start=MAY, value=9
    )
    page = text_of(client.get(small_numbers.crimes.get_absolute_url()))
    assert "Recorded hate crimes, Darlington, all strands: counts and changes" in page
    assert "April 2019 fewer than 5 – – –" in page
    assert "May 2019 9 – – –" in page, "no change on a hidden April"
    client.force_login(personas.secretariat)
    assert "May 2019 9 +5 (+125.0%) – –" in text_of(
        client.get(small_numbers.crimes.get_absolute_url())
    )


def test_outsiders_see_nothing(client, personas, small_numbers):
    client.force_login(personas.outsider)
    assert client.get(index_url(personas.partnership)).status_code == 404
    assert client.get(small_numbers.crimes.get_absolute_url()).status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(client, small_numbers):
    response = client.get(small_numbers.crimes.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_year_on_year_changes_and_financial_year_totals(client, personas, statistics):
    for year, value in [(2014, 168), (2015, 202), (2018, 555)]:
        factories.CountFactory(
            measure=statistics.crimes,
            area=statistics.durham,
            period_kind="year",
            period_start=datetime.date(year, 4, 1),
            value=value,
        )
    for month in range(12):
        factories.CountFactory(
            measure=statistics.crimes,
            area=statistics.durham,
            period_start=datetime.date(2019 + (month + 3) // 12, (month + 3) % 12 + 1, 1),
            value=60,
        )
    client.force_login(personas.chair)
    page = text_of(client.get(statistics.crimes.get_absolute_url()))
    assert "2015/16 202 +34 (+20.2%)" in page
    assert "2018/19 555 –" in page, "no change: 2017/18 was not counted"
    assert "2019/20 720 +165 (+29.7%)" in page, "2019/20 added up from its months"
    assert "A year that was not counted whole is added up" in page
    assert "March 2020 60 No change – 720" in page, "the rolling 12-month total"


STEADY = [48, 52, 50, 47, 53, 49, 51, 50, 46, 54, 50, 49]


def months_to_last(values: list[int]) -> list[Period]:
    """The months for `values` that end with last month, the latest that can be counted."""
    last = period_containing(timezone.localdate(), MONTH).shifted(-1)
    return [last.shifted(number - len(values) + 1) for number in range(len(values))]


def test_an_emerging_trend_is_flagged_on_the_page(client, personas, statistics):
    values = [*STEADY, 80]
    for period, value in zip(months_to_last(values), values, strict=True):
        factories.CountFactory(
            measure=statistics.crimes,
            area=statistics.durham,
            period_start=period.start,
            value=value,
        )
    client.force_login(personas.chair)
    page = text_of(client.get(index_url(personas.partnership)))
    last = months_to_last(values)[-1]
    assert f"Worth a look Recorded hate crimes, County Durham, all strands, {last}: 80" in page
    assert f"{last}: 80, higher than the 49.9 expected from the 12 months before" in page
    assert "Out of date" not in page


def test_a_rise_in_reporting_is_flagged_as_welcome(client, personas, statistics):
    values = [*STEADY, 80]
    for period, value in zip(months_to_last(values), values, strict=True):
        factories.CountFactory(
            measure=statistics.incidents,
            area=statistics.durham,
            period_start=period.start,
            value=value,
        )
    client.force_login(personas.community_member)
    page = text_of(client.get(statistics.incidents.get_absolute_url()))
    last = months_to_last(values)[-1]
    assert f"Welcome County Durham, all strands, {last}: 80, higher than" in page


def test_a_flag_on_old_figures_says_how_old_they_are_not_that_a_trend_is_emerging(
    client, personas, statistics
):
    """A March 2020 flag was shown as an emerging trend six years on."""
    factories.monthly_counts(personas.partnership, 13, values=[*STEADY, 80])
    client.force_login(personas.chair)
    page = text_of(client.get(index_url(personas.partnership)))
    assert "Worth a look" not in page
    assert "Out of date" in page
    assert "April 2016: 80, higher than the 49.9 expected from the 12 months before" in page
    assert re.search(r"These figures are more than \d+ years old, so this is not an emerging", page)
    assert re.search(r"April 2016 Out of date More than \d+ years old", page), "its latest"


def test_a_flag_does_not_give_away_a_hidden_baseline(client, personas, statistics):
    values = [4, 12, 14, 11, 13, 12, 40]
    for number, value in enumerate(values):
        factories.CountFactory(
            measure=statistics.crimes,
            area=statistics.durham,
            period_start=datetime.date(2019, 4 + number, 1),
            value=value,
        )
    client.force_login(personas.chair)
    page = text_of(client.get(statistics.crimes.get_absolute_url()))
    assert (
        "October 2019: 40, higher than expected from the 6 months before. How unusual it is "
        "is not stated, as that would give away a hidden count."
    ) in page
    assert "A count this" not in page
    client.force_login(personas.secretariat)
    page = text_of(client.get(statistics.crimes.get_absolute_url()))
    assert (
        "October 2019: 40, higher than the 11.0 expected from the 6 months before "
        "(99 periods in 100 would fall from 3 to 23)."
    ) in page


def test_pages_without_figures_say_so(client, personas):
    client.force_login(personas.chair)
    page = text_of(client.get(index_url(personas.partnership)))
    assert "The partnership has no measures yet. The secretariat sets them up." in page
    measure = factories.MeasureFactory(partnership=personas.partnership, name="Prosecutions")
    page = text_of(client.get(measure.get_absolute_url()))
    assert "There are no figures for this measure yet." in page


def test_illustrative_figures_are_labelled(client, personas, statistics):
    factories.CountFactory(measure=statistics.crimes, area=statistics.durham, illustrative=True)
    client.force_login(personas.chair)
    assert "Illustrative, not real" in text_of(client.get(index_url(personas.partnership)))
    assert "Illustrative, not real" in text_of(client.get(statistics.crimes.get_absolute_url()))


def build_measure_of_size(partnership, months: int) -> Measure:
    measure = factories.MeasureFactory(partnership=partnership)
    areas = [factories.AreaFactory(partnership=partnership) for _ in range(2)]
    start = datetime.date(2010, 4, 1)
    for number in range(months):
        month = datetime.date(start.year + (number + 3) // 12, (number + 3) % 12 + 1, 1)
        for area in areas:
            factories.CountFactory(measure=measure, area=area, period_start=month, value=number % 9)
            factories.CountFactory(
                measure=measure,
                area=area,
                strand=factories.strand("race"),
                period_start=month,
                value=number % 7,
            )
    return measure


def test_the_trend_pages_run_the_same_queries_at_any_size(
    client, personas, django_assert_max_num_queries
):
    client.force_login(personas.chair)
    small = build_measure_of_size(personas.partnership, 6)
    large = build_measure_of_size(personas.partnership, 120)
    # 1 session, 1 user, 1 partnership, 1 the viewer's memberships, 1 measure, 1 its
    # objectives, 1 its counts with their areas' names and larger areas, 1 the
    # partnership's areas, whose order gives each its style in the charts
    for measure in (small, large):
        with django_assert_max_num_queries(8):
            assert client.get(measure.get_absolute_url()).status_code == 200
    client.force_login(personas.secretariat)  # who also sees the areas and imports
    # 1 session, 1 user, 1 partnership, 1 memberships, 1 measures, 1 their objectives,
    # 1 counts, 1 areas with their larger areas, 1 latest imports with who made them
    with django_assert_max_num_queries(9):
        assert client.get(index_url(personas.partnership)).status_code == 200


def line_styles(html: str, chart_title: str) -> dict[str, str]:
    """Each line's name and colour in the chart with that title."""
    start = html.index(f'<title id="{chart_title}-title">')
    chart = html[start : html.index("</svg>", start)]
    return {
        name: colour
        for colour, name in re.findall(r'fill="(#[0-9a-f]+)" font-weight="bold">([^<]+)<', chart)
    }


def test_an_area_or_a_strand_is_drawn_the_same_way_in_every_chart(client, personas, statistics):
    """Darlington was blue where it was the only area, red beside County Durham; religion
    changed colour with the strands counted beside it."""
    by_strand(statistics, APRIL, {None: 30, "race": 20, "religion": 10})
    factories.CountFactory(measure=statistics.crimes, area=statistics.darlington, value=12)
    factories.CountFactory(measure=statistics.incidents, area=statistics.darlington, value=9)
    factories.CountFactory(
        measure=statistics.incidents,
        area=statistics.darlington,
        strand=factories.strand("religion"),
        value=9,
    )
    client.force_login(personas.chair)
    crimes = client.get(statistics.crimes.get_absolute_url()).content.decode()
    incidents = client.get(statistics.incidents.get_absolute_url()).content.decode()
    both = line_styles(crimes, "recorded-hate-crimes-all-strands-months")
    alone = line_styles(incidents, "reported-hate-incidents-all-strands-months")
    assert both["Darlington"] == alone["Darlington"] != both["County Durham"]
    with_race = line_styles(crimes, "recorded-hate-crimes-county-durham-by-strand-months")
    without = line_styles(incidents, "reported-hate-incidents-darlington-by-strand-months")
    assert with_race["Religion or belief"] == without["Religion or belief"] != with_race["Race"]


def test_a_chart_says_what_its_values_count_in_readable_text(client, personas, statistics):
    by_strand(statistics, APRIL, {None: 30})
    client.force_login(personas.chair)
    html = client.get(statistics.crimes.get_absolute_url()).content.decode()
    chart = html[html.index("<svg") : html.index("</svg>")]
    assert re.search(r'transform="rotate\(-90[^"]*"[^>]*>Recorded hate crimes</text>', chart)
    sizes = {int(size) for size in re.findall(r'font-size="(\d+)"', chart)}
    assert sizes == {16}, "tick labels as large as GOV.UK's smallest body text"

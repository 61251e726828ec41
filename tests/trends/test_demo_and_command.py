"""The demonstration figures, as a member reads them, and the import command."""

import io
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from partners.models import Partnership, Person
from tests import factories
from tests.conftest import load_demo
from trends.charts import describe, line_chart
from trends.models import Area, Count
from trends.periods import parse_period

from .conftest import LONG_HEADER, csv_bytes
from .test_pages import text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_partnership(db) -> Partnership:
    load_demo()
    return Partnership.objects.get()


def test_the_demo_holds_the_published_figures_with_their_sources(demo_partnership):
    published = {
        (c.measure.name, c.area.name, str(c.period)): (c.value, c.source)
        for c in Count.objects.filter(illustrative=False).select_related("measure", "area")
    }
    factsheet = "Durham County Council, hate crime factsheet"
    assert published == {
        ("Reported hate incidents", "County Durham", "2014/15"): (444, factsheet),
        ("Reported hate incidents", "County Durham", "2015/16"): (381, factsheet),
        ("Reported hate incidents", "County Durham", "2018/19"): (360, factsheet),
        ("Reported hate incidents", "County Durham", "2019/20"): (441, factsheet),
        ("Recorded hate crimes", "County Durham", "2014/15"): (168, factsheet),
        ("Recorded hate crimes", "County Durham", "2015/16"): (202, factsheet),
        ("Recorded hate crimes", "County Durham", "2018/19"): (555, factsheet),
        ("Recorded hate crimes", "County Durham", "2019/20"): (723, factsheet),
        ("Recorded hate crimes", "Durham police force area", "2017/18"): (
            517,
            "Durham Constabulary, recorded hate crimes in the year to March 2018",
        ),
    }
    made_up = Count.objects.filter(illustrative=True)
    assert made_up.exists()
    assert all(c.source.startswith("Illustrative, not real") for c in made_up)


def test_a_member_sees_the_county_durham_figures_and_their_changes(client, demo_partnership):
    client.force_login(Person.objects.get(username="community.member"))
    index = text_of(client.get(reverse("trends:index", args=[demo_partnership.slug])))
    assert "Illustrative, not real" in index
    # The demo's figures end in March 2020, years ago: its flags are not emerging trends.
    for flag in [
        "Reported hate incidents, County Durham, all strands, March 2020: 63",
        "Recorded hate crimes, County Durham, all strands, March 2020: 96",
    ]:
        assert f"Out of date {flag}" in index
    assert "so this is not an emerging trend" in index

    incidents = text_of(
        client.get(f"/partnerships/{demo_partnership.slug}/trends/reported-hate-incidents/")
    )
    assert (
        "2014/15 444 – 2015/16 381 -63 (-14.2%) 2018/19 360 – 2019/20 441 +81 (+22.5%)" in incidents
    )
    crimes = text_of(
        client.get(f"/partnerships/{demo_partnership.slug}/trends/recorded-hate-crimes/")
    )
    assert (
        "2014/15 168 – 2015/16 202 +34 (+20.2%) 2018/19 555 – 2019/20 723 +168 (+30.3%)" in crimes
    )
    assert "2017/18 – 517" in crimes, "the force-wide year"
    assert "fewer than 5" in crimes, "Darlington's small months"


def test_the_dashboard_and_the_briefing_show_the_flags(client, demo_partnership):
    client.force_login(Person.objects.get(username="chair"))
    plan = demo_partnership.action_plans.get()
    dashboard = text_of(client.get(reverse("overview:dashboard", args=[plan.slug])))
    assert "What the statistics say about each objective" in dashboard
    assert "b. Increase reporting of hate incidents Reported hate incidents" in dashboard
    assert "Recorded hate crimes Illustrative, not real 2019/20 Out of date More than" in dashboard
    assert "Out of date County Durham, all strands, March 2020: 63" in dashboard
    meeting = demo_partnership.meetings.order_by("-date").first()
    briefing = text_of(client.get(reverse("meetings:briefing", args=[meeting.pk])))
    assert "Emerging trends in the latest statistics" in briefing
    assert (
        "Out of date Recorded hate crimes, County Durham, all strands, March 2020: 96" in briefing
    )


def test_the_import_command_rejects_a_bad_file_listing_each_problem(personas, statistics, tmp_path):
    path = tmp_path / "counts.csv"
    rows = [LONG_HEADER[:5], ["2020-04", "County Durham", "Race", "Recorded hate crimes", "x"]]
    path.write_bytes(csv_bytes(rows))
    errors = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was imported: the file has 1 problem"):
        call_command("import_statistics", str(path), stderr=errors, stdout=io.StringIO())
    assert "Row 2, Count: “x” is not a number" in errors.getvalue()
    assert not Count.objects.exists()


def test_the_import_command_needs_a_partnership_and_a_readable_file(personas, tmp_path):
    factories.PartnershipFactory()
    with pytest.raises(CommandError, match="Name the partnership with --partnership"):
        call_command("import_statistics", str(tmp_path / "x.csv"))
    with pytest.raises(CommandError, match="No partnership has the slug 'nowhere'"):
        call_command("import_statistics", "x.csv", partnership="nowhere")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command(
            "import_statistics", str(tmp_path / "x.csv"), partnership=personas.partnership.slug
        )


def test_the_import_command_has_help():
    result = subprocess.run(
        [sys.executable, "manage.py", "import_statistics", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "long or the wide layout" in " ".join(result.stdout.split())
    assert "--partnership" in result.stdout


def test_a_chart_leaves_gaps_and_says_what_it_shows():
    periods = [parse_period(p) for p in ["2014/15", "2015/16", "2016/17", "2017/18", "2018/19"]]
    chart = line_chart(
        "Crimes",
        periods,
        {"County Durham": [168, 202, None, None, 555]},
        styles={"County Durham": 0},
        y_title="Crimes",
    )
    (line,) = chart.lines
    assert len(line.segments) == 1, "the two years before the gap are joined; 2018/19 stands alone"
    assert len(line.markers) == 3
    assert chart.y_labels[-1][1] == "600"
    assert describe("Crimes", periods, {"County Durham": [168, 202, None, None, 555]}) == (
        "Crimes, 2014/15 to 2018/19. County Durham: 2014/15: 168; 2015/16: 202; 2018/19: 555. "
        "Gaps are periods with no figure or with a small number hidden."
    )


def test_a_long_chart_is_described_by_its_lowest_highest_and_latest():
    start = parse_period("2019-04")
    periods = [start.shifted(n) for n in range(12)]
    values = [40, 42, 38, 45, 44, 41, 39, 43, 46, 40, 41, 96]
    assert describe("Crimes", periods, {"Race": values}) == (
        "Crimes, April 2019 to March 2020. Race: lowest 38 in June 2019, highest 96 in "
        "March 2020, latest 96 in March 2020."
    )


def test_the_council_areas_are_parts_of_the_force_area(demo_partnership):
    parts = {area.name: area.part_of.name if area.part_of else None for area in Area.objects.all()}
    assert parts == {
        "Durham police force area": None,
        "County Durham": "Durham police force area",
        "Darlington": "Durham police force area",
    }

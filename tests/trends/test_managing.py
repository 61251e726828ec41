"""The secretariat imports figures in the browser, downloads templates, and sets up
measures, areas and the small-number threshold; everyone's exports hide small numbers."""

import csv
import datetime
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from partners.models import Membership
from tests import factories
from trends.models import PART_OF_ITSELF, Count, Measure
from trends.suppression import SMALL_REASON, WITHHELD_REASON

from .conftest import LONG_HEADER, csv_bytes
from .test_pages import APRIL, MAY, by_strand, text_of

pytestmark = pytest.mark.django_db


def url(name, partnership, **kwargs):
    return reverse(f"trends:{name}", kwargs={"slug": partnership.slug, **kwargs})


def upload(rows, name="counts.csv"):
    return SimpleUploadedFile(name, csv_bytes(rows), content_type="text/csv")


GOOD_ROWS = [
    LONG_HEADER[:5],
    ["2020/21 Q1", "County Durham", "All strands", "Recorded hate crimes", "190"],
    ["2020/21 Q1", "Darlington", "All strands", "Recorded hate crimes", "31"],
]


def test_the_secretariat_imports_a_file(client, personas, statistics):
    client.force_login(personas.secretariat)
    response = client.post(
        url("import", personas.partnership), {"file": upload(GOOD_ROWS)}, follow=True
    )
    assert "2 counts imported from counts.csv." in text_of(response)
    assert Count.objects.count() == 2
    batch = personas.partnership.statistics_imports.get()
    assert (batch.imported_by, batch.rows) == (personas.secretariat, 2)


def test_a_bad_file_lists_its_problems_and_imports_nothing(client, personas, statistics):
    client.force_login(personas.secretariat)
    rows = [*GOOD_ROWS, ["2020/21 Q1", "Darlington", "Unicorns", "Recorded hate crimes", "-1"]]
    response = client.post(url("import", personas.partnership), {"file": upload(rows)})
    page = text_of(response)
    assert response.status_code == 200
    assert "There is a problem The file has 2 problems, so nothing was imported" in page
    assert "4 Strand “Unicorns” is not a strand" in page
    assert "4 Count -1 is negative: counts are 0 or more" in page
    assert not Count.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose a file to import"),
        ({"file": SimpleUploadedFile("counts.pdf", b"%PDF-1.4")}, "must be a CSV file (.csv)"),
        ({"file": SimpleUploadedFile("counts.csv", b"")}, "The submitted file is empty"),
        ({"file": SimpleUploadedFile("c.csv", b"a,b\n1,2\n")}, "The first row must name"),
    ],
)
def test_the_import_form_explains_what_is_wrong(client, personas, statistics, data, message):
    client.force_login(personas.secretariat)
    response = client.post(url("import", personas.partnership), data)
    assert message in text_of(response)
    assert not Count.objects.exists()


def test_a_file_over_the_size_limit_is_refused(client, personas, statistics, settings):
    settings.UPLOAD_MAX_BYTES = 50
    client.force_login(personas.secretariat)
    response = client.post(url("import", personas.partnership), {"file": upload(GOOD_ROWS)})
    assert "The file must be smaller than 50 bytes" in text_of(response)


def test_only_the_secretariat_is_offered_the_import_and_set_up(client, personas, statistics):
    client.force_login(personas.chair)
    page = text_of(client.get(url("index", personas.partnership)))
    assert "Import figures" not in page
    assert "Setting up" not in page
    client.force_login(personas.secretariat)
    page = text_of(client.get(url("index", personas.partnership)))
    assert "Import figures" in page
    assert "Setting up" in page


@pytest.mark.parametrize("layout", ["long", "wide"])
def test_the_templates_import_as_they_are(client, personas, statistics, layout):
    client.force_login(personas.secretariat)
    for format in ("csv", "xlsx"):
        response = client.get(url("template", personas.partnership, layout=layout, format=format))
        assert response["Content-Disposition"].endswith(f'counts-{layout}-layout.{format}"')
        Count.objects.all().delete()
        upload_file = SimpleUploadedFile(f"template.{format}", response.content)
        response = client.post(url("import", personas.partnership), {"file": upload_file})
        assert response.status_code == 302, text_of(response)
        assert Count.objects.filter(measure=statistics.crimes, value=20).exists()


def exported(client, partnership, format, **kwargs) -> list[list]:
    name = "measure-export" if kwargs else "export"
    response = client.get(url(name, partnership, format=format, **kwargs))
    assert response.status_code == 200
    if format == "csv":
        return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [
        [cell if cell is not None else "" for cell in row]
        for row in sheet.iter_rows(values_only=True)
    ]


@pytest.mark.parametrize("format", ["csv", "xlsx"])
def test_exports_hide_small_numbers_even_from_the_secretariat(client, personas, statistics, format):
    by_strand(statistics, APRIL, {None: 52, "race": 40, "religion": 3, "disability": 9})
    by_strand(statistics, MAY, {None: 60, "race": 42, "religion": 8, "disability": 10})
    client.force_login(personas.secretariat)
    rows = exported(client, personas.partnership, format, measure=statistics.crimes.slug)
    assert rows[0] == [
        "Period",
        "Area",
        "Strand",
        "Measure",
        "Count",
        "Source",
        "Note",
        "Illustrative",
    ]
    counts = {(row[0], row[2]): str(row[4]) for row in rows[1:]}
    assert counts == {
        ("April 2019", "All strands"): "52",
        ("April 2019", "Race"): "40",
        ("April 2019", "Religion or belief"): "fewer than 5",
        ("April 2019", "Disability"): "withheld",
        ("May 2019", "All strands"): "60",
        ("May 2019", "Race"): "42",
        ("May 2019", "Religion or belief"): "8",
        ("May 2019", "Disability"): "10",
    }
    notes = {(row[0], row[2]): row[6] for row in rows[1:]}
    assert notes[("April 2019", "Religion or belief")] == SMALL_REASON.format(threshold=5)
    assert notes[("April 2019", "Disability")] == WITHHELD_REASON
    assert len(exported(client, personas.partnership, format)) == 9, "every measure's counts"


def test_exports_label_illustrative_counts_and_neutralise_formulae(client, personas, statistics):
    factories.CountFactory(
        measure=statistics.crimes, area=statistics.durham, illustrative=True, note="=SUM(A1:A9)"
    )
    client.force_login(personas.chair)
    row = exported(client, personas.partnership, "csv")[1]
    assert row[6:] == ["'=SUM(A1:A9)", "Illustrative, not real"]


def test_the_secretariat_adds_and_edits_a_measure(client, personas, statistics):
    client.force_login(personas.secretariat)
    objective = factories.ObjectiveFactory(plan=personas.plan, label="b")
    response = client.post(
        url("measure-add", personas.partnership),
        {"name": " Third-party  reports ", "good_direction": "up", "objectives": [objective.pk]},
        follow=True,
    )
    assert "“Third-party reports” has been saved." in text_of(response)
    measure = Measure.objects.get(name="Third-party reports")
    assert (measure.slug, list(measure.objectives.all())) == ("third-party-reports", [objective])
    response = client.post(
        url("measure-edit", personas.partnership, measure=measure.slug),
        {"name": "Third-party reports received", "good_direction": "up"},
    )
    measure.refresh_from_db()
    assert response["Location"] == measure.get_absolute_url()
    assert (measure.name, measure.slug) == ("Third-party reports received", "third-party-reports")
    assert not measure.objectives.exists()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Enter the measure's name"),
        ("recorded HATE crimes", "The partnership already has a measure with that name"),
        ("Recorded-hate crimes", "The partnership already has a measure with that name"),
        ("!!!", "The name must include letters or numbers"),
    ],
)
def test_a_measure_needs_a_new_name(client, personas, statistics, name, message):
    client.force_login(personas.secretariat)
    response = client.post(
        url("measure-add", personas.partnership), {"name": name, "good_direction": "up"}
    )
    assert message in text_of(response)


def test_a_measure_named_like_a_page_gets_its_own_address(client, personas):
    client.force_login(personas.secretariat)
    client.post(
        url("measure-add", personas.partnership), {"name": "Import", "good_direction": "up"}
    )
    measure = Measure.objects.get(name="Import")
    assert measure.slug == "import-measure"
    assert client.get(measure.get_absolute_url()).status_code == 200


def test_the_secretariat_adds_an_area_once(client, personas, statistics):
    client.force_login(personas.secretariat)
    response = client.post(
        url("area-add", personas.partnership), {"name": "Sedgefield"}, follow=True
    )
    assert "“Sedgefield” has been added." in text_of(response)
    response = client.post(url("area-add", personas.partnership), {"name": "darlington"})
    assert "The partnership already has an area with that name" in text_of(response)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0", "The number must be 1 or more"),
        ("", "Enter the number below which"),
        ("x", "Enter a whole number"),
    ],
)
def test_the_threshold_is_at_least_one(client, personas, value, message):
    client.force_login(personas.secretariat)
    response = client.post(
        url("small-numbers", personas.partnership), {"small_number_threshold": value}
    )
    assert message in text_of(response)
    personas.partnership.refresh_from_db()
    assert personas.partnership.small_number_threshold == 5


def test_a_higher_threshold_hides_more(client, personas, statistics):
    factories.CountFactory(measure=statistics.crimes, area=statistics.durham, value=8)
    client.force_login(personas.secretariat)
    response = client.post(
        url("small-numbers", personas.partnership), {"small_number_threshold": "10"}, follow=True
    )
    assert "Counts below 10 are now hidden." in text_of(response)
    client.force_login(personas.chair)
    assert "April 2019 fewer than 10" in text_of(client.get(statistics.crimes.get_absolute_url()))


def test_the_import_command_imports_and_reports_progress(personas, statistics, tmp_path):
    from django.core.management import call_command

    path = tmp_path / "counts.csv"
    path.write_bytes(csv_bytes(GOOD_ROWS))
    output = io.StringIO()
    call_command(
        "import_statistics", str(path), partnership=personas.partnership.slug, stdout=output
    )
    assert "2 counts are fine. Importing…" in output.getvalue()
    assert "Imported 2 counts, replacing 0 held before." in output.getvalue()
    assert Count.objects.get(area=statistics.darlington).period_start == datetime.date(2020, 4, 1)


def test_the_secretariat_adds_the_usual_measures_once(client, personas, statistics):
    client.force_login(personas.secretariat)
    response = client.post(url("usual-measures-add", personas.partnership), follow=True)
    assert "Added: Non-crime hate incidents, Third-party reports." in text_of(response)
    third_party = Measure.objects.get(name="Third-party reports")
    assert third_party.good_direction == Measure.Direction.UP
    response = client.post(url("usual-measures-add", personas.partnership), follow=True)
    assert "The partnership has every usual measure already." in text_of(response)
    assert personas.partnership.measures.count() == 4


def test_the_secretariat_makes_an_area_part_of_a_larger_one(client, personas, statistics):
    client.force_login(personas.secretariat)
    force = factories.AreaFactory(partnership=personas.partnership, name="Force area")
    response = client.post(
        url("area-add", personas.partnership),
        {"name": "Sedgefield", "part_of": force.pk},
        follow=True,
    )
    assert "“Sedgefield” has been added." in text_of(response)
    response = client.post(
        url("area-edit", personas.partnership, pk=statistics.durham.pk),
        {"name": "County Durham", "part_of": force.pk},
        follow=True,
    )
    page = text_of(response)
    assert "“County Durham” has been saved." in page
    assert "County Durham, part of Force area Edit County Durham" in page
    assert "Sedgefield, part of Force area" in page
    response = client.post(
        url("area-edit", personas.partnership, pk=force.pk),
        {"name": "Force area", "part_of": statistics.durham.pk},
    )
    assert PART_OF_ITSELF in text_of(response)
    force.refresh_from_db()
    assert force.part_of is None


def test_an_area_is_not_offered_as_part_of_itself_or_another_partnership_s(
    client, personas, statistics
):
    elsewhere = factories.AreaFactory(name="Elsewhere")
    client.force_login(personas.secretariat)
    response = client.get(url("area-edit", personas.partnership, pk=statistics.durham.pk))
    choices = list(response.context["form"].fields["part_of"].queryset)
    assert choices == [statistics.darlington]
    assert elsewhere not in choices


def test_a_file_with_many_bad_rows_lists_the_first_100_and_offers_them_all(
    client, personas, statistics
):
    """20,000 bad rows once made a 26.9 MB page."""
    client.force_login(personas.secretariat)
    bad = ["2020/21 Q1", "Darlington", "All strands", "Recorded hate crimes", "lots"]
    response = client.post(
        url("import", personas.partnership), {"file": upload([LONG_HEADER[:5], *[bad] * 20_000])}
    )
    page = text_of(response)
    assert len(response.content) < 200_000
    assert "The file has 20000 problems, so nothing was imported" in page
    assert page.count("“lots” is not a number") == 100
    assert "These are the first 100 of the file's 20,000 problems." in page
    link = re.search(r'href="([^"]+/import/problems/[^"]+\.csv)"', response.content.decode())[1]
    download = client.get(link)
    assert download["Content-Disposition"] == 'attachment; filename="problems.csv"'
    problems = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert problems[0] == ["Row", "Column", "Problem"]
    assert problems[1] == ["2", "Count", "“lots” is not a number"]
    assert len(problems) == 20_001
    assert not Count.objects.exists()

    other = factories.PersonFactory(username="another.secretary")
    factories.MembershipFactory(
        partnership=personas.partnership, person=other, role=Membership.Role.SECRETARIAT
    )
    client.force_login(other)
    assert client.get(link).status_code == 404, "the list is only for who uploaded the file"
    client.force_login(personas.chair)
    assert client.get(link).status_code == 403


def test_a_file_with_a_few_bad_rows_lists_them_all_with_nothing_to_download(
    client, personas, statistics
):
    client.force_login(personas.secretariat)
    bad = ["2020/21 Q1", "Darlington", "All strands", "Recorded hate crimes", "lots"]
    response = client.post(
        url("import", personas.partnership), {"file": upload([LONG_HEADER[:5], *[bad] * 100])}
    )
    assert text_of(response).count("“lots” is not a number") == 100
    assert "/import/problems/" not in response.content.decode()


def test_text_the_service_cannot_hold_is_a_problem_in_its_row_and_column(
    client, personas, statistics
):
    """Each of these was a server error, with nothing written."""
    client.force_login(personas.secretariat)
    good = ["2020/21 Q1", "Darlington", "All strands", "Recorded hate crimes", "31"]
    rows = [
        LONG_HEADER,
        [*good, "Police", "Revised\x00"],
        [*good[:2], "Race", *good[3:], "Pol\x00ice", ""],
        [*good[:2], "Religion or belief", *good[3:], "x" * 301, ""],
        [*good[:2], "Disability", *good[3:], "", "y" * 1001],
    ]
    response = client.post(url("import", personas.partnership), {"file": upload(rows)})
    page = text_of(response)
    assert response.status_code == 200
    assert "The file has 4 problems, so nothing was imported" in page
    assert "2 Note Holds a null character, which is not text" in page
    assert "3 Source Holds a null character" in page
    assert "4 Source Source must be 300 characters or fewer: this one has 301" in page
    assert "5 Note Note must be 1,000 characters or fewer: this one has 1,001" in page
    assert not Count.objects.exists()


def test_an_import_that_replaces_counts_is_confirmed_first_with_what_it_replaces(
    client, personas, statistics
):
    client.force_login(personas.secretariat)
    client.post(url("import", personas.partnership), {"file": upload(GOOD_ROWS)})
    revised = [
        LONG_HEADER[:5],
        ["2020/21 Q1", "County Durham", "All strands", "Recorded hate crimes", "195"],
        ["2020/21 Q1", "Darlington", "Race", "Recorded hate crimes", "12"],
    ]
    response = client.post(
        url("import", personas.partnership),
        {"file": upload(revised, name="revised.csv"), "illustrative": "on"},
    )
    page = text_of(response)
    assert "Replace 2 counts with revised.csv?" in page
    assert "Nothing has been imported yet." in page
    assert "1 of them has no count in the file and will be deleted" in page
    assert "Recorded hate crimes 2020/21 Q1 County Durham All strands 190 195" in page
    assert "Recorded hate crimes 2020/21 Q1 Darlington All strands 31 Deleted" in page
    assert sorted(Count.objects.values_list("value", flat=True)) == [31, 190], "nothing written"
    assert personas.partnership.statistics_imports.count() == 1

    token = re.search(r'name="token" value="([^"]+)"', response.content.decode())[1]
    other = factories.PersonFactory(username="another.secretary")
    factories.MembershipFactory(
        partnership=personas.partnership, person=other, role=Membership.Role.SECRETARIAT
    )
    client.force_login(other)
    confirm = url("import-confirm", personas.partnership)
    refused = client.post(confirm, {"token": token}, follow=True)
    assert "The file is no longer kept, so nothing was imported" in text_of(refused)
    assert sorted(Count.objects.values_list("value", flat=True)) == [31, 190]

    client.force_login(personas.secretariat)
    response = client.post(confirm, {"token": token, "illustrative": "True"}, follow=True)
    assert "2 counts imported from revised.csv, replacing 2 held before." in text_of(response)
    assert sorted(Count.objects.values_list("value", flat=True)) == [12, 195]
    assert all(Count.objects.values_list("illustrative", flat=True))
    again = client.post(confirm, {"token": token}, follow=True)
    assert "The file is no longer kept" in text_of(again), "a confirmation imports once"
    assert personas.partnership.statistics_imports.count() == 2

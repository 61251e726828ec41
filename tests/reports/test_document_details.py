"""Documents from small plans: how leads, points, formulae and pasted text come out."""

import csv
import datetime
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from reports.models import GeneratedReport
from reports.selectors import SPREADSHEET_COLUMNS
from reports.services import render_document
from tests import factories
from tests.reports.documents import document, pdf_text
from tests.reports.factories import CommitteeReportFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2018, 12, 14)


def test_three_leads_read_as_prose_in_the_docx_pdf_and_spreadsheet(personas):
    workstream = factories.WorkstreamFactory(
        plan=personas.plan, letter="E", title="Map support for victims",
        lead_organisations=[personas.police, personas.council, personas.commissioner],
    )  # fmt: skip
    factories.ActionFactory(workstream=workstream, label="i")
    leads = "Office of the Test Commissioner, Test Borough Council and Test Constabulary"
    docx = Document(io.BytesIO(document(personas.plan, "docx")))
    assert f"Lead organisations: {leads}" in [p.text for p in docx.paragraphs]
    assert docx.tables[0].rows[-1].cells[1].text == leads
    pdf = " ".join(pdf_text(document(personas.plan, "pdf")).split())
    assert f"Lead organisations: {leads}" in pdf
    workbook = load_workbook(io.BytesIO(document(personas.plan, "xlsx")))
    assert workbook["Actions"]["D2"].value == leads


def test_prose_lines_starting_with_a_dash_are_lettered_points(personas):
    report = CommitteeReportFactory(
        plan=personas.plan,
        recommendations="The committee is recommended to:\n- note the report\n\n- comment on it",
    )
    docx = Document(io.BytesIO(render_document(
        plan=personas.plan, format="docx", report=report, today=timezone.localdate()
    )))  # fmt: skip
    texts = [paragraph.text for paragraph in docx.paragraphs]
    recommendations = texts.index("Recommendations")
    assert texts[recommendations + 1].endswith("\tThe committee is recommended to:")
    assert texts[recommendations + 2 : recommendations + 4] == [
        "a\tnote the report", "b\tcomment on it",
    ]  # fmt: skip


@pytest.mark.parametrize("title", ["Aims", "Background", "Future meetings"])
def test_the_outline_follows_the_plan_section_once_whatever_the_plan_is_called(personas, title):
    personas.plan.title = title
    personas.plan.save()
    factories.ObjectiveFactory(plan=personas.plan, title="Increase reporting")
    factories.ActionFactory(workstream=personas.police_workstream, label="i", text="Map routes")
    docx = Document(io.BytesIO(document(personas.plan, "docx")))
    texts = [paragraph.text for paragraph in docx.paragraphs]
    assert sum(text.startswith("B. ") for text in texts) == 1
    assert len(docx.tables) == 1, "one table of where each workstream stands"
    pdf = " ".join(pdf_text(document(personas.plan, "pdf")).split())
    assert pdf.count("Map routes") == 1


def test_a_sub_item_takes_its_actions_owner_and_target_date_unless_it_has_its_own(personas):
    action = factories.ActionFactory(
        workstream=personas.police_workstream, label="i", text="Review reporting routes",
        owner_organisation=personas.council, target_date=datetime.date(2019, 3, 31),
    )  # fmt: skip
    factories.SubItemFactory(parent=action, label="a", text="Online routes")
    factories.SubItemFactory(
        parent=action, label="b", text="Third-party centres",
        owner_organisation=personas.commissioner, target_date=datetime.date(2018, 12, 31),
    )  # fmt: skip
    workbook = load_workbook(io.BytesIO(document(personas.plan, "xlsx")))
    rows = {row[1]: row for row in workbook["Actions"].iter_rows(min_row=2, values_only=True)}
    owner, target = SPREADSHEET_COLUMNS.index("Owner"), SPREADSHEET_COLUMNS.index("Target date")
    assert (rows["B.i.a"][owner], rows["B.i.a"][target].date()) == (
        "Test Borough Council", datetime.date(2019, 3, 31),
    )  # fmt: skip
    assert (rows["B.i.b"][owner], rows["B.i.b"][target].date()) == (
        "Office of the Test Commissioner", datetime.date(2018, 12, 31),
    )  # fmt: skip
    csv_rows = {
        row[1]: row
        for row in csv.reader(io.StringIO(document(personas.plan, "csv").decode("utf-8-sig")))
    }
    assert (csv_rows["B.i.a"][owner], csv_rows["B.i.a"][target]) == (
        "Test Borough Council", "2019-03-31",
    )  # fmt: skip


def test_a_narrative_that_looks_like_a_formula_stays_text(personas):
    action = factories.ActionFactory(workstream=personas.police_workstream, label="i")
    factories.ProgressUpdateFactory(action=action, narrative="=1+1", as_at=timezone.localdate())
    workbook = load_workbook(io.BytesIO(document(personas.plan, "xlsx")))
    cell = workbook["Actions"]["L2"]
    assert (cell.value, cell.data_type) == ("'=1+1", "s")
    rows = list(csv.reader(io.StringIO(document(personas.plan, "csv").decode("utf-8-sig"))))
    assert rows[1][11] == "'=1+1"


# Word's Shift+Enter pastes a vertical tab; \x01 stands for any other control character.
PASTED_NARRATIVE = "Venue booked.\x0bSpeakers confirmed.\x01"


@pytest.fixture
def pasted_narrative(personas):
    action = factories.ActionFactory(workstream=personas.police_workstream, label="i")
    factories.ProgressUpdateFactory(
        action=action, narrative=PASTED_NARRATIVE, as_at=timezone.localdate()
    )
    return personas.plan


def test_a_pasted_control_character_does_not_break_the_docx(pasted_narrative):
    docx = Document(io.BytesIO(document(pasted_narrative, "docx")))
    text = "\n".join(paragraph.text for paragraph in docx.paragraphs)
    assert "Venue booked.\nSpeakers confirmed." in text, "the vertical tab is a line break"
    assert "\x01" not in text


def test_a_pasted_control_character_does_not_break_the_pdf(pasted_narrative):
    assert "Venue booked. Speakers confirmed." in " ".join(
        pdf_text(document(pasted_narrative, "pdf")).split()
    )


def test_a_pasted_control_character_does_not_break_the_spreadsheets(pasted_narrative):
    workbook = load_workbook(io.BytesIO(document(pasted_narrative, "xlsx")))
    assert workbook["Actions"]["L2"].value == "Venue booked.\nSpeakers confirmed."
    csv_rows = list(csv.reader(io.StringIO(document(pasted_narrative, "csv").decode("utf-8-sig"))))
    assert csv_rows[1][11] == "Venue booked.\nSpeakers confirmed."


def test_the_command_explains_itself():
    result = subprocess.run(
        [sys.executable, "manage.py", "export_committee_report", "--help"],
        cwd=Path(__file__).resolve().parents[2], env={**os.environ, "DEBUG": "true"},
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0
    assert "--format {docx,pdf,xlsx,csv}" in result.stdout


def test_a_status_revised_on_review_is_the_one_reported_beside_the_leads(personas):
    action = factories.ActionFactory(workstream=personas.police_workstream, label="i")
    update = factories.ProgressUpdateFactory(
        action=action, narrative="Going well.", as_at=timezone.localdate()
    )
    factories.StatusReviewFactory(
        update=update, reviewer=personas.chair, outcome="revised", status="off-track",
        comment="Two partners are late",
    )  # fmt: skip
    docx = Document(io.BytesIO(document(personas.plan, "docx")))
    [progress] = [p.text for p in docx.paragraphs if p.text.startswith("Progress: ")]
    assert progress.startswith("Progress: Off track, 25% complete (as at ")
    assert progress.endswith(
        "), revised on review (the lead reported on track). Going well. "
        "The reason: “Two partners are late”"
    )
    assert docx.tables[0].rows[1].cells[2].text == "Off track"
    assert docx.tables[0].rows[1].cells[4].text == "1 revised"
    row = next(load_workbook(io.BytesIO(document(personas.plan, "xlsx")))["Actions"].iter_rows(
        min_row=2, values_only=True
    ))  # fmt: skip
    assert row[6:10] == (
        "Off track", 25, "Revised (the lead reported On track)", "Two partners are late",
    )  # fmt: skip


@pytest.mark.parametrize("tasks", [0, 38])
def test_the_pdf_keeps_the_contacts_on_the_page_of_the_recommendations(personas, tasks):
    """With no work planned, or 38 tasks, the contacts once began the next page."""
    report = CommitteeReportFactory(
        plan=personas.plan,
        committee_date=TODAY,
        future_work="\n".join(f"Task {n} of the group, with words enough for a line" for n in
                               range(tasks)),
        recommendations="The committee is recommended to note the report.",
        contacts="A. Person, Officer\nOffice of the Commissioner\na@example.org\n\n"
        "B. Person, Officer\nTest Constabulary\nb@example.org",
    )  # fmt: skip
    data = render_document(plan=personas.plan, format="pdf", report=report, today=TODAY)
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]
    [recommended] = [i for i, text in enumerate(pages) if "recommended to note" in text]
    [last_contact] = [i for i, text in enumerate(pages) if "b@example.org" in text]
    assert recommended == last_contact


def test_the_reports_statistics_hide_small_numbers_whoever_generates_it(client, personas):
    """The secretariat sees small numbers on the trend pages; a report leaves the
    service, so in it they are hidden as for everyone (trends.selectors, not a copy)."""
    factories.monthly_counts(personas.partnership, 14, values=[20] * 13 + [3])
    client.force_login(personas.secretariat)
    report = CommitteeReportFactory(plan=personas.plan, committee_date=timezone.localdate())
    response = client.post(reverse("reports:report-generate", args=[report.pk]), {"format": "docx"})
    docx = Document(GeneratedReport.objects.get(pk=response["Location"].split("/")[-2]).document)
    [figures] = [[c.text for c in row.cells] for row in docx.tables[1].rows[1:]]
    assert figures[1:3] == ["May 2016", "fewer than 5"]
    assert figures[3:] == ["–", "–"], "no change that would give the count away"

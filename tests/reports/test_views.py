"""The committee-report builder, generating documents, and their history."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from partners.models import Membership
from reports.models import CommitteeReport, GeneratedReport
from reports.services import document_generate
from tests import factories
from tests.reports.factories import CommitteeReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(personas):
    return CommitteeReport.objects.create(
        plan=personas.plan, title="Hate crime update", committee="Scrutiny Committee",
        committee_date=datetime.date(2018, 9, 21), report_of="A. Officer, Chief of Staff",
        purpose="To update the committee.", recommendations="To note the report.",
        future_work="Monitor progress",
    )  # fmt: skip


def builder_data(**overrides):
    data = {
        "title": "Hate crime update", "committee": "Scrutiny Committee",
        "committee_date_0": "14", "committee_date_1": "12", "committee_date_2": "2018",
        "report_of": "A. Officer, Chief of Staff", "purpose": "To update the committee.",
        "recommendations": "To note the report.", "version": "1",
    }  # fmt: skip
    data |= {f"implication_{index}": "N/A" for index in range(11)}
    return data | overrides


def download(client, response):
    assert response.status_code == 302, response.status_code
    downloaded = client.get(response["Location"])
    return b"".join(downloaded.streaming_content), downloaded


def write_and_generate(client, plan, report, expected_status):
    """Write a new report, edit one, and generate a report and a plan export."""
    writes = [
        (reverse("reports:report-new", args=[plan.slug]), builder_data(title="New")),
        (reverse("reports:report-edit", args=[report.pk]), builder_data(title="Edited")),
        (reverse("reports:report-generate", args=[report.pk]), {"format": "docx"}),
        (reverse("reports:plan-export", args=[plan.slug]), {"format": "csv"}),
    ]
    for url, data in writes:
        assert client.post(url, data).status_code == expected_status, url
    allowed = expected_status == 302
    assert CommitteeReport.objects.filter(title="New").exists() is allowed
    assert CommitteeReport.objects.filter(title="Edited").exists() is allowed
    assert GeneratedReport.objects.count() == (2 if allowed else 0)


@pytest.mark.parametrize(
    ("persona", "status"),
    [("secretariat", 302), ("chair", 302), ("police_lead", 403), ("council_lead", 403),
     ("community_member", 403), ("outsider", 404)],
)  # fmt: skip
def test_only_the_chair_and_secretariat_write_and_generate(
    client, personas, report, persona, status
):
    client.force_login(getattr(personas, persona))
    write_and_generate(client, personas.plan, report, status)


def test_a_vice_chair_writes_and_generates_as_the_chair_does(client, personas, report):
    """Vice-chairs run the group with the chair (partners.rules.CHAIR_ROLES)."""
    vice_chair = factories.PersonFactory(username="vice.chair", organisation=personas.council)
    factories.MembershipFactory(
        partnership=personas.partnership, person=vice_chair, role=Membership.Role.VICE_CHAIR
    )
    client.force_login(vice_chair)
    write_and_generate(client, personas.plan, report, 302)


def test_the_report_list_runs_a_fixed_number_of_queries(
    client, personas, report, django_assert_max_num_queries
):
    for _ in range(3):
        saved = CommitteeReportFactory(plan=personas.plan, saved_by=personas.chair)
        for format in ["docx", "csv"]:
            document_generate(
                plan=personas.plan, format=format, report=saved, generated_by=personas.chair,
                today=datetime.date(2018, 9, 21),
            )  # fmt: skip
    client.force_login(personas.secretariat)
    # 1 session, 1 user, 1 plan, 1 the viewer's memberships (may they generate?), 1 saved
    # reports with who saved them, 1 documents with their report and who generated them
    with django_assert_max_num_queries(6):
        response = client.get(reverse("reports:report-list", args=[personas.plan.slug]))
    assert response.content.decode().count('href="/generated/') == 6


def test_the_builder_runs_a_fixed_number_of_queries(
    client, personas, report, django_assert_max_num_queries
):
    client.force_login(personas.chair)
    # 1 session, 1 user, 1 plan, 1 the viewer's memberships, 1 the latest report to start from
    with django_assert_max_num_queries(5):
        assert (
            client.get(reverse("reports:report-new", args=[personas.plan.slug])).status_code == 200
        )
    # 1 session, 1 user, 1 the report with its plan and partnership, 1 the viewer's memberships
    with django_assert_max_num_queries(4):
        assert client.get(reverse("reports:report-edit", args=[report.pk])).status_code == 200


# Each character a spreadsheet could take as the start of a formula.
FORMULA_STARTS = ["=1+1", "+1", "-1", "@SUM(A1)", "\tTab", "\rReturn"]


@pytest.mark.parametrize("format", ["xlsx", "csv"])
def test_every_formula_start_is_neutralised_in_the_downloads(client, personas, format):
    for position, narrative in enumerate(FORMULA_STARTS, start=1):
        action = factories.ActionFactory(
            workstream=personas.police_workstream, position=position, text=f"{narrative} text"
        )
        factories.ProgressUpdateFactory(action=action, narrative=narrative)
    client.force_login(personas.secretariat)
    data, downloaded = download(
        client,
        client.post(reverse("reports:plan-export", args=[personas.plan.slug]), {"format": format}),
    )
    if format == "xlsx":
        rows = list(load_workbook(io.BytesIO(data))["Actions"].iter_rows(values_only=True))
    else:
        assert downloaded["Content-Type"] == "text/csv; charset=utf-8"
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    action_texts = [row[2] for row in rows[1:]]
    narratives = [row[11] for row in rows[1:]]
    assert narratives == [f"'{narrative}" for narrative in FORMULA_STARTS]
    assert action_texts == [f"'{narrative} text" for narrative in FORMULA_STARTS]


def test_members_download_what_was_generated_and_outsiders_do_not(client, personas, report):
    client.force_login(personas.secretariat)
    response = client.post(reverse("reports:report-generate", args=[report.pk]), {"format": "pdf"})
    url = response["Location"]
    client.force_login(personas.community_member)
    listing = client.get(reverse("reports:report-list", args=[personas.plan.slug]))
    assert "Write a committee report" not in listing.content.decode()
    assert url in listing.content.decode()
    downloaded = client.get(url)
    assert downloaded["Content-Type"] == "application/pdf"
    assert downloaded["Content-Disposition"].startswith("attachment;")
    client.force_login(personas.outsider)
    assert client.get(url).status_code == 404
    assert client.get(reverse("reports:report-list", args=[personas.plan.slug])).status_code == 404


def test_a_generated_document_downloads_again_exactly_as_it_was(client, personas, report):
    action = factories.ActionFactory(workstream=personas.police_workstream, text="Map reporting")
    client.force_login(personas.secretariat)
    generate = reverse("reports:report-generate", args=[report.pk])
    first, _ = download(client, client.post(generate, {"format": "docx"}))
    factories.ProgressUpdateFactory(
        action=action, status="off-track", narrative="Stalled", as_at=report.committee_date
    )
    second, _ = download(client, client.post(generate, {"format": "docx"}))
    assert first != second
    older = GeneratedReport.objects.order_by("generated_at", "pk").first()
    again = b"".join(
        client.get(reverse("reports:generated-download", args=[older.pk])).streaming_content
    )
    assert again == first
    assert older.generated_by == personas.secretariat
    assert "Stalled" not in "\n".join(p.text for p in Document(io.BytesIO(again)).paragraphs)


def test_a_new_report_starts_from_the_last_ones_wording(client, personas, report):
    client.force_login(personas.chair)
    form = client.get(reverse("reports:report-new", args=[personas.plan.slug])).context["form"]
    assert form.initial["purpose"] == "To update the committee."
    assert form.initial["future_work"] == "Monitor progress"
    assert form.initial["committee_date"] == datetime.date.today()
    response = client.post(reverse("reports:report-new", args=[personas.plan.slug]), builder_data())
    assert response.status_code == 302
    assert CommitteeReport.objects.count() == 2, "the earlier report is kept"


def test_the_builder_explains_what_is_missing(client, personas):
    client.force_login(personas.secretariat)
    response = client.post(
        reverse("reports:report-new", args=[personas.plan.slug]),
        builder_data(recommendations="", committee_date_1="13"),
    )
    content = response.content.decode()
    assert "There is a problem" in content
    assert "Enter the recommendations" in content
    assert "must be a real date" in content
    assert not CommitteeReport.objects.exists()


def test_implications_default_to_not_applicable(client, personas):
    client.force_login(personas.secretariat)
    data = builder_data(implication_5="A key focus for the group")
    data["implication_0"] = " "
    client.post(reverse("reports:report-new", args=[personas.plan.slug]), data)
    implications = CommitteeReport.objects.get().implications
    assert implications["Finance"] == "N/A"
    assert implications["Crime and Disorder"] == "A key focus for the group"


def test_an_unknown_format_is_refused(client, personas, report):
    client.force_login(personas.secretariat)
    url = reverse("reports:report-generate", args=[report.pk])
    assert client.post(url, {"format": "xlsx"}).status_code == 404
    assert client.post(url, {"format": "exe"}).status_code == 404
    assert not GeneratedReport.objects.exists()


def test_the_builder_saves_the_reports_own_wording_of_the_chair_and_aims(client, personas):
    client.force_login(personas.secretariat)
    wording = {
        "chaired_from": "the Office of the Commissioner",
        "priorities_introduction": "Ron's plan has these priorities:",
        "objectives_introduction": "The group agreed these objectives:",
    }
    response = client.post(
        reverse("reports:report-new", args=[personas.plan.slug]), builder_data(**wording)
    )
    assert response.status_code == 302
    saved = CommitteeReport.objects.get()
    assert {name: getattr(saved, name) for name in wording} == wording
    form = client.get(reverse("reports:report-new", args=[personas.plan.slug])).context["form"]
    assert form.initial["chaired_from"] == "the Office of the Commissioner", "carried forward"

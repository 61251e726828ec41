"""The committee-report builder, generating documents, and their history."""

import datetime
import io

import pytest
from django.urls import reverse
from docx import Document

from reports.models import CommitteeReport, GeneratedReport
from tests import factories

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
        "recommendations": "To note the report.",
    }  # fmt: skip
    data |= {f"implication_{index}": "N/A" for index in range(11)}
    return data | overrides


def download(client, response):
    assert response.status_code == 302, response.status_code
    downloaded = client.get(response["Location"])
    return b"".join(downloaded.streaming_content), downloaded


@pytest.mark.parametrize(
    ("persona", "status"),
    [("secretariat", 302), ("chair", 302), ("police_lead", 403), ("council_lead", 403),
     ("community_member", 403), ("outsider", 404)],
)  # fmt: skip
def test_only_the_chair_and_secretariat_write_and_generate(
    client, personas, report, persona, status
):
    client.force_login(getattr(personas, persona))
    writes = [
        (reverse("reports:report-new", args=[personas.plan.slug]), builder_data(title="New")),
        (reverse("reports:report-edit", args=[report.pk]), builder_data(title="Edited")),
        (reverse("reports:report-generate", args=[report.pk]), {"format": "docx"}),
        (reverse("reports:plan-export", args=[personas.plan.slug]), {"format": "csv"}),
    ]
    for url, data in writes:
        assert client.post(url, data).status_code == status, url
    allowed = status == 302
    assert CommitteeReport.objects.filter(title="New").exists() is allowed
    assert CommitteeReport.objects.filter(title="Edited").exists() is allowed
    assert GeneratedReport.objects.count() == (2 if allowed else 0)


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
        action=action, status="off-track", narrative="Stalled", as_at=datetime.date.today()
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

"""Two people editing one committee report's settings: the second save is refused, not
lost (hcag.editing), as for actions, meetings and project groups."""

import datetime

import pytest
from django.urls import reverse
from django.utils.html import escape

from hcag.editing import CHANGED_MEANWHILE, ChangedMeanwhile
from reports.models import CommitteeReport
from reports.services import committee_report_save
from tests.reports.test_views import builder_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(personas):
    return CommitteeReport.objects.create(
        plan=personas.plan, title="Hate crime update", committee="Scrutiny Committee",
        committee_date=datetime.date(2018, 12, 14), report_of="A. Officer, Chief of Staff",
        purpose="To update the committee.", recommendations="To note the report.",
    )  # fmt: skip


def edit_url(report):
    return reverse("reports:report-edit", args=[report.pk])


def test_a_second_save_over_someone_elses_edit_is_refused_with_their_changes(
    client, personas, report
):
    """Both open the settings at version 1. The secretariat changes the recommendations;
    the chair's later save of the purpose is refused (409), with the secretariat's change
    shown, the chair's words kept, and the recommendations not put back."""
    client.force_login(personas.secretariat)
    response = client.post(edit_url(report), builder_data(recommendations="To support it."))
    assert response.status_code == 302

    client.force_login(personas.chair)
    response = client.post(edit_url(report), builder_data(purpose="To inform the committee."))
    assert response.status_code == 409
    content = response.content.decode()
    assert escape(CHANGED_MEANWHILE) in content
    changes = [
        (change.field, change.old, change.new)
        for entry in response.context["changes_meanwhile"].entries
        for change in entry.changes
    ]
    assert ("Recommendations", "To note the report.", "To support it.") in changes
    form = response.context["form"]
    assert form["purpose"].value() == "To inform the committee.", "the chair's words are kept"
    assert form["recommendations"].value() == "To support it.", "theirs are not undone"
    assert 'name="version" value="2"' in content
    report.refresh_from_db()
    assert (report.purpose, report.recommendations, report.version) == (
        "To update the committee.", "To support it.", 2,
    )  # fmt: skip

    response = client.post(
        edit_url(report),
        builder_data(purpose="To inform the committee.", recommendations="To support it.")
        | {"version": "2"},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.purpose, report.version) == ("To inform the committee.", 3)


def test_the_same_edit_sent_twice_is_not_a_conflict(client, personas, report):
    client.force_login(personas.secretariat)
    data = builder_data(recommendations="To support it.")
    assert client.post(edit_url(report), data).status_code == 302
    response = client.post(edit_url(report), data, follow=True)
    assert response.status_code == 200
    assert "The report has been saved." in response.content.decode()
    report.refresh_from_db()
    assert report.version == 2


def test_the_service_refuses_a_stale_version(personas, report):
    first, second = (CommitteeReport.objects.get(pk=report.pk) for _ in range(2))
    fields = {
        "title": report.title, "committee": report.committee,
        "committee_date": report.committee_date, "report_of": report.report_of,
        "report_of_organisation": "", "purpose": report.purpose, "future_work": "",
        "recommendations": report.recommendations, "contacts": "",
        "implications": report.implications,
    }  # fmt: skip
    committee_report_save(report=first, saved_by=personas.secretariat, expected_version=1, **fields)
    with pytest.raises(ChangedMeanwhile):
        committee_report_save(
            report=second, saved_by=personas.chair, expected_version=1,
            **fields | {"title": "Late"},
        )  # fmt: skip
    report.refresh_from_db()
    assert (report.title, report.version, report.saved_by) == (
        "Hate crime update", 2, personas.secretariat,
    )  # fmt: skip

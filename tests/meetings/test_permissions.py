"""Who may make each change to a partnership's meetings and governance.

Every write is tried by every persona, each on a fresh database: the chair and the
secretariat may; the leads, a community member and an advisory group's representative
get 403 (except that the representative files their own group's reports); someone from
outside the partnership gets 404; anyone signed out is sent to sign in. Nothing changes
unless the write is allowed.
"""

import datetime
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings import services
from meetings.models import (
    AgendaItem,
    Attendance,
    ChairReview,
    Decision,
    Meeting,
    MeetingAction,
    Paper,
    ProjectGroup,
    Report,
    TermsOfReference,
)
from tests import factories

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%a small paper\n"
NEXT_MEETING = datetime.date(2030, 3, 11)
HELD = datetime.date(2019, 9, 9)
APPROVED_AT = datetime.date(2019, 12, 9)


@dataclass
class World:
    """What the writes act on: a meeting to come, two held ones, current terms, an
    advisory group's representative."""

    meeting: Meeting
    held: Meeting
    approving: Meeting
    terms: TermsOfReference
    advisory_rep: object


@pytest.fixture
def world(personas):
    partnership = personas.partnership
    terms = factories.TermsOfReferenceFactory(partnership=partnership, version=1)
    factories.ClauseFactory(terms=terms, number=1, body="Meet four times a year.")
    group = factories.OrganisationFactory(name="Disability IAG", kind="advisory-group")
    partnership.advised_by.add(group)
    rep = factories.PersonFactory(username="iag.rep", organisation=group)
    factories.MembershipFactory(partnership=partnership, person=rep, role="adviser")
    return World(
        meeting=services.meeting_create(partnership=partnership, date=NEXT_MEETING),
        held=factories.MeetingFactory(partnership=partnership, date=HELD, status="held"),
        approving=factories.MeetingFactory(
            partnership=partnership, date=APPROVED_AT, status="held"
        ),
        terms=terms,
        advisory_rep=rep,
    )


def item(world, kind):
    return world.meeting.agenda_items.get(kind=kind)


def date_fields(prefix, day):
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


# Each write: (personas, world) -> (url, data, a check that it took effect).


def schedule_year(p, w):
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "0",
        "form-0-start_time": "10:00",
        "form-0-end_time": "12:00",
        **date_fields("form-0-date", datetime.date(2031, 3, 10)),
    }
    return (
        reverse("meetings:schedule-year", args=[p.partnership.slug]),
        data,
        lambda: Meeting.objects.filter(date=datetime.date(2031, 3, 10)).exists(),
    )


def meeting_new(p, w):
    return (
        reverse("meetings:meeting-new", args=[p.partnership.slug]),
        {"kind": "extraordinary", **date_fields("date", datetime.date(2030, 5, 1))},
        lambda: Meeting.objects.filter(kind="extraordinary").exists(),
    )


def meeting_edit(p, w):
    data = {"kind": "quarterly", "title": "Renamed", "status": "scheduled", "version": 1,
            **date_fields("date", NEXT_MEETING)}  # fmt: skip
    return (
        reverse("meetings:meeting-edit", args=[w.meeting.pk]),
        data,
        lambda: Meeting.objects.get(pk=w.meeting.pk).title == "Renamed",
    )


def agenda_item_add(p, w):
    return (
        reverse("meetings:agenda-item-add", args=[w.meeting.pk]),
        {"item-title": "Toolkit"},
        lambda: AgendaItem.objects.filter(title="Toolkit").exists(),
    )


def agenda_item_move(p, w):
    last = item(w, "other-business")
    return (
        reverse("meetings:agenda-item-move", args=[last.pk]),
        {"direction": "up"},
        lambda: w.meeting.agenda_items.order_by("position").last().pk != last.pk,
    )


def agenda_item_remove(p, w):
    last = item(w, "other-business")
    return (
        reverse("meetings:agenda-item-remove", args=[last.pk]),
        {"papers": 0},
        lambda: not AgendaItem.objects.filter(pk=last.pk).exists(),
    )


def paper_upload(p, w):
    return (
        reverse("meetings:paper-add", args=[item(w, "welcome").pk]),
        {"title": "Report", "document": SimpleUploadedFile("r.pdf", PDF)},
        lambda: Paper.objects.exists(),
    )


def papers_publish(p, w):
    return (
        reverse("meetings:papers-publish", args=[w.meeting.pk]),
        {},
        lambda: Meeting.objects.get(pk=w.meeting.pk).papers_published_at is not None,
    )


def attendance(p, w):
    return (
        reverse("meetings:attendance", args=[w.meeting.pk]),
        {f"person_{p.chair.pk}": "apologies"},  # in advance of the meeting
        lambda: Attendance.objects.exists(),
    )


def decision_add(p, w):
    return (
        reverse("meetings:decision-add", args=[w.meeting.pk]),
        {"decision-text": "Adopt the toolkit", "decision-agenda_item": item(w, "welcome").pk},
        lambda: Decision.objects.filter(text="Adopt the toolkit").exists(),
    )


def meeting_action_add(p, w):
    return (
        reverse("meetings:meeting-action-add", args=[w.meeting.pk]),
        {"action-description": "Circulate it", "action-owner_organisation": p.police.pk},
        lambda: MeetingAction.objects.filter(description="Circulate it").exists(),
    )


def meeting_action_status(p, w):
    action = factories.MeetingActionFactory(meeting=w.held)
    return (
        reverse("meetings:meeting-action-status", args=[action.pk]),
        {"status": "done"},
        lambda: MeetingAction.objects.get(pk=action.pk).status == "done",
    )


def minutes_approve(p, w):
    return (
        reverse("meetings:minutes-approve", args=[w.held.pk]),
        {"at_meeting": w.approving.pk},
        lambda: Meeting.objects.get(pk=w.held.pk).minutes_are_approved,
    )


def terms_draft(p, w):
    return (
        reverse("meetings:terms-draft", args=[p.partnership.slug]),
        {},
        lambda: TermsOfReference.objects.filter(status="draft").exists(),
    )


def terms_edit(p, w):
    draft = services.terms_draft_create(partnership=p.partnership)
    data = {
        "preamble": "Reworded.",
        "meetings_per_year": "4",
        "chair_review_season": "spring",
        "revision": draft.revision,
        "clause_1": "Meet four times a year.",
        "clause_2": "",
    }
    return (
        reverse("meetings:terms-edit", args=[draft.pk]),
        data,
        lambda: TermsOfReference.objects.get(pk=draft.pk).preamble == "Reworded.",
    )


def terms_approve(p, w):
    draft = services.terms_draft_create(partnership=p.partnership)
    return (
        reverse("meetings:terms-compare", args=[draft.pk]),
        {"revision": draft.revision, **date_fields("approved_on", APPROVED_AT)},
        lambda: TermsOfReference.objects.get(pk=draft.pk).status == "current",
    )


def chair_review(p, w):
    return (
        reverse("meetings:chair-review", args=[p.partnership.slug]),
        {"chair": p.chair.pk, **date_fields("held_on", datetime.date(2019, 4, 1))},
        lambda: ChairReview.objects.exists(),
    )


def report_add(p, w):
    data = {"direction": "received", "organisation": w.advisory_rep.organisation.pk,
            "title": "Quarterly disability report", **date_fields("date", HELD)}  # fmt: skip
    return (
        reverse("meetings:report-add", args=[p.partnership.slug]),
        data,
        lambda: Report.objects.filter(title="Quarterly disability report").exists(),
    )


def project_group_add(p, w):
    return (
        reverse("meetings:project-group-add", args=[p.partnership.slug]),
        {"name": "Schools", "remit": "Work with schools", "status": "proposed"},
        lambda: ProjectGroup.objects.filter(name="Schools").exists(),
    )


def project_group_edit(p, w):
    group = factories.ProjectGroupFactory(partnership=p.partnership, name="Colleges")
    data = {"name": "Colleges and schools", "remit": "Work with both", "status": "active",
            "version": group.version}  # fmt: skip
    return (
        reverse("meetings:project-group-edit", args=[p.partnership.slug, group.pk]),
        data,
        lambda: ProjectGroup.objects.get(pk=group.pk).name == "Colleges and schools",
    )


WRITES = [
    schedule_year, meeting_new, meeting_edit, agenda_item_add, agenda_item_move,
    agenda_item_remove, paper_upload, papers_publish, attendance, decision_add,
    meeting_action_add, meeting_action_status, minutes_approve, terms_draft, terms_edit,
    terms_approve, chair_review, report_add, project_group_add, project_group_edit,
]  # fmt: skip
PERSONAS = [
    "secretariat", "chair", "police_lead", "council_lead", "community_member",
    "advisory_rep", "outsider", "anonymous",
]  # fmt: skip
MAY_WRITE = {"secretariat", "chair"}
MAY_ALSO = {"advisory_rep": {report_add}}


def sign_in_as(client, personas, world, persona):
    if persona == "advisory_rep":
        client.force_login(world.advisory_rep)
    elif persona != "anonymous":
        client.force_login(getattr(personas, persona))


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("write", WRITES, ids=lambda write: write.__name__)
def test_who_may_make_each_change(client, personas, world, write, persona):
    url, data, took_effect = write(personas, world)
    sign_in_as(client, personas, world, persona)
    response = client.post(url, data)
    allowed = persona in MAY_WRITE or write in MAY_ALSO.get(persona, set())
    if allowed:
        assert response.status_code == 302, response.content.decode()[:2000]
    elif persona == "anonymous":
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    else:
        assert response.status_code == (404 if persona == "outsider" else 403)
    assert took_effect() is allowed


def test_an_advisory_groups_representative_files_only_their_groups_reports(client, personas, world):
    board = factories.OrganisationFactory(name="Safe Durham Partnership", kind="partnership-board")
    personas.partnership.reports_to.add(board)
    client.force_login(world.advisory_rep)
    url, data, _ = report_add(personas, world)
    response = client.post(url, data | {"direction": "submitted", "organisation": board.pk})
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.direction, report.organisation) == ("received", world.advisory_rep.organisation)


@pytest.mark.parametrize(
    ("persona", "status"),
    [("secretariat", 200), ("chair", 200), ("police_lead", 200), ("council_lead", 200),
     ("community_member", 200), ("advisory_rep", 200), ("outsider", 404), ("anonymous", 302)],
)  # fmt: skip
def test_who_may_download_a_report(client, personas, world, persona, status):
    report = factories.ReportFactory(
        partnership=personas.partnership,
        organisation=world.advisory_rep.organisation,
        document=SimpleUploadedFile("report.pdf", PDF),
    )
    sign_in_as(client, personas, world, persona)
    response = client.get(reverse("meetings:report-download", args=[report.pk]))
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == PDF

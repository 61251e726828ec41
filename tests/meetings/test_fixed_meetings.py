"""Approved minutes are a fixed record: once a later meeting approves them, the meeting's
details, agenda, papers, attendance, decisions and actions arising no longer change,
whichever service or page tries. Only the status of its actions moves on, through the
action logs of later meetings."""

import datetime
from functools import partial

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import Meeting
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
HELD = TODAY - 90 * DAY
APPROVING = TODAY - 7 * DAY
PDF = b"%PDF-1.4\n%a small paper\n"


@pytest.fixture
def approved(personas):
    """A held meeting with a paper, attendance, a decision and an action, whose minutes a
    later meeting approved."""
    meeting = services.meeting_create(partnership=personas.partnership, date=HELD)
    Meeting.objects.filter(pk=meeting.pk).update(status="held")
    meeting.refresh_from_db()
    item = meeting.agenda_items.get(kind="other-business")
    factories.PaperFactory(agenda_item=item, title="Joint statement")
    services.attendance_record(meeting=meeting, statuses={personas.chair: "present"})
    decision = services.decision_add(meeting=meeting, text="Issue it", agenda_item=item)
    services.meeting_action_add(
        meeting=meeting, description="Draft it", owner_person=personas.chair, decision=decision
    )
    later = factories.MeetingFactory(
        partnership=personas.partnership, date=APPROVING, status="held"
    )
    services.minutes_approve(meeting=meeting, at_meeting=later)
    return Meeting.objects.get(pk=meeting.pk)


def record_of(meeting: Meeting) -> dict:
    """Everything the meeting's record holds, as it is in the database now."""
    meeting = Meeting.objects.get(pk=meeting.pk)
    return {
        "meeting": model_to_dict(meeting, exclude=["id"]) | {"version": meeting.version},
        "agenda": list(meeting.agenda_items.values_list("pk", "position", "title")),
        "papers": list(meeting.agenda_items.values_list("papers__pk", "papers__title")),
        "attendance": list(meeting.attendance.values_list("person", "status")),
        "decisions": list(meeting.decisions.values_list("pk", "text")),
        "actions": list(meeting.actions_arising.values_list("pk", "description")),
        "reports": list(meeting.reports.values_list("pk", flat=True)),
    }


def other_business(meeting):
    return meeting.agenda_items.get(kind="other-business")


def service_writes(meeting, personas):
    """Every service that writes to a meeting or its parts, tried on `meeting`."""
    item = other_business(meeting)
    board = factories.OrganisationFactory(kind="partnership-board")
    personas.partnership.reports_to.add(board)
    return {
        "meeting_update": partial(
            services.meeting_update,
            meeting=meeting,
            expected_version=meeting.version,
            kind=meeting.kind,
            title=meeting.title,
            date=APPROVING + DAY,  # past the meeting that approved its minutes
            start_time=meeting.start_time,
            end_time=meeting.end_time,
            location=meeting.location,
            status=meeting.status,
            summary="Rewritten afterwards",
        ),
        "agenda_item_add": partial(services.agenda_item_add, meeting=meeting, title="Late item"),
        "agenda_item_move": partial(services.agenda_item_move, item=item, up=True),
        "agenda_item_remove": partial(services.agenda_item_remove, item=item, papers_confirmed=1),
        "paper_add": partial(
            services.paper_add,
            agenda_item=item,
            title="Late paper",
            document=SimpleUploadedFile("late.pdf", PDF),
            uploaded_by=personas.secretariat,
        ),
        "papers_publish": partial(services.papers_publish, meeting=meeting),
        "attendance_record": partial(
            services.attendance_record,
            meeting=meeting,
            statuses={personas.chair: "absent", personas.police_lead: "present"},
        ),
        "decision_add": partial(
            services.decision_add, meeting=meeting, text="Late decision", agenda_item=None
        ),
        "meeting_action_add": partial(
            services.meeting_action_add,
            meeting=meeting,
            description="Late action",
            owner_person=personas.chair,
        ),
        "minutes_approve": partial(
            services.minutes_approve, meeting=meeting, at_meeting=meeting.minutes_approved_at
        ),
        "report_add": partial(
            services.report_add,
            partnership=personas.partnership,
            submitted_by=personas.secretariat,
            direction="submitted",
            organisation=board,
            title="Presented afterwards",
            date=HELD,
            meeting=meeting,
        ),
    }


SERVICE_WRITES = [
    "meeting_update", "agenda_item_add", "agenda_item_move", "agenda_item_remove",
    "paper_add", "papers_publish", "attendance_record", "decision_add", "meeting_action_add",
    "minutes_approve", "report_add",
]  # fmt: skip


@pytest.mark.parametrize("write", SERVICE_WRITES)
def test_no_service_changes_a_fixed_meeting(personas, approved, write):
    before = record_of(approved)
    with pytest.raises(ValidationError, match=r"minutes of this meeting are approved|already"):
        service_writes(approved, personas)[write]()
    assert record_of(approved) == before


def test_every_service_write_works_on_a_meeting_not_yet_approved(personas):
    """The same writes, on a meeting whose minutes are still a draft, all go through: the
    refusals above are the rule, not a broken write."""
    meeting = services.meeting_create(partnership=personas.partnership, date=HELD)
    later = factories.MeetingFactory(
        partnership=personas.partnership, date=APPROVING, status="held"
    )
    meeting.minutes_approved_at = later  # only read by minutes_approve's partial
    writes = service_writes(meeting, personas)
    meeting.minutes_approved_at = None
    # The removal once the paper it confirms has been added to the item; the approval last.
    last = ["agenda_item_remove", "minutes_approve"]
    for name in [*(name for name in SERVICE_WRITES if name not in last), *last]:
        if name == "meeting_update":
            writes[name].keywords["date"] = HELD
        writes[name]()
    assert Meeting.objects.get(pk=meeting.pk).minutes_approved_at == later


def test_a_fixed_meetings_actions_are_still_followed_up(approved):
    action = approved.actions_arising.get()
    services.meeting_action_set_status(action=action, status="done")
    assert approved.actions_arising.get().status == "done"


def date_fields(prefix, day):
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


def view_writes(meeting, personas):
    """Each page that writes to a meeting or its parts: (method, url, data)."""
    item = other_business(meeting)
    edit = {"kind": "quarterly", "title": "Renamed", "status": "held", "location": "",
            "summary": "", "version": meeting.version,
            **date_fields("date", APPROVING + DAY)}  # fmt: skip
    return {
        "edit (form)": ("get", reverse("meetings:meeting-edit", args=[meeting.pk]), {}),
        "edit": ("post", reverse("meetings:meeting-edit", args=[meeting.pk]), edit),
        "add an item": (
            "post",
            reverse("meetings:agenda-item-add", args=[meeting.pk]),
            {"item-title": "Late item"},
        ),
        "move an item": (
            "post",
            reverse("meetings:agenda-item-move", args=[item.pk]),
            {"direction": "up"},
        ),
        "remove an item (form)": (
            "get",
            reverse("meetings:agenda-item-remove", args=[item.pk]),
            {},
        ),
        "remove an item": (
            "post",
            reverse("meetings:agenda-item-remove", args=[item.pk]),
            {"papers": 1},
        ),
        "upload a paper (form)": ("get", reverse("meetings:paper-add", args=[item.pk]), {}),
        "upload a paper": (
            "post",
            reverse("meetings:paper-add", args=[item.pk]),
            {"title": "Late paper", "document": SimpleUploadedFile("late.pdf", PDF)},
        ),
        "publish the papers": (
            "post",
            reverse("meetings:papers-publish", args=[meeting.pk]),
            {},
        ),
        "attendance (form)": ("get", reverse("meetings:attendance", args=[meeting.pk]), {}),
        "attendance": (
            "post",
            reverse("meetings:attendance", args=[meeting.pk]),
            {f"person_{personas.chair.pk}": "absent"},
        ),
        "minute a decision": (
            "post",
            reverse("meetings:decision-add", args=[meeting.pk]),
            {"decision-text": "Late decision"},
        ),
        "add an action": (
            "post",
            reverse("meetings:meeting-action-add", args=[meeting.pk]),
            {"action-description": "Late action", "action-owner_person": personas.chair.pk},
        ),
        "approve the minutes again": (
            "post",
            reverse("meetings:minutes-approve", args=[meeting.pk]),
            {"at_meeting": meeting.minutes_approved_at_id},
        ),
    }


VIEW_WRITES = [
    "edit (form)", "edit", "add an item", "move an item", "remove an item (form)",
    "remove an item", "upload a paper (form)", "upload a paper", "publish the papers",
    "attendance (form)", "attendance", "minute a decision", "add an action",
    "approve the minutes again",
]  # fmt: skip


@pytest.mark.parametrize("persona", ["secretariat", "chair"])
@pytest.mark.parametrize("write", VIEW_WRITES)
def test_no_page_changes_a_fixed_meeting(client, personas, approved, write, persona):
    method, url, data = view_writes(approved, personas)[write]
    before = record_of(approved)
    client.force_login(getattr(personas, persona))
    response = getattr(client, method)(url, data)
    assert response.status_code == 403
    assert record_of(approved) == before


def test_a_report_is_not_filed_as_presented_at_a_fixed_meeting(client, personas, approved):
    board = factories.OrganisationFactory(kind="partnership-board")
    personas.partnership.reports_to.add(board)
    client.force_login(personas.secretariat)
    url = reverse("meetings:report-add", args=[personas.partnership.slug])
    form = client.get(url).context["form"]
    assert approved not in form.fields["meeting"].queryset
    before = record_of(approved)
    data = {"direction": "submitted", "organisation": board.pk, "title": "Afterwards",
            "meeting": approved.pk, **date_fields("date", HELD)}  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Choose the meeting it was presented at from the list" in response.content.decode()
    assert record_of(approved) == before


def test_the_meeting_page_offers_no_change_to_a_fixed_meeting(client, personas, approved):
    client.force_login(personas.secretariat)
    page = client.get(approved.get_absolute_url()).content.decode()
    for offer in ["Edit the meeting", "Upload a paper", "Publish the papers", "Record attendance",
                  "Add to the agenda", "Minute a decision", "Remove"]:  # fmt: skip
        assert offer not in page
    assert "a fixed record" in page


def test_the_approving_meeting_stays_after_the_minutes_it_approved(client, personas, approved):
    """The meeting that approved the minutes cannot be moved to before them, into the
    future, or called off."""
    approving = approved.minutes_approved_at
    client.force_login(personas.secretariat)
    url = reverse("meetings:meeting-edit", args=[approving.pk])
    base = {"kind": "quarterly", "title": "", "status": "held", "location": "", "summary": "",
            "version": approving.version, **date_fields("date", APPROVING)}  # fmt: skip
    for change, message in [
        (date_fields("date", HELD - DAY), "it must be after that meeting"),
        (date_fields("date", TODAY + DAY), "its date cannot be in the future"),
        ({"status": "cancelled"}, "it cannot be cancelled"),
    ]:
        response = client.post(url, base | change)
        assert response.status_code == 200
        assert message in response.content.decode()
    assert Meeting.objects.get(pk=approving.pk).date == APPROVING
    with pytest.raises(ValidationError, match="must be after that meeting"):
        services.meeting_update(
            meeting=approving, expected_version=approving.version, kind="quarterly", title="",
            date=HELD, start_time=None, end_time=None, location="", status="held", summary="",
        )  # fmt: skip

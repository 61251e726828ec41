"""Meeting and governance pages: who may do what, uploads, calendars and speed."""

import datetime
import io
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from icalendar import Calendar

from hcag.uploads import NOT_WHAT_IT_SAYS, TOO_LARGE, WRONG_TYPE
from meetings import services
from meetings.forms import AT_LEAST_ONE_MEETING, NOTHING_MARKED, SAME_DAY_TWICE
from meetings.models import (
    LOCATION_NOT_RECORDED,
    LOCATION_TO_BE_CONFIRMED,
    PROJECT_GROUP_NAME_TAKEN,
    Attendance,
    ChairReview,
    Decision,
    Meeting,
    Paper,
    ProjectGroup,
    Report,
)
from meetings.services import (
    APPROVED_IN_THE_FUTURE,
    ATTENDANCE_BEFORE_THE_DAY,
    DATE_TAKEN,
    NOT_A_DRAFT,
    PAPERS_ALREADY_PUBLISHED,
    PAPERS_CHANGED_SINCE_CONFIRMED,
    REVIEW_BEFORE_SEAT,
)
from meetings.views.governance import REPORTS_PER_PAGE
from meetings.views.meetings import (
    ATTENDANCE_RECORDED,
    ATTENDANCE_UNCHANGED,
    PAST_MEETINGS_PER_PAGE,
)
from partners.models import Membership
from tests import factories
from tests.mail import delivered

pytestmark = pytest.mark.django_db

NEXT_MEETING = datetime.date(2030, 3, 11)
DAY = datetime.timedelta(days=1)
PDF = b"%PDF-1.4\n%a small paper\n"


def docx_bytes(part="word/document.xml"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(part, "<w:document/>")
    return buffer.getvalue()


@pytest.fixture
def meeting(personas):
    return services.meeting_create(
        partnership=personas.partnership, date=NEXT_MEETING, start_time=datetime.time(10),
        end_time=datetime.time(12), location="Police HQ, Aykley Heads",
    )  # fmt: skip


@pytest.fixture
def terms(personas):
    terms = factories.TermsOfReferenceFactory(partnership=personas.partnership, version=1)
    factories.ClauseFactory(terms=terms, number=1, body="Meet four times a year.")
    return terms


@pytest.fixture
def iag(personas):
    group = factories.OrganisationFactory(name="Disability IAG", kind="advisory-group")
    personas.partnership.advised_by.add(group)
    person = factories.PersonFactory(username="iag.rep", organisation=group)
    factories.MembershipFactory(partnership=personas.partnership, person=person, role="adviser")
    return person


def test_members_read_meetings_minutes_terms_reports_and_groups(client, personas, meeting, terms):
    slug = personas.partnership.slug
    pages = [
        reverse("meetings:schedule", args=[slug]),
        meeting.get_absolute_url(),
        reverse("meetings:minutes", args=[meeting.pk]),
        reverse("meetings:terms-list", args=[slug]),
        reverse("meetings:terms-detail", args=[terms.pk]),
        reverse("meetings:reports", args=[slug]),
        reverse("meetings:project-groups", args=[slug]),
    ]
    client.force_login(personas.community_member)
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        assert "Publish the papers" not in response.content.decode()
    client.force_login(personas.outsider)
    for page in pages:
        assert client.get(page).status_code == 404, page


def upload(client, item, name, content):
    return client.post(
        reverse("meetings:paper-add", args=[item.pk]),
        {"title": "A paper", "document": SimpleUploadedFile(name, content)},
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("minutes.txt", b"plain text", WRONG_TYPE),
        ("setup.exe", b"MZ\x90\x00 a program", WRONG_TYPE),
        ("report.pdf", b"MZ\x90\x00 a renamed program", NOT_WHAT_IT_SAYS.format(kind="PDF")),
        ("notes.docx", b"PK\x03\x04 not a zip",
         NOT_WHAT_IT_SAYS.format(kind="Word document")),
        ("sheet.xlsx", docx_bytes(), NOT_WHAT_IT_SAYS.format(kind="Excel workbook")),
    ],
)  # fmt: skip
def test_uploads_must_really_be_pdf_word_or_excel(
    client, personas, meeting, name, content, message
):
    item = meeting.agenda_items.first()
    client.force_login(personas.secretariat)
    response = upload(client, item, name, content)
    assert response.status_code == 200
    assert message.replace("'", "&#x27;") in response.content.decode()
    assert not Paper.objects.exists()


def test_uploads_have_a_size_limit(client, personas, meeting, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    client.force_login(personas.secretariat)
    response = upload(client, meeting.agenda_items.first(), "big.pdf", PDF + b"0" * 2048)
    assert TOO_LARGE.format(limit="1.0\xa0KB") in response.content.decode()
    assert not Paper.objects.exists()


def test_papers_are_downloaded_only_by_members(client, personas, meeting):
    client.force_login(personas.secretariat)
    # Made once: a zip file records when it was written, to the nearest two seconds.
    document = docx_bytes()
    upload(client, meeting.agenda_items.first(), "terms.docx", document)
    paper = Paper.objects.get()
    url = reverse("meetings:paper-download", args=[paper.pk])
    client.force_login(personas.community_member)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert b"".join(response.streaming_content) == document
    client.force_login(personas.outsider)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_a_meetings_ics_opens_in_a_calendar_in_london_time(client, personas, meeting):
    client.force_login(personas.police_lead)
    response = client.get(reverse("meetings:meeting-ics", args=[meeting.pk]))
    assert response["Content-Type"] == "text/calendar"
    calendar = Calendar.from_ical(response.content)
    [event] = calendar.walk("VEVENT")
    start = event.decoded("dtstart")
    assert (start.hour, str(start.tzinfo)) == (10, "Europe/London")
    assert event.decoded("dtend").hour == 12
    assert str(event["location"]) == "Police HQ, Aykley Heads"
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/London"


def test_a_members_calendar_feed_lists_the_partnerships_meetings(client, personas, meeting):
    factories.MeetingFactory(partnership=personas.partnership, date=NEXT_MEETING, start_time=None,
                             end_time=None, title="All-day conference")  # fmt: skip
    factories.MeetingFactory(date=NEXT_MEETING, title="Another partnership's meeting")
    token = Membership.objects.get(person=personas.council_lead).calendar_token
    url = reverse("meetings:calendar-feed", args=[token])
    calendar = Calendar.from_ical(client.get(url).content)
    summaries = sorted(str(event["summary"]) for event in calendar.walk("VEVENT"))
    assert summaries == [
        f"{personas.partnership.short_name}: All-day conference",
        f"{personas.partnership.short_name}: Quarterly meeting",
    ]
    all_day = next(e for e in calendar.walk("VEVENT") if "All-day" in str(e["summary"]))
    assert all_day.decoded("dtstart") == NEXT_MEETING
    Membership.objects.filter(person=personas.council_lead).update(ended_on=datetime.date.today())
    assert client.get(url).status_code == 404, "the address dies with the membership"


def test_a_calendar_subscription_survives_a_change_of_chair(client, personas, meeting):
    old_chair = Membership.objects.get(person=personas.chair).calendar_token
    new_chair = Membership.objects.get(person=personas.community_member).calendar_token
    services.chair_review_record(
        partnership=personas.partnership, held_on=datetime.date(2019, 4, 1),
        chair=personas.community_member,
    )  # fmt: skip
    for token in [old_chair, new_chair]:
        response = client.get(reverse("meetings:calendar-feed", args=[token]))
        assert response.status_code == 200
        assert len(Calendar.from_ical(response.content).walk("VEVENT")) == 1
    assert Membership.objects.get(person=personas.chair, ended_on=None).calendar_token == old_chair
    factories.second_factor_for(personas.community_member)
    client.force_login(personas.community_member)
    schedule = client.get(reverse("meetings:schedule", args=[personas.partnership.slug]))
    assert str(new_chair) in schedule.context["calendar_url"]


def test_the_schedule_proposes_next_years_quarterly_meetings(client, personas, terms):
    factories.MeetingFactory(partnership=personas.partnership, date=datetime.date(2030, 12, 9))
    client.force_login(personas.secretariat)
    url = reverse("meetings:schedule-year", args=[personas.partnership.slug])
    formset = client.get(url).context["formset"]
    assert [form.initial["date"] for form in formset] == [
        datetime.date(2031, 3, 10),
        datetime.date(2031, 6, 9),
        datetime.date(2031, 9, 8),
        datetime.date(2031, 12, 8),
    ]
    data = {"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "0"}
    for index, day in enumerate([datetime.date(2031, 3, 17), datetime.date(2031, 6, 9)]):
        data |= {f"form-{index}-date_0": day.day, f"form-{index}-date_1": day.month,
                 f"form-{index}-date_2": day.year, f"form-{index}-start_time": "10:00",
                 f"form-{index}-end_time": "12:00"}  # fmt: skip
    assert client.post(url, data).status_code == 302
    created = Meeting.objects.filter(date__year=2031)
    assert sorted(m.date for m in created) == [
        datetime.date(2031, 3, 17),
        datetime.date(2031, 6, 9),
    ]
    assert all(m.agenda_items.exists() for m in created)


def schedule_data(*days):
    data = {"form-TOTAL_FORMS": str(len(days)), "form-INITIAL_FORMS": "0"}
    for index, day in enumerate(days):
        data |= {f"form-{index}-date_0": day.day, f"form-{index}-date_1": day.month,
                 f"form-{index}-date_2": day.year, f"form-{index}-start_time": "10:00",
                 f"form-{index}-end_time": "12:00"}  # fmt: skip
    return data


def test_submitting_the_years_schedule_twice_schedules_it_once(client, personas, terms):
    client.force_login(personas.secretariat)
    url = reverse("meetings:schedule-year", args=[personas.partnership.slug])
    days = [datetime.date(2031, 3, 10), datetime.date(2031, 6, 9)]
    assert client.post(url, schedule_data(*days)).status_code == 302
    response = client.post(url, schedule_data(datetime.date(2031, 9, 8), *days))
    assert response.status_code == 200
    errors = [form.errors.get("date") for form in response.context["formset"]]
    assert errors == [None, [DATE_TAKEN], [DATE_TAKEN]]
    assert DATE_TAKEN in response.content.decode()
    assert Meeting.objects.count() == 2, "nothing of the second submission is created"


def test_the_years_schedule_needs_a_meeting_and_one_a_day(client, personas, terms):
    client.force_login(personas.secretariat)
    url = reverse("meetings:schedule-year", args=[personas.partnership.slug])
    nothing = client.post(url, schedule_data())
    assert nothing.status_code == 200
    assert AT_LEAST_ONE_MEETING in nothing.content.decode()
    twice = client.post(url, schedule_data(datetime.date(2031, 3, 10), datetime.date(2031, 3, 10)))
    assert SAME_DAY_TWICE in twice.content.decode()
    empty_second = schedule_data(datetime.date(2031, 3, 10)) | {"form-TOTAL_FORMS": "2"}
    assert client.post(url, empty_second).status_code == 302, "an empty extra form is skipped"
    assert Meeting.objects.count() == 1


def test_the_terms_are_not_approved_in_advance(client, personas, terms, meeting):
    draft = services.terms_draft_create(partnership=personas.partnership)
    client.force_login(personas.secretariat)
    tomorrow = timezone.localdate() + DAY
    response = client.post(
        reverse("meetings:terms-compare", args=[draft.pk]),
        {"approved_on_0": tomorrow.day, "approved_on_1": tomorrow.month,
         "approved_on_2": tomorrow.year, "revision": draft.revision},
    )  # fmt: skip
    assert response.context["form"].errors["approved_on"] == [APPROVED_IN_THE_FUTURE]
    with pytest.raises(ValidationError, match="has not taken place yet"):
        services.terms_approve(
            draft=draft, expected_revision=draft.revision, meeting=meeting,
            approved_on=timezone.localdate(),
        )  # fmt: skip
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_approving_terms_that_are_not_a_draft_says_so(client, personas, terms):
    url = reverse("meetings:terms-compare", args=[terms.pk])
    data = {"approved_on_0": "1", "approved_on_1": "3", "approved_on_2": "2019",
            "revision": terms.revision}  # fmt: skip
    client.force_login(personas.police_lead)
    assert client.post(url, data).status_code == 403
    client.force_login(personas.secretariat)
    response = client.post(url, data)
    assert response.status_code == 200
    assert NOT_A_DRAFT in response.content.decode()
    terms.refresh_from_db()
    assert terms.status == "current"


def test_attendance_history_shows_each_organisation_over_the_last_four_meetings(client, personas):
    meetings = [
        factories.MeetingFactory(partnership=personas.partnership, date=datetime.date(2018, m, 10))
        for m in (3, 6, 9, 12)
    ]
    factories.AttendanceFactory(meeting=meetings[0], person=personas.police_lead)
    factories.AttendanceFactory(
        meeting=meetings[1], person=personas.police_lead, status="apologies"
    )
    factories.AttendanceFactory(meeting=meetings[3], person=personas.council_lead, status="absent")
    client.force_login(personas.chair)
    history = client.get(reverse("meetings:schedule", args=[personas.partnership.slug])).context[
        "attendance"
    ]
    assert history.rows == [
        ("Office of the Test Commissioner", [None, None, None, None]),
        ("Test Borough Council", [None, None, None, "absent"]),
        ("Test Constabulary", ["present", "apologies", None, None]),
        ("Community members", [None, None, None, None]),
    ], "every member organisation is listed, recorded or not"


def test_an_advisory_group_files_its_own_reports_only(client, personas, iag):
    board = factories.OrganisationFactory(name="Safe Durham Partnership", kind="partnership-board")
    personas.partnership.reports_to.add(board)
    url = reverse("meetings:report-add", args=[personas.partnership.slug])
    client.force_login(iag)
    form = client.get(url).context["form"]
    assert "organisation" not in form.fields
    response = client.post(
        url,
        {"title": "Quarterly disability report", "date_0": "1", "date_1": "2", "date_2": "2019",
         "direction": "submitted", "organisation": board.pk,
         "document": SimpleUploadedFile("report.pdf", PDF)},
    )  # fmt: skip
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.direction, report.organisation, report.submitted_by) == (
        "received",
        iag.organisation,
        iag,
    )
    client.force_login(personas.community_member)
    assert client.get(url).status_code == 403


def test_a_report_must_come_from_an_advisory_group_or_go_to_a_board(client, personas, iag):
    client.force_login(personas.secretariat)
    url = reverse("meetings:report-add", args=[personas.partnership.slug])
    response = client.post(
        url,
        {"title": "Odd", "date_0": "1", "date_1": "2", "date_2": "2019",
         "direction": "submitted", "organisation": iag.organisation.pk},
    )  # fmt: skip
    assert "submitted to the partnership boards" in response.content.decode()
    assert not Report.objects.exists()


def test_minutes_are_approved_in_the_browser(client, personas, meeting):
    earlier, later = (
        factories.MeetingFactory(partnership=personas.partnership, date=day, status="held")
        for day in (datetime.date(2019, 9, 9), datetime.date(2019, 12, 9))
    )
    client.force_login(personas.secretariat)
    url = reverse("meetings:minutes-approve", args=[earlier.pk])
    response = client.post(url, {"at_meeting": later.pk}, follow=True)
    assert "The minutes are approved" in response.content.decode()
    earlier.refresh_from_db()
    assert earlier.minutes_approved_at == later


def test_minutes_are_not_approved_at_a_meeting_still_to_come(client, personas, meeting):
    earlier = factories.MeetingFactory(
        partnership=personas.partnership, date=datetime.date(2019, 12, 9), status="held"
    )
    client.force_login(personas.secretariat)
    url = reverse("meetings:minutes", args=[earlier.pk])
    assert list(client.get(url).context["form"].fields["at_meeting"].queryset) == []
    url = reverse("meetings:minutes-approve", args=[earlier.pk])
    response = client.post(url, {"at_meeting": meeting.pk})
    assert response.status_code == 200
    assert not Meeting.objects.get(pk=earlier.pk).minutes_are_approved
    with pytest.raises(ValidationError, match="has not taken place yet"):
        services.minutes_approve(meeting=earlier, at_meeting=meeting)


def test_the_minutes_group_attendance_under_each_status_once(client, personas):
    meeting = factories.MeetingFactory(partnership=personas.partnership, status="held")
    statuses = {personas.chair: "present", personas.council_lead: "apologies",
                personas.police_lead: "present", personas.community_member: "absent"}  # fmt: skip
    services.attendance_record(meeting=meeting, statuses=statuses)
    client.force_login(personas.community_member)
    response = client.get(reverse("meetings:minutes", args=[meeting.pk]))
    assert [line.status for line in response.context["attendance"]] == [
        "present", "present", "apologies", "absent", None,
    ]  # fmt: skip
    headings = re.findall(r'summary-list__key">([^<]+)<', response.content.decode())
    assert headings == ["Present", "Apologies", "Absent", "Not recorded"]


def test_the_minutes_list_those_who_were_members_on_the_day(client, personas):
    held = factories.MeetingFactory(
        partnership=personas.partnership, date=datetime.date(2019, 3, 11)
    )
    Membership.objects.filter(person=personas.council_lead).update(
        ended_on=datetime.date(2019, 6, 1)
    )
    joined_later = factories.PersonFactory(first_name="Nadia", last_name="Joined-Later")
    factories.MembershipFactory(
        partnership=personas.partnership, person=joined_later, started_on=datetime.date(2019, 6, 1)
    )
    client.force_login(personas.chair)
    lines = client.get(reverse("meetings:minutes", args=[held.pk])).context["attendance"]
    people = {line.person for line in lines}
    assert personas.council_lead in people
    assert joined_later not in people


def test_an_action_closed_later_still_shows_on_the_earlier_meetings_log(client, personas):
    today = timezone.localdate()
    raised, reviewed = (
        services.meeting_create(partnership=personas.partnership, date=today - days * DAY)
        for days in (200, 100)
    )
    action = services.meeting_action_add(
        meeting=raised, description="Write to schools", owner_organisation=personas.council
    )
    client.force_login(personas.secretariat)
    client.post(reverse("meetings:meeting-action-status", args=[action.pk]), {"status": "done"})
    log = client.get(reviewed.get_absolute_url()).context["agenda"][1].carried_forward
    assert [(entry.action, entry.status) for entry in log] == [(action, "open")]
    page = client.get(reviewed.get_absolute_url()).content.decode()
    assert f"Done on {date_format(today)}" in page


def test_a_backdated_chair_review_is_refused_on_the_form(client, personas):
    Membership.objects.filter(person=personas.chair).update(started_on=datetime.date(2019, 6, 1))
    client.force_login(personas.secretariat)
    response = client.post(
        reverse("meetings:chair-review", args=[personas.partnership.slug]),
        {"held_on_0": "1", "held_on_1": "4", "held_on_2": "2019",
         "chair": personas.community_member.pk},
    )  # fmt: skip
    assert response.status_code == 200
    assert response.context["form"].errors["held_on"] == [
        REVIEW_BEFORE_SEAT.format(started="1 June 2019", person=personas.chair)
    ]
    assert not ChairReview.objects.exists()


def test_recording_a_chair_review_updates_the_dashboards_notice(client, personas, terms):
    """The dashboard is cached until the audit log changes, so the review must be logged."""
    dashboard = reverse("overview:dashboard", args=[personas.plan.slug])
    client.force_login(personas.chair)
    assert "The next review of who chairs the group" not in client.get(dashboard).content.decode()
    today = timezone.localdate()
    response = client.post(
        reverse("meetings:chair-review", args=[personas.partnership.slug]),
        {"held_on_0": today.day, "held_on_1": today.month, "held_on_2": today.year,
         "chair": personas.chair.pk},
    )  # fmt: skip
    assert response.status_code == 302
    assert "The next review of who chairs the group" in client.get(dashboard).content.decode()


def test_an_approved_meetings_record_is_fixed(client, personas, meeting):
    earlier = services.meeting_create(
        partnership=personas.partnership, date=datetime.date(2019, 12, 9)
    )
    item = earlier.agenda_items.get(kind="other-business")
    action = services.meeting_action_add(
        meeting=earlier, description="Write to schools", owner_person=personas.chair
    )
    approving = factories.MeetingFactory(
        partnership=personas.partnership, date=datetime.date(2020, 3, 9), status="held"
    )
    services.minutes_approve(meeting=earlier, at_meeting=approving)
    client.force_login(personas.secretariat)
    page = client.get(earlier.get_absolute_url())
    content = page.content.decode()
    assert "are a fixed record" in content
    for hidden in ["Minute a decision", "Add an action", "Record attendance", "Move up", "Remove"]:
        assert hidden not in content, hidden
    attempts = [
        (reverse("meetings:agenda-item-add", args=[earlier.pk]), {"item-title": "Late"}),
        (reverse("meetings:agenda-item-move", args=[item.pk]), {"direction": "up"}),
        (reverse("meetings:agenda-item-remove", args=[item.pk]), {}),
        (reverse("meetings:attendance", args=[earlier.pk]),
         {f"person_{personas.chair.pk}": "present"}),
        (reverse("meetings:decision-add", args=[earlier.pk]), {"decision-text": "Late"}),
        (reverse("meetings:meeting-action-add", args=[earlier.pk]),
         {"action-description": "Late", "action-owner_person": personas.chair.pk}),
    ]  # fmt: skip
    for url, data in attempts:
        assert client.post(url, data).status_code == 403, url
    assert client.get(reverse("meetings:attendance", args=[earlier.pk])).status_code == 403
    assert not Attendance.objects.exists()
    assert not Decision.objects.filter(meeting=earlier).exists()
    assert list(earlier.actions_arising.all()) == [action]
    assert earlier.agenda_items.filter(pk=item.pk).exists()
    # Its open action is followed up in the next meeting's action log.
    log = client.get(meeting.get_absolute_url()).context["agenda"][1].carried_forward
    assert [entry.action for entry in log] == [action]
    status_url = reverse("meetings:meeting-action-status", args=[action.pk])
    assert client.post(status_url, {"status": "done", "meeting": meeting.pk}).status_code == 302


def test_publishing_twice_e_mails_the_members_once(
    client, personas, meeting, django_capture_on_commit_callbacks
):
    url = reverse("meetings:papers-publish", args=[meeting.pk])
    client.force_login(personas.secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, follow=True)
        second = client.post(url, follow=True)
    assert "The papers are published." in first.content.decode()
    assert PAPERS_ALREADY_PUBLISHED in second.content.decode()
    assert len(delivered()) == len(personas.members)


def test_a_mail_server_failure_is_not_an_error_page_nor_a_false_claim(
    client, personas, meeting, settings, django_capture_on_commit_callbacks
):
    settings.MAILER_EMAIL_BACKEND = "tests.meetings.test_services.FailingMailServer"
    client.force_login(personas.secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("meetings:papers-publish", args=[meeting.pk]), follow=True)
    assert response.status_code == 200
    assert [str(message) for message in response.context["messages"]] == [
        "The papers are published."
    ]
    meeting.refresh_from_db()
    assert meeting.papers_published_at is not None


def test_reports_presented_at_a_meeting_appear_under_their_items(client, personas, iag, meeting):
    board = factories.OrganisationFactory(name="Safe Durham Partnership", kind="partnership-board")
    received = factories.ReportFactory(
        partnership=personas.partnership, organisation=iag.organisation, meeting=meeting,
        title="Disability IAG quarterly report",
    )  # fmt: skip
    submitted = factories.ReportFactory(
        partnership=personas.partnership, organisation=board, meeting=meeting,
        direction="submitted", title="Update to the Safe Durham Partnership",
    )  # fmt: skip
    factories.ReportFactory(partnership=personas.partnership, title="Not presented yet")
    client.force_login(personas.community_member)
    agenda = client.get(meeting.get_absolute_url()).context["agenda"]
    reports = {entry.item.kind: entry.reports for entry in agenda if entry.reports}
    assert reports == {"advisory-reports": [received], "board-reports": [submitted]}


def test_the_register_links_each_report_to_the_actions_it_gave_rise_to(client, personas, iag):
    meeting = factories.MeetingFactory(partnership=personas.partnership)
    report = factories.ReportFactory(partnership=personas.partnership, meeting=meeting)
    action = factories.MeetingActionFactory(
        meeting=meeting, source_report=report, description="Reply to the IAG"
    )
    client.force_login(personas.community_member)
    content = client.get(reverse("meetings:reports", args=[personas.partnership.slug])).content
    link = f'href="{meeting.get_absolute_url()}#action-{action.pk}">Reply to the IAG</a>'
    assert link in content.decode()
    assert f'id="action-{action.pk}"' in client.get(meeting.get_absolute_url()).content.decode()


def build_meeting_of_size(personas, meeting, items):
    for number in range(items):
        item = services.agenda_item_add(meeting=meeting, title=f"Item {number}")
        factories.PaperFactory(agenda_item=item)
        decision = factories.DecisionFactory(meeting=meeting, agenda_item=item)
        factories.MeetingActionFactory(meeting=meeting, agenda_item=item, decision=decision)
        earlier = factories.MeetingFactory(
            partnership=personas.partnership, date=datetime.date(2029, 1, 1 + number % 28)
        )
        factories.MeetingActionFactory(meeting=earlier, owner_person=personas.police_lead)
        factories.ReportFactory(partnership=personas.partnership, meeting=meeting)


def meeting_page_queries(client, meeting):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(meeting.get_absolute_url()).status_code == 200
    return len(queries)


def test_the_meeting_page_runs_the_same_queries_at_any_size(
    client, personas, meeting, django_assert_max_num_queries
):
    client.force_login(personas.secretariat)
    build_meeting_of_size(personas, meeting, 2)
    small = meeting_page_queries(client, meeting)
    build_meeting_of_size(personas, meeting, 30)
    assert meeting_page_queries(client, meeting) == small
    # 1 session, 1 user, 1 meeting, 1 the viewer's memberships, 1 reports presented,
    # 1 agenda items, 1 their papers, 1 decisions, 1 actions arising, 1 open actions
    # carried forward, 2 decisions and actions under no item, and for the forms: 2 agenda
    # items (one for each form that offers them), 1 decisions, 1 members,
    # 1 organisations, 1 reports
    with django_assert_max_num_queries(18):
        client.get(meeting.get_absolute_url())


def test_a_past_meeting_with_no_place_says_none_was_recorded(client, personas):
    """A meeting to come may still have its place confirmed; a held one will not."""
    held = factories.MeetingFactory(
        partnership=personas.partnership, date=timezone.localdate() - DAY, status="held"
    )
    to_come = factories.MeetingFactory(partnership=personas.partnership, date=NEXT_MEETING)
    client.force_login(personas.community_member)
    held_page = client.get(held.get_absolute_url()).content.decode()
    assert f">{LOCATION_NOT_RECORDED}<" in held_page
    assert LOCATION_TO_BE_CONFIRMED not in held_page
    to_come_page = client.get(to_come.get_absolute_url()).content.decode()
    assert f">{LOCATION_TO_BE_CONFIRMED}<" in to_come_page
    schedule = client.get(reverse("meetings:schedule", args=[personas.partnership.slug]))
    cells = re.findall(r'<td class="govuk-table__cell">(To be confirmed|Not recorded)</td>',
                       schedule.content.decode())  # fmt: skip
    assert cells == [LOCATION_TO_BE_CONFIRMED, LOCATION_NOT_RECORDED]


def test_line_breaks_sent_by_a_browser_do_not_count_as_a_change(client, personas):
    """A browser sends a text box's line breaks as CR LF: the draft is stored with line
    feeds, and the comparison ignores line endings and spaces at the ends of lines, also
    in a current version saved with them (from the admin, say)."""
    current = factories.TermsOfReferenceFactory(
        partnership=personas.partnership, version=1, preamble="The group meets.\nIt reports."
    )
    factories.ClauseFactory(terms=current, number=1, body="Meet four times a year.\nIn person.")
    factories.ClauseFactory(terms=current, number=2, body="Review the chair.\r\nEach spring.  ")
    draft = services.terms_draft_create(partnership=personas.partnership)
    client.force_login(personas.secretariat)
    response = client.post(
        reverse("meetings:terms-edit", args=[draft.pk]),
        {"preamble": "The group meets.\r\nIt reports.\r\n", "meetings_per_year": "4",
         "chair_review_season": "spring", "revision": draft.revision,
         "clause_1": "Meet four times a year.\r\nIn person.\r\n",
         "clause_2": "  Review the chair. \r\nEach spring.", "clause_3": ""},
    )  # fmt: skip
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.preamble == "The group meets.\nIt reports."
    assert list(draft.clauses.values_list("body", flat=True)) == [
        "Meet four times a year.\nIn person.",
        "Review the chair.\nEach spring.",
    ]
    comparison = client.get(response.url).context["comparison"]
    assert [setting.change for setting in comparison.settings] == ["Unchanged"] * 3
    assert [clause.change for clause in comparison.clauses] == ["Unchanged", "Unchanged"]


def attendance_of(meeting):
    return dict(meeting.attendance.values_list("person__username", "status"))


def test_before_the_day_only_apologies_are_recorded(client, personas, meeting):
    """Apologies come in before a meeting; who was present or absent is known on the day."""
    url = reverse("meetings:attendance", args=[meeting.pk])
    client.force_login(personas.secretariat)
    form = client.get(url).context["form"]
    assert form.fields[f"person_{personas.chair.pk}"].choices == [("apologies", "Sent apologies")]
    response = client.post(url, {f"person_{personas.chair.pk}": "present"})
    assert response.status_code == 200
    refusal = ATTENDANCE_BEFORE_THE_DAY.format(date=date_format(NEXT_MEETING))
    assert refusal in response.content.decode()
    assert attendance_of(meeting) == {}
    response = client.post(url, {f"person_{personas.chair.pk}": "apologies"}, follow=True)
    assert ATTENDANCE_RECORDED in response.content.decode()
    assert attendance_of(meeting) == {"chair": "apologies"}
    with pytest.raises(ValidationError) as refused:
        services.attendance_record(meeting=meeting, statuses={personas.police_lead: "absent"})
    assert refused.value.messages == [refusal]


def test_on_the_day_everyone_is_marked_present_apologies_or_absent(client, personas):
    today = factories.MeetingFactory(partnership=personas.partnership, date=timezone.localdate())
    client.force_login(personas.chair)
    url = reverse("meetings:attendance", args=[today.pk])
    assert len(client.get(url).context["form"].fields[f"person_{personas.chair.pk}"].choices) == 3
    assert client.post(url, {f"person_{personas.chair.pk}": "present"}).status_code == 302
    assert attendance_of(today) == {"chair": "present"}


def test_saving_attendance_with_nothing_marked_or_changed_says_so(client, personas):
    held = factories.MeetingFactory(partnership=personas.partnership, status="held")
    url = reverse("meetings:attendance", args=[held.pk])
    client.force_login(personas.secretariat)
    nothing = client.post(url, {})
    assert nothing.status_code == 200
    assert nothing.context["form"].non_field_errors() == [NOTHING_MARKED]
    assert NOTHING_MARKED in nothing.content.decode()
    marks = {f"person_{personas.chair.pk}": "present"}
    assert ATTENDANCE_RECORDED in client.post(url, marks, follow=True).content.decode()
    again = client.post(url, marks, follow=True).content.decode()
    assert ATTENDANCE_UNCHANGED in again
    assert ATTENDANCE_RECORDED not in again
    assert attendance_of(held) == {"chair": "present"}


def test_removing_an_item_with_papers_asks_first_and_says_they_go_too(
    client, personas, meeting, django_capture_on_commit_callbacks
):
    item = meeting.agenda_items.get(kind="welcome")
    papers = [factories.PaperFactory(agenda_item=item, title=title) for title in ["Minutes", "Log"]]
    decision = factories.DecisionFactory(meeting=meeting, agenda_item=item)
    services.papers_publish(meeting=meeting)
    url = reverse("meetings:agenda-item-remove", args=[item.pk])
    client.force_login(personas.secretariat)
    meeting_page = client.get(meeting.get_absolute_url()).content.decode()
    assert f'<a class="govuk-link" href="{url}">Remove' in meeting_page
    assert f'action="{url}"' not in meeting_page, "no one-click removal"

    confirmation = client.get(url).content.decode()
    assert "Remove “Welcome and apologies” from the agenda?" in confirmation
    assert "Its 2 papers will be deleted too, although the members were told" in confirmation
    assert "Its 1 decision will stay in the minutes" in confirmation
    assert 'class="govuk-button govuk-button--warning"' in confirmation
    assert Paper.objects.count() == 2, "asking deletes nothing"

    factories.PaperFactory(agenda_item=item, title="Uploaded meanwhile")
    stale = client.post(url, {"papers": 2})
    assert stale.status_code == 200
    assert PAPERS_CHANGED_SINCE_CONFIRMED in stale.content.decode()
    assert "Its 3 papers will be deleted too" in stale.content.decode()
    assert meeting.agenda_items.filter(pk=item.pk).exists()

    assert all(paper.document.storage.exists(paper.document.name) for paper in papers)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"papers": 3}, follow=True)
    assert "“Welcome and apologies” has been removed from the agenda." in response.content.decode()
    assert not meeting.agenda_items.filter(pk=item.pk).exists()
    assert not Paper.objects.exists()
    assert not any(paper.document.storage.exists(paper.document.name) for paper in papers)
    download = reverse("meetings:paper-download", args=[papers[0].pk])
    assert client.get(download).status_code == 404
    decision.refresh_from_db()
    assert decision.agenda_item is None, "the decision stays, under no item"


def test_only_those_who_run_the_group_are_asked_to_remove_an_item(client, personas, meeting):
    url = reverse("meetings:agenda-item-remove", args=[meeting.agenda_items.first().pk])
    client.force_login(personas.police_lead)
    assert client.get(url).status_code == 403
    client.force_login(personas.outsider)
    assert client.get(url).status_code == 404
    client.force_login(personas.chair)
    assert client.get(url).status_code == 200


def test_select_boxes_word_their_empty_choice_for_the_field(client, personas, meeting, terms, iag):
    """No select box offers Django's "---------" or a bare "None"."""
    held = factories.MeetingFactory(partnership=personas.partnership, status="held")
    draft = services.terms_draft_create(partnership=personas.partnership)
    slug = personas.partnership.slug
    pages = [
        meeting.get_absolute_url(),
        reverse("meetings:minutes", args=[held.pk]),
        reverse("meetings:terms-edit", args=[draft.pk]),
        reverse("meetings:terms-compare", args=[draft.pk]),
        reverse("meetings:chair-review", args=[slug]),
        reverse("meetings:report-add", args=[slug]),
        reverse("meetings:project-group-add", args=[slug]),
    ]
    client.force_login(personas.secretariat)
    empty_choices = set()
    for page in pages:
        content = client.get(page).content.decode()
        empty_choices |= set(re.findall(r'<option value=""[^>]*>([^<]*)</option>', content))
    assert empty_choices == {
        "No particular person", "No particular organisation", "No particular item",
        "Not from a decision", "Not from a report", "Not at a meeting", "Choose a member",
        "Choose an advisory group or board", "Not presented yet",
    }  # fmt: skip


def test_a_project_groups_name_is_not_taken_twice(client, personas):
    """The database holds one name per partnership; the form says so, not a server error."""
    factories.ProjectGroupFactory(partnership=personas.partnership, name="Schools")
    other = factories.ProjectGroupFactory(partnership=personas.partnership, name="Colleges")
    client.force_login(personas.secretariat)
    slug = personas.partnership.slug
    data = {"name": "Schools", "remit": "Work with schools", "status": "proposed"}
    for url, version in [
        (reverse("meetings:project-group-add", args=[slug]), {}),
        (reverse("meetings:project-group-edit", args=[slug, other.pk]), {"version": 1}),
    ]:
        response = client.post(url, data | version)
        assert response.status_code == 200, url
        assert response.context["form"].non_field_errors() == [PROJECT_GROUP_NAME_TAKEN]
        assert PROJECT_GROUP_NAME_TAKEN in response.content.decode()
    assert sorted(ProjectGroup.objects.values_list("name", flat=True)) == ["Colleges", "Schools"]


def test_past_meetings_are_listed_a_page_at_a_time(client, personas):
    start = datetime.date(2010, 1, 4)
    past = [
        factories.MeetingFactory(partnership=personas.partnership, date=start + week * 7 * DAY)
        for week in range(PAST_MEETINGS_PER_PAGE + 5)
    ]
    to_come = factories.MeetingFactory(partnership=personas.partnership, date=NEXT_MEETING)
    client.force_login(personas.community_member)
    url = reverse("meetings:schedule", args=[personas.partnership.slug])
    first = client.get(url)
    assert list(first.context["upcoming"]) == [to_come]
    assert list(first.context["past_page"]) == past[::-1][:PAST_MEETINGS_PER_PAGE]
    assert 'aria-label="Pages of past meetings"' in first.content.decode()
    second = client.get(url, {"page": 2})
    assert list(second.context["upcoming"]) == [to_come], "meetings to come on every page"
    assert list(second.context["past_page"]) == past[::-1][PAST_MEETINGS_PER_PAGE:]
    assert "(page 2 of past meetings)" in second.content.decode()


def test_the_register_of_reports_is_listed_a_page_at_a_time(client, personas, iag):
    board = factories.OrganisationFactory(name="Safe Durham Partnership", kind="partnership-board")
    reports = [
        factories.ReportFactory(
            partnership=personas.partnership, date=datetime.date(2010, 1, 1) + number * DAY,
            direction="submitted" if number % 2 else "received",
            organisation=board if number % 2 else iag.organisation,
        )
        for number in range(REPORTS_PER_PAGE + 3)
    ][::-1]  # fmt: skip
    client.force_login(personas.community_member)
    url = reverse("meetings:reports", args=[personas.partnership.slug])
    first = client.get(url)
    shown = first.context["received"] + first.context["submitted"]
    assert sorted(shown, key=reports.index) == reports[:REPORTS_PER_PAGE]
    assert all(report.direction == "received" for report in first.context["received"])
    assert 'aria-label="Pages of reports"' in first.content.decode()
    second = client.get(url, {"page": 2})
    shown = second.context["received"] + second.context["submitted"]
    assert sorted(shown, key=reports.index) == reports[REPORTS_PER_PAGE:]

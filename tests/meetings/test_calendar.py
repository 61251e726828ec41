"""A meeting in a calendar program stays one event: its UID does not depend on the
service's address, its SEQUENCE rises when the meeting changes, and its DTSTAMP is when
it last changed, not when the calendar was fetched."""

import datetime
import importlib

import pytest
from auditlog.models import LogEntry
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from icalendar import Calendar

from meetings import services
from meetings.models import Meeting
from partners.models import Membership
from tests import factories

pytestmark = pytest.mark.django_db

NEXT_MEETING = datetime.date(2030, 3, 11)
LAST_CHANGED = datetime.datetime(2025, 11, 5, 14, 30, tzinfo=datetime.UTC)


@pytest.fixture
def meeting(personas):
    return services.meeting_create(
        partnership=personas.partnership, date=NEXT_MEETING, start_time=datetime.time(10),
        end_time=datetime.time(12),
    )  # fmt: skip


def events(client, personas, meeting):
    """The meeting's event in its own .ics and in a member's subscription."""
    client.force_login(personas.police_lead)
    download = client.get(reverse("meetings:meeting-ics", args=[meeting.pk])).content
    token = Membership.objects.get(person=personas.police_lead).calendar_token
    feed = client.get(reverse("meetings:calendar-feed", args=[token])).content
    return [Calendar.from_ical(ics).walk("VEVENT")[0] for ics in (download, feed)]


def test_a_meetings_uid_does_not_change_with_the_services_address(
    client, personas, meeting, settings
):
    settings.SITE_URL = "http://127.0.0.1:8000"
    before = [str(event["uid"]) for event in events(client, personas, meeting)]
    settings.SITE_URL = "https://plans.example.org"
    after = [str(event["uid"]) for event in events(client, personas, meeting)]
    assert before == after
    assert before[0] == before[1] == meeting.calendar_uid
    other = services.meeting_create(
        partnership=personas.partnership, date=NEXT_MEETING.replace(day=12)
    )
    assert other.calendar_uid != meeting.calendar_uid


def edit(meeting, **changes):
    fields = {name: getattr(meeting, name) for name in Meeting.EDITABLE_FIELDS}
    return services.meeting_update(
        meeting=meeting, expected_version=meeting.version, **fields | changes
    )


def test_the_sequence_rises_when_the_meeting_changes(client, personas, meeting):
    assert [event["sequence"] for event in events(client, personas, meeting)] == [0, 0]
    edit(meeting, start_time=datetime.time(14), end_time=datetime.time(16))
    assert [event["sequence"] for event in events(client, personas, meeting)] == [1, 1]
    edit(meeting, location="Aykley Heads")
    assert [event["sequence"] for event in events(client, personas, meeting)] == [2, 2]


def test_the_stamp_is_when_the_meeting_last_changed(client, personas, meeting):
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Meeting), object_id=meeting.pk
    ).update(timestamp=LAST_CHANGED)
    first = [event.decoded("dtstamp") for event in events(client, personas, meeting)]
    assert first == [LAST_CHANGED, LAST_CHANGED]
    assert [event.decoded("dtstamp") for event in events(client, personas, meeting)] == first
    edit(meeting, location="Aykley Heads")
    changed = [event.decoded("dtstamp") for event in events(client, personas, meeting)]
    assert changed[0] == changed[1] > LAST_CHANGED
    assert events(client, personas, meeting)[0]["last-modified"].dt == changed[0]


def test_the_meetings_already_in_calendars_keep_the_uid_they_have(personas, settings):
    """The migration that gave meetings their own UID kept each existing one's, as
    calendars already hold it: made from the service's address then."""
    settings.SITE_URL = "https://plans.example.org"
    meeting = factories.MeetingFactory(partnership=personas.partnership)
    Meeting.objects.filter(pk=meeting.pk).update(calendar_uid="")
    migration = importlib.import_module("meetings.migrations.0012_meeting_calendar_uid")
    migration.keep_the_uids_calendars_hold(apps, None)
    assert Meeting.objects.get(pk=meeting.pk).calendar_uid == (
        f"meeting-{meeting.pk}@plans.example.org"
    )


def test_the_feed_runs_a_fixed_number_of_queries(
    client, personas, meeting, django_assert_max_num_queries
):
    for day in range(1, 11):
        factories.MeetingFactory(
            partnership=personas.partnership, date=NEXT_MEETING.replace(day=day)
        )
    token = Membership.objects.get(person=personas.police_lead).calendar_token
    ContentType.objects.get_for_model(Meeting)  # cached for the process, as in a server
    # 1 the membership with its partnership, 1 the meetings with when each last changed
    with django_assert_max_num_queries(2):
        client.get(reverse("meetings:calendar-feed", args=[token]))


def admin_form_data(response) -> dict:
    """What the admin's change page would send back unchanged: its form and inlines."""
    form = response.context["adminform"].form
    data = {
        name: value
        for name, field in form.fields.items()
        if (value := form[name].value()) is not None
    }
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        data |= {
            management.add_prefix(name): management[name].value() for name in management.fields
        }
        for each in formset.forms:
            data |= {
                each.add_prefix(name): value
                for name in each.fields
                if (value := each[name].value()) is not None
            }
    return data


def test_a_change_in_the_admin_raises_the_sequence_too(client, personas, meeting):
    client.force_login(factories.PersonFactory(is_superuser=True, is_staff=True))
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    data = admin_form_data(client.get(url)) | {"location": "Aykley Heads"}
    data |= {"date": NEXT_MEETING.isoformat(), "start_time": "10:00", "end_time": "12:00"}
    assert client.post(url, data).status_code == 302
    assert Meeting.objects.get(pk=meeting.pk).location == "Aykley Heads"
    assert [event["sequence"] for event in events(client, personas, meeting)] == [1, 1]

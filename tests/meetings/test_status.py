"""A meeting's status as pages show it, and its time boxes.

A meeting still marked scheduled once its day has passed is "Awaiting record", not
"Scheduled", until someone records who was present (which marks it held), sets its
status, or the minutes are approved. The start and end times are GOV.UK text inputs."""

import datetime
import re

import pytest
from crispy_forms.utils import render_crispy_form
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.forms import MeetingForm, ScheduledMeetingForm
from meetings.models import Meeting
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def tags(page: str) -> list[str]:
    return re.findall(r'class="govuk-tag[^"]*">([^<]+)<', page)


def test_a_meeting_whose_day_has_passed_is_not_shown_as_scheduled(client, personas):
    past = factories.MeetingFactory(partnership=personas.partnership, date=TODAY - DAY)
    factories.MeetingFactory(partnership=personas.partnership, date=TODAY)
    assert past.is_awaiting_record
    assert past.status_label == "Awaiting record"
    client.force_login(personas.community_member)
    schedule = client.get(reverse("meetings:schedule", args=[personas.partnership.slug]))
    assert tags(schedule.content.decode())[-2:] == ["Scheduled", "Awaiting record"]
    assert "Awaiting record" in tags(client.get(past.get_absolute_url()).content.decode())


@pytest.mark.parametrize(
    ("status", "day", "label"),
    [("scheduled", TODAY, "Scheduled"), ("scheduled", TODAY + DAY, "Scheduled"),
     ("held", TODAY - DAY, "Held"), ("cancelled", TODAY - DAY, "Cancelled")],
)  # fmt: skip
def test_every_other_meeting_shows_its_status(status, day, label):
    meeting = factories.MeetingFactory(date=day, status=status)
    assert (meeting.is_awaiting_record, meeting.status_label) == (False, label)


def test_recording_who_was_present_marks_the_meeting_held(personas):
    meeting = factories.MeetingFactory(partnership=personas.partnership, date=TODAY - DAY)
    services.attendance_record(meeting=meeting, statuses={personas.chair: "apologies"})
    assert Meeting.objects.get(pk=meeting.pk).status == "scheduled", "apologies say nothing"
    services.attendance_record(meeting=meeting, statuses={personas.police_lead: "present"})
    meeting = Meeting.objects.get(pk=meeting.pk)
    assert (meeting.status, meeting.is_awaiting_record) == ("held", False)
    assert meeting.version == 2, "an edit form opened before is refused, not overwritten"


def test_approving_the_minutes_marks_the_meeting_held(personas):
    meeting = factories.MeetingFactory(partnership=personas.partnership, date=TODAY - 90 * DAY)
    later = factories.MeetingFactory(
        partnership=personas.partnership, date=TODAY - DAY, status="held"
    )
    services.minutes_approve(meeting=meeting, at_meeting=later)
    assert Meeting.objects.get(pk=meeting.pk).status == "held"


def time_input(html: str, name: str) -> str:
    found = re.search(rf'<input type="text" name="{name}"[^>]*>', html)
    assert found, f"no text input for {name}"
    return found.group(0)


def test_the_time_boxes_are_gov_uk_inputs_with_a_hint_and_error_styling(personas):
    meeting = factories.MeetingFactory(partnership=personas.partnership)
    for form in [
        MeetingForm(instance=meeting),
        ScheduledMeetingForm(initial={"start_time": "10:00"}),
    ]:
        html = render_crispy_form(form)
        box = time_input(html, "start_time")
        assert 'class="govuk-input govuk-input--width-5"' in box
        assert 'value="10:00"' in box, "hours and minutes, not 10:00:00"
        assert "On the 24-hour clock, for example 10:00" in html
    bad = MeetingForm({"start_time": "ten"}, instance=meeting)
    box = time_input(render_crispy_form(bad), "start_time")
    assert 'class="govuk-input govuk-input--width-5 govuk-input--error"' in box
    assert 'aria-describedby="id_start_time_hint id_start_time_1_error"' in box

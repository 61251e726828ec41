"""Two people recording attendance at once: each writes only the rows they changed, and a
row someone else changed since their form was opened is refused, saying who changed
what, with nothing lost."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import Attendance
from tests import factories

pytestmark = pytest.mark.django_db

YESTERDAY = timezone.localdate() - datetime.timedelta(days=1)


@pytest.fixture
def meeting(personas):
    """Held yesterday; the police lead (X) sent apologies, the council lead (Y) is not
    recorded yet."""
    meeting = factories.MeetingFactory(
        partnership=personas.partnership, date=YESTERDAY, status="held"
    )
    services.attendance_record(meeting=meeting, statuses={personas.police_lead: "apologies"})
    return meeting


def url(meeting):
    return reverse("meetings:attendance", args=[meeting.pk])


def opened(client, meeting) -> dict:
    """What the attendance form sends back as it was shown (hidden fields included)."""
    form = client.get(url(meeting)).context["form"]
    return {name: form[name].value() or "" for name in form.fields}


def status_of(meeting, person):
    record = Attendance.objects.filter(meeting=meeting, person=person).first()
    return record.status if record else None


@pytest.fixture
def two_editors(client, personas, meeting):
    """The secretariat (A) and the chair (B), each with the form open at once."""
    a, b = client, Client()
    a.force_login(personas.secretariat)
    b.force_login(personas.chair)
    return (a, opened(a, meeting)), (b, opened(b, meeting))


def field(person):
    return f"person_{person.pk}"


def test_each_person_writes_only_the_rows_they_changed(personas, meeting, two_editors):
    (a, a_form), (b, b_form) = two_editors
    x, y = personas.police_lead, personas.council_lead
    assert a.post(url(meeting), a_form | {field(x): "present"}).status_code == 302
    # B's form still shows X as apologies; B marks only Y.
    assert b.post(url(meeting), b_form | {field(y): "absent"}).status_code == 302
    assert (status_of(meeting, x), status_of(meeting, y)) == ("present", "absent")


def test_a_row_changed_meanwhile_is_refused_saying_who_changed_it(personas, meeting, two_editors):
    (a, a_form), (b, b_form) = two_editors
    x, y = personas.police_lead, personas.council_lead
    a.post(url(meeting), a_form | {field(x): "present"})
    response = b.post(url(meeting), b_form | {field(x): "absent", field(y): "present"})
    assert response.status_code == 409
    assert (status_of(meeting, x), status_of(meeting, y)) == ("present", None), "nothing saved"
    page = response.content.decode()
    assert "Someone else changed the attendance of" in page
    assert str(personas.secretariat) in page
    assert re.search(r">Sent apologies</td>\s*<td[^>]*>Present</td>", page), "from and to"
    # The form holds B's choices on top of what is recorded now; saving again is deliberate.
    again = {
        name: response.context["form"][name].value() or ""
        for name in response.context["form"].fields
    }
    assert (again[field(x)], again[field(y)]) == ("absent", "present")
    assert again[f"shown_{x.pk}"] == "present"
    assert b.post(url(meeting), again).status_code == 302
    assert (status_of(meeting, x), status_of(meeting, y)) == ("absent", "present")


def test_the_same_change_made_twice_is_not_a_conflict(personas, meeting, two_editors):
    (a, a_form), (b, b_form) = two_editors
    x = personas.police_lead
    a.post(url(meeting), a_form | {field(x): "present"})
    response = b.post(url(meeting), b_form | {field(x): "present"}, follow=True)
    assert response.status_code == 200
    assert "Nothing has changed" in response.content.decode()
    assert status_of(meeting, x) == "present"


def test_a_form_without_what_it_showed_counts_as_showing_nothing(personas, meeting):
    """A row sent without its shown value is taken to have shown nothing recorded, so it
    cannot silently replace what is."""
    x = personas.police_lead
    with pytest.raises(services.AttendanceChangedMeanwhile) as refused:
        services.attendance_record(meeting=meeting, statuses={x: "absent"}, shown={})
    assert refused.value.people == [x]
    assert status_of(meeting, x) == "apologies"


def test_the_form_and_a_refusal_run_a_fixed_number_of_queries(
    client, personas, meeting, django_assert_max_num_queries
):
    for _ in range(10):
        person = factories.MembershipFactory(partnership=personas.partnership).person
        factories.AttendanceFactory(meeting=meeting, person=person, status="apologies")
    client.force_login(personas.secretariat)
    # 1 session, 1 user, 1 meeting, 1 the viewer's memberships, 1 what is recorded,
    # 1 the members on the day
    with django_assert_max_num_queries(6):
        shown = opened(client, meeting)
    Attendance.objects.filter(meeting=meeting).update(status="absent")
    everyone_present = {name: "present" for name in shown if name.startswith("person_")}
    # The same 6; the save: 3 its savepoint (and its rollback), 1 the meeting locked,
    # 1 what is recorded; the form again: 1 what is recorded, 1 the members on the day;
    # what changed: 1 the audit entries, 3 the meetings, people and organisations named
    with django_assert_max_num_queries(17):
        response = client.post(url(meeting), shown | everyone_present)
    assert response.status_code == 409

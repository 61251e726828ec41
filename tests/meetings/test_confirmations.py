"""Approving minutes and publishing papers e-mail every member and cannot be undone, so
each asks first: a page says what will happen and to whom, and only a POST from that
page does it. Nothing happens on a single click from the meeting or minutes page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from meetings import services
from meetings.forms import CHOOSE_THE_APPROVING_MEETING
from meetings.models import Meeting
from partners.models import Membership
from tests import factories
from tests.mail import delivered

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def held(personas):
    """A meeting held three months ago, and the one a week ago that can approve its
    minutes; a member without an e-mail address; and the next meeting, with a paper."""
    earlier = factories.MeetingFactory(
        partnership=personas.partnership, date=TODAY - 90 * DAY, status="held"
    )
    later = factories.MeetingFactory(
        partnership=personas.partnership, date=TODAY - 7 * DAY, status="held"
    )
    no_address = factories.PersonFactory(first_name="Noor", last_name="Unreachable", email="")
    factories.MembershipFactory(partnership=personas.partnership, person=no_address)
    next_meeting = services.meeting_create(partnership=personas.partnership, date=TODAY + 30 * DAY)
    factories.PaperFactory(
        agenda_item=next_meeting.agenda_items.get(kind="welcome"), title="Draft minutes"
    )
    return {"earlier": earlier, "later": later, "next": next_meeting}


def approve_url(meeting):
    return reverse("meetings:minutes-approve", args=[meeting.pk])


def publish_url(meeting):
    return reverse("meetings:papers-publish", args=[meeting.pk])


def test_approving_minutes_asks_first_saying_what_happens_and_to_whom(
    client, personas, held, django_capture_on_commit_callbacks
):
    earlier, later = held["earlier"], held["later"]
    client.force_login(personas.secretariat)
    minutes = client.get(reverse("meetings:minutes", args=[earlier.pk])).content.decode()
    assert f'method="get" action="{approve_url(earlier)}"' in minutes
    assert minutes.count(f'action="{approve_url(earlier)}"') == 1, "no one-click approval"

    page = client.get(approve_url(earlier), {"at_meeting": later.pk}).content.decode()
    assert (
        f"Approve the minutes of the quarterly meeting on {earlier.date:%-d %B %Y} "
        f"at the quarterly meeting on {later.date:%-d %B %Y}?"
    ) in page
    assert "E-mail the approved minutes to these 5 members:" in page
    for member in personas.members:
        assert escape(member.get_full_name()) in page
    assert "Noor Unreachable" in page, "listed as not e-mailed: no address"
    assert "cannot be undone" in page
    assert not Meeting.objects.get(pk=earlier.pk).minutes_are_approved, "asking changes nothing"
    assert not delivered()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(approve_url(earlier), {"at_meeting": later.pk}, follow=True)
    assert "The minutes are approved." in response.content.decode()
    assert Meeting.objects.get(pk=earlier.pk).minutes_approved_at == later
    assert len(delivered()) == 5


def test_the_minutes_page_does_not_approve_on_a_post(client, personas, held):
    client.force_login(personas.secretariat)
    response = client.post(
        reverse("meetings:minutes", args=[held["earlier"].pk]), {"at_meeting": held["later"].pk}
    )
    assert response.status_code == 405
    assert not Meeting.objects.get(pk=held["earlier"].pk).minutes_are_approved


def test_approval_asks_again_for_a_meeting_that_cannot_approve(client, personas, held):
    client.force_login(personas.secretariat)
    for data in [{}, {"at_meeting": held["next"].pk}, {"at_meeting": "x"}]:
        page = client.get(approve_url(held["earlier"]), data).content.decode()
        assert "There is a problem" in page
        assert CHOOSE_THE_APPROVING_MEETING in page or "Choose the meeting that approved" in page
        assert "E-mail the approved minutes" not in page
    response = client.post(approve_url(held["earlier"]), {"at_meeting": held["next"].pk})
    assert response.status_code == 200
    assert not Meeting.objects.get(pk=held["earlier"].pk).minutes_are_approved


def test_publishing_the_papers_asks_first_listing_them_and_who_is_told(
    client, personas, held, django_capture_on_commit_callbacks
):
    meeting = held["next"]
    client.force_login(personas.secretariat)
    meeting_page = client.get(meeting.get_absolute_url()).content.decode()
    assert f'href="{publish_url(meeting)}"' in meeting_page
    assert f'action="{publish_url(meeting)}"' not in meeting_page, "no one-click publishing"

    page = client.get(publish_url(meeting)).content.decode()
    assert "E-mail the papers to these 5 members:" in page
    assert "Draft minutes" in page
    assert "Noor Unreachable" in page
    assert Meeting.objects.get(pk=meeting.pk).papers_published_at is None, "asking changes nothing"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(publish_url(meeting), follow=True)
    assert "The papers are published." in response.content.decode()
    assert Meeting.objects.get(pk=meeting.pk).papers_published_at is not None
    assert len(delivered()) == 5


def test_once_published_the_page_says_so_and_offers_nothing(client, personas, held):
    services.papers_publish(meeting=held["next"])
    client.force_login(personas.secretariat)
    response = client.get(publish_url(held["next"]), follow=True)
    assert "The papers have already been published" in response.content.decode()
    assert "E-mail the papers to these" not in response.content.decode()


def test_a_former_member_is_not_listed_nor_e_mailed(
    client, personas, held, django_capture_on_commit_callbacks
):
    Membership.objects.filter(person=personas.council_lead).update(ended_on=TODAY - DAY)
    client.force_login(personas.secretariat)
    page = client.get(publish_url(held["next"])).content.decode()
    assert "E-mail the papers to these 4 members:" in page
    assert escape(personas.council_lead.get_full_name()) not in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(publish_url(held["next"]))
    assert personas.council_lead.email not in {to for m in delivered() for to in m.to}


PERSONAS = [
    "secretariat", "chair", "police_lead", "council_lead", "community_member", "outsider",
    "anonymous",
]  # fmt: skip


def asks(held, page):
    if page == "approve":
        return approve_url(held["earlier"]), {"at_meeting": held["later"].pk}
    return publish_url(held["next"]), {}


def nothing_done(held):
    return (
        not Meeting.objects.get(pk=held["earlier"].pk).minutes_are_approved
        and Meeting.objects.get(pk=held["next"].pk).papers_published_at is None
    )


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("page", ["approve", "publish"])
def test_who_may_ask_and_confirm(client, personas, held, page, persona):
    if persona != "anonymous":
        client.force_login(getattr(personas, persona))
    url, data = asks(held, page)
    asked, confirmed = client.get(url, data), client.post(url, data)
    if persona in {"secretariat", "chair"}:
        assert (asked.status_code, confirmed.status_code) == (200, 302)
        assert not nothing_done(held)
        return
    expected = {"outsider": 404, "anonymous": 302}.get(persona, 403)
    assert (asked.status_code, confirmed.status_code) == (expected, expected)
    if persona == "anonymous":
        assert confirmed.url.startswith(reverse("login"))
    assert nothing_done(held)


def test_the_confirmation_pages_run_a_fixed_number_of_queries(
    client, personas, held, django_assert_max_num_queries
):
    client.force_login(personas.secretariat)
    url, data = asks(held, "approve")
    for _ in range(10):
        factories.MembershipFactory(partnership=personas.partnership)
    # 1 session, 1 user, 1 meeting, 1 the viewer's memberships, 1 the meeting approving,
    # 1 the members with their organisations
    with django_assert_max_num_queries(6):
        assert client.get(url, data).status_code == 200
    url, _ = asks(held, "publish")
    for number in range(10):
        factories.PaperFactory(agenda_item=held["next"].agenda_items.first(), title=f"P{number}")
    # 1 session, 1 user, 1 meeting, 1 the viewer's memberships, 1 the papers with their
    # items, 1 the members with their organisations
    with django_assert_max_num_queries(6):
        assert client.get(url).status_code == 200

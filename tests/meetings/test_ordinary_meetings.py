""" "Since the last meeting" counts from the previous ordinary meeting: the quarterly ones
the schedule creates, not an extraordinary meeting or a conference called between them.
On the briefing the chair may compare with another earlier meeting instead."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.briefing import meeting_briefing_for_chair
from meetings.models import Meeting
from meetings.selectors import meetings_around, next_years_meetings
from overview.selectors import actions_for_reporting
from tests import factories
from workstreams.models import Action

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
QUARTERLY = TODAY - 90 * DAY
EXTRAORDINARY = TODAY - 7 * DAY


@pytest.fixture
def meetings(personas):
    """A quarterly meeting three months ago, an extraordinary one a week ago, and the
    next quarterly meeting today."""
    partnership = personas.partnership
    return {
        "quarterly": factories.MeetingFactory(
            partnership=partnership, date=QUARTERLY, status="held"
        ),
        "extraordinary": factories.MeetingFactory(
            partnership=partnership, date=EXTRAORDINARY, kind="extraordinary", status="held"
        ),
        "next": factories.MeetingFactory(partnership=partnership, date=TODAY),
    }


@pytest.fixture
def updated_between(personas, meetings):
    """An action updated after the quarterly meeting but before the extraordinary one."""
    action = factories.ActionFactory(workstream=personas.police_workstream, text="Updated")
    factories.ProgressUpdateFactory(
        action=action, status="on-track", percent_complete=40, as_at=QUARTERLY + 10 * DAY
    )
    return action


def test_ordinary_meetings_are_the_quarterly_ones(personas, meetings):
    factories.MeetingFactory(partnership=personas.partnership, kind="conference")
    assert list(Meeting.objects.ordinary().order_by("date")) == [
        meetings["quarterly"],
        meetings["next"],
    ]


def test_the_previous_meeting_is_the_previous_ordinary_one(meetings):
    assert meetings["next"].previous() == meetings["quarterly"]
    assert meetings["extraordinary"].previous() == meetings["quarterly"]


def test_an_extraordinary_meeting_does_not_reset_the_briefings_comparison(
    meetings, updated_between
):
    briefing = meeting_briefing_for_chair(meetings["next"], today=TODAY)
    assert briefing.previous_meeting == meetings["quarterly"]
    (change,) = [a for section in briefing.workstreams for a in section.actions]
    assert change.updates_in_window == 1
    assert (change.before.status, change.now.status) == (None, "on-track")


def test_an_extraordinary_meeting_does_not_reset_not_updated_since_the_last_meeting(
    client, personas, meetings, updated_between
):
    action = actions_for_reporting(Action.objects.all(), today=TODAY).get()
    assert action.last_meeting_on == QUARTERLY
    assert not action.is_stale
    client.force_login(personas.chair)
    page = client.get(reverse("overview:dashboard", args=[personas.plan.slug])).content.decode()
    assert "0 not updated since the last meeting" in " ".join(re.sub("<[^>]+>", "", page).split())


def test_the_dashboards_last_meeting_is_the_one_it_counts_from(personas, meetings):
    assert meetings_around(personas.partnership, TODAY).last == meetings["quarterly"]


def test_next_years_meetings_follow_the_last_ordinary_one(personas, meetings):
    """A conference booked far ahead does not push the year's quarterly meetings past it."""
    factories.MeetingFactory(
        partnership=personas.partnership, kind="conference", date=TODAY + 300 * DAY
    )
    proposal = next_years_meetings(personas.partnership, TODAY)
    assert proposal.dates[0] < TODAY + 100 * DAY


def briefing(client, meeting, **query):
    return client.get(reverse("meetings:briefing", args=[meeting.pk]), query)


def test_the_chair_may_compare_with_another_earlier_meeting(
    client, personas, meetings, updated_between
):
    client.force_login(personas.chair)
    page = briefing(client, meetings["next"]).content.decode()
    assert "What changed since the quarterly meeting on" in page
    assert 'name="compare_with"' in page
    page = briefing(
        client, meetings["next"], compare_with=meetings["extraordinary"].pk
    ).content.decode()
    assert "What changed since the extraordinary meeting on" in page
    # Not updated since then, the action is summarised rather than listed.
    assert "1 action has had no update and no change since the extraordinary meeting" in page


def test_the_comparison_is_one_of_the_earlier_meetings(client, personas, meetings):
    client.force_login(personas.chair)
    response = briefing(client, meetings["extraordinary"], compare_with=meetings["next"].pk)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Choose a meeting before this one from the list" in page
    assert "What changed since the quarterly meeting on" in page, "the default stands"

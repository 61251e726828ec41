"""The digest of a reporting round, in the week after its meeting, to the chair,
vice-chairs and secretariat: what was reported, what was not, and whose ratings changed;
once each, with the unsubscribe headers, and not to those who switched it off."""

import datetime

import pytest

from partners.models import Membership
from reporting.models import NotificationSettings
from reporting.services import round_digests_send
from tests import factories
from tests.mail import delivered

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
MEETING_ON = datetime.date(2027, 3, 15)


@pytest.fixture
def closed_round(personas):
    factories.MeetingFactory(partnership=personas.partnership, date=datetime.date(2026, 12, 14))
    factories.MeetingFactory(partnership=personas.partnership, date=MEETING_ON, status="held")
    reported = factories.ActionFactory(
        workstream=personas.police_workstream, label="i", text="Train call handlers"
    )
    factories.ActionFactory(
        workstream=personas.council_workstream, label="i", text="Publish the reporting guide"
    )
    factories.ProgressUpdateFactory(
        action=reported, status="on-track", as_at=datetime.date(2026, 12, 1)
    )
    factories.ProgressUpdateFactory(
        action=reported, status="at-risk", as_at=datetime.date(2027, 3, 1)
    )


def test_the_chair_and_secretariat_get_the_digest_the_day_after_the_meeting(personas, closed_round):
    round_digests_send(today=MEETING_ON + DAY)
    received = {message.to[0]: message for message in delivered()}
    assert set(received) == {personas.chair.email, personas.secretariat.email}
    message = received[personas.chair.email]
    assert message.subject.startswith("Reporting round closed: 1 of 2 actions reported")
    assert "D.i: Publish the reporting guide" in message.body
    assert "B.i: On track to At risk" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/unsubscribe/" in message.extra_headers["List-Unsubscribe"]


@pytest.mark.parametrize("persona", ["police_lead", "council_lead", "community_member"])
def test_members_who_do_not_run_the_group_get_no_digest(personas, closed_round, persona):
    round_digests_send(today=MEETING_ON + DAY)
    assert getattr(personas, persona).email not in [m.to[0] for m in delivered()]


def test_the_digest_is_sent_once_not_before_the_round_closes_nor_for_old_rounds(
    personas, closed_round
):
    assert round_digests_send(today=MEETING_ON) == []
    assert round_digests_send(today=MEETING_ON + 8 * DAY) == []
    round_digests_send(today=MEETING_ON + DAY)
    round_digests_send(today=MEETING_ON + 2 * DAY)
    assert len(delivered()) == 2


def test_those_who_switched_it_off_or_left_get_none(personas, closed_round):
    NotificationSettings.objects.create(person=personas.chair, round_digest=False)
    Membership.objects.filter(person=personas.secretariat).update(ended_on=MEETING_ON)
    assert round_digests_send(today=MEETING_ON + DAY) == []
    assert delivered() == []

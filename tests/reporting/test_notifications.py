"""Reminders of updates due: one message per lead across their partnerships, listing each
action due and not yet given with a link to its page, 7 days and 1 day before the due date
and the working day after it, never twice, and nothing for someone with nothing due."""

import datetime

import pytest

from partners.models import Membership
from reporting.models import SentReminder
from reporting.selectors import round_of_meeting
from reporting.services import reminders_due, reminders_send
from tests import factories
from tests.mail import delivered

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
MEETING_ON = datetime.date(2027, 3, 15)  # a Monday; updates are due Monday 1 March
DUE_ON = datetime.date(2027, 3, 1)


@pytest.fixture
def meeting(personas):
    factories.MeetingFactory(partnership=personas.partnership, date=datetime.date(2026, 12, 14))
    return factories.MeetingFactory(partnership=personas.partnership, date=MEETING_ON)


@pytest.fixture
def actions(personas, meeting):
    return {
        "police": factories.ActionFactory(
            workstream=personas.police_workstream, label="i", text="Train call handlers"
        ),
        "council": factories.ActionFactory(
            workstream=personas.council_workstream, text="Publish the reporting guide"
        ),
    }


def by_recipient(messages):
    found = {}
    for message in messages:
        (address,) = message.to
        assert address not in found, f"{address} got two messages"
        found[address] = message
    return found


def html_of(message):
    (html, content_type), *_ = message.alternatives
    assert content_type == "text/html"
    return html


def test_the_due_date_is_the_rounds(meeting):
    assert round_of_meeting(meeting).round.due_on == DUE_ON


def test_each_lead_gets_their_own_actions_a_week_before_the_due_date(personas, actions):
    reminders_send(today=DUE_ON - 7 * DAY)
    received = by_recipient(delivered())
    assert set(received) == {personas.police_lead.email, personas.council_lead.email}
    police = received[personas.police_lead.email]
    assert police.subject == "1 update due from you"
    assert "B.i: Train call handlers" in police.body
    assert "Publish the reporting guide" not in police.body
    assert "due in 5 working days (Monday 1 March 2027)" in police.body
    url = f"http://127.0.0.1:8000{actions['police'].get_absolute_url()}#add-update-heading"
    assert url in police.body
    assert f'<a href="{url}">B.i: Train call handlers</a>' in html_of(police)
    assert "Publish the reporting guide" in received[personas.council_lead.email].body


@pytest.mark.parametrize("persona", ["secretariat", "chair", "community_member", "outsider"])
def test_people_who_lead_none_of_the_actions_get_nothing(personas, actions, persona):
    reminders_send(today=DUE_ON - 7 * DAY)
    assert getattr(personas, persona).email not in by_recipient(delivered())


def test_a_lead_in_two_partnerships_gets_one_message_listing_both(personas, actions):
    other = factories.PartnershipFactory(name="Other Safety Partnership")
    factories.MembershipFactory(partnership=other, person=personas.police_lead)
    workstream = factories.WorkstreamFactory(
        plan=factories.ActionPlanFactory(partnership=other),
        letter="A",
        lead_organisations=[personas.police],
    )
    factories.ActionFactory(workstream=workstream, text="Run the awareness week")
    factories.MeetingFactory(partnership=other, date=MEETING_ON + 2 * DAY)
    reminders_send(today=DUE_ON - 6 * DAY)
    message = by_recipient(delivered())[personas.police_lead.email]
    assert message.subject == "2 updates due from you"
    assert "Other Safety Partnership" in message.body
    assert "Run the awareness week" in message.body
    assert "Train call handlers" in message.body


def test_nothing_is_sent_before_the_first_reminder_or_to_a_lead_who_reported(personas, actions):
    assert reminders_send(today=DUE_ON - 8 * DAY) == []
    factories.ProgressUpdateFactory(
        action=actions["police"], author=personas.police_lead, as_at=DUE_ON - 10 * DAY
    )
    reminders_send(today=DUE_ON - 7 * DAY)
    assert set(by_recipient(delivered())) == {personas.council_lead.email}


def test_an_update_before_the_round_opened_does_not_count(personas, actions):
    factories.ProgressUpdateFactory(
        action=actions["police"], author=personas.police_lead, as_at=datetime.date(2026, 12, 1)
    )
    reminders_send(today=DUE_ON - 7 * DAY)
    assert personas.police_lead.email in by_recipient(delivered())


def test_running_twice_sends_each_reminder_once(personas, actions):
    assert len(reminders_send(today=DUE_ON - 7 * DAY)) == 2
    assert reminders_send(today=DUE_ON - 7 * DAY) == []
    assert reminders_send(today=DUE_ON - 5 * DAY) == []
    assert len(delivered()) == 2
    assert SentReminder.objects.filter(kind="before-7").count() == 2


def test_the_day_before_and_the_working_day_after_bring_a_reminder_each(personas, actions):
    reminders_send(today=DUE_ON - 7 * DAY)
    reminders_send(today=DUE_ON - DAY)
    reminders_send(today=DUE_ON)
    factories.ProgressUpdateFactory(
        action=actions["council"], author=personas.council_lead, as_at=DUE_ON
    )
    reminders_send(today=DUE_ON + DAY)
    reminders_send(today=DUE_ON + 2 * DAY)
    police = [m for m in delivered() if m.to == [personas.police_lead.email]]
    council = [m for m in delivered() if m.to == [personas.council_lead.email]]
    assert len(police) == 3
    assert "overdue by 1 day" in police[2].body
    assert len(council) == 2, "nothing after the due date once reported"


def test_a_scheduler_that_missed_days_sends_only_the_latest_reminder(personas, actions):
    reminders_send(today=DUE_ON - DAY)
    police = [m for m in delivered() if m.to == [personas.police_lead.email]]
    assert len(police) == 1
    assert list(SentReminder.objects.values_list("kind", flat=True).distinct()) == ["before-1"]


def test_a_lead_whose_membership_ended_or_is_deactivated_gets_nothing(personas, actions):
    Membership.objects.filter(person=personas.police_lead).update(ended_on=DUE_ON - 30 * DAY)
    personas.council_lead.is_active = False
    personas.council_lead.save()
    assert reminders_send(today=DUE_ON - 7 * DAY) == []


def test_a_dry_run_records_and_queues_nothing(personas, actions):
    assert len(reminders_send(today=DUE_ON - 7 * DAY, dry_run=True)) == 2
    assert not SentReminder.objects.exists()
    assert delivered() == []


def test_finding_the_reminders_costs_the_same_whatever_the_number_of_actions(
    personas, actions, django_assert_max_num_queries
):
    for _ in range(5):
        factories.SubItemFactory(parent__workstream=personas.police_workstream)
    # 1 for the meetings, 3 for the due actions, their workstreams and the workstreams'
    # lead organisations, 1 for the updates in the round, 1 for the leads, 1 for the
    # reminders already sent.
    with django_assert_max_num_queries(7):
        reminders = reminders_due(today=DUE_ON - 7 * DAY)
    assert len(reminders) == 2

"""`manage.py run_scheduled`: queues the reminders that have come, says what it did, sends
each once however often it runs, and prunes old security events; delivering is left to
`deliver_mail`."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from mailer.models import Message

from reporting.models import SentReminder
from tests import factories
from tests.mail import delivered

pytestmark = pytest.mark.django_db

WEEK_BEFORE = "2027-02-22"  # a week before updates are due for a meeting on 15 March 2027


@pytest.fixture
def due(personas):
    factories.MeetingFactory(partnership=personas.partnership, date=datetime.date(2026, 12, 14))
    factories.MeetingFactory(partnership=personas.partnership, date=datetime.date(2027, 3, 15))
    factories.ActionFactory(workstream=personas.police_workstream)


def run(*args) -> str:
    output = io.StringIO()
    call_command("run_scheduled", *args, stdout=output)
    return output.getvalue()


def test_it_queues_the_reminders_once_and_leaves_delivery_to_deliver_mail(personas, due):
    output = run("--today", WEEK_BEFORE)
    assert f"Queued to {personas.police_lead.email}: 1 update(s) due (before-7" in output
    assert "Queued 1 reminder(s)." in output
    assert "security event(s)" in output
    assert Message.objects.count() == 1, "queued, not yet delivered"
    assert "Queued 0 reminder(s)." in run("--today", WEEK_BEFORE)
    assert [message.to for message in delivered()] == [[personas.police_lead.email]]


def test_a_dry_run_says_what_it_would_queue_and_queues_nothing(personas, due):
    output = run("--today", WEEK_BEFORE, "--dry-run")
    assert f"Would queue to {personas.police_lead.email}" in output
    assert "Would delete" in output
    assert not Message.objects.exists()
    assert not SentReminder.objects.exists()


def test_a_day_with_nothing_due_queues_nothing(personas, due):
    assert "Queued 0 reminder(s)." in run("--today", "2027-01-04")


def test_a_bad_date_is_refused_with_a_clear_message(db):
    with pytest.raises(CommandError, match="--today must be a date like 2027-03-01"):
        run("--today", "22/02/2027")


def test_it_queues_the_digest_of_a_round_that_closed(personas, due):
    output = run("--today", "2027-03-16")
    assert "Queued the digest of Test Hate Crime Action Group 15 Mar 2027" in output
    assert "Queued 1 digest(s)." in output

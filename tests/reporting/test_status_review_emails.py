"""The lead is told by e-mail when the chair or secretariat challenges or confirms the
status they reported: in the transaction of the review, with a link to the action, and a
one-click unsubscribe link and headers (RFC 8058) that stop this kind only."""

import pytest
from django.test import Client
from django.urls import reverse

from partners.models import Membership
from reporting.models import NotificationSettings
from tests import factories
from tests.mail import delivered

pytestmark = pytest.mark.django_db


@pytest.fixture
def update(personas):
    action = factories.ActionFactory(
        workstream=personas.police_workstream, label="i", text="Train call handlers"
    )
    return factories.ProgressUpdateFactory(action=action, author=personas.police_lead)


def review(client, person, update, outcome, comment=""):
    client.force_login(person)
    return client.post(
        reverse("workstreams:status-review", args=[update.action_id]),
        {"outcome": outcome, "comment": comment, "reviewed_update": update.pk},
    )


def test_a_challenge_is_mailed_to_the_lead_with_a_link_to_add_an_update(client, personas, update):
    review(client, personas.chair, update, "challenged", "What evidence is there?")
    (message,) = delivered()
    assert message.to == [personas.police_lead.email]
    assert message.subject == "Your status for B.i was challenged"
    assert "What evidence is there?" in message.body
    assert f"{update.action.get_absolute_url()}#add-update-heading" in message.body
    assert message.alternatives[0][1] == "text/html"


def test_a_confirmation_is_mailed_with_the_unsubscribe_headers(client, personas, update):
    review(client, personas.secretariat, update, "confirmed")
    (message,) = delivered()
    assert message.subject == "Your status for B.i was confirmed"
    header = message.extra_headers["List-Unsubscribe"]
    assert header.startswith("<http://127.0.0.1:8000/unsubscribe/")
    assert header.endswith(">")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert header[1:-1] in message.body


def test_the_one_click_link_in_the_headers_stops_this_kind_only(client, personas, update):
    review(client, personas.chair, update, "confirmed")
    (message,) = delivered()
    url = message.extra_headers["List-Unsubscribe"][1:-1].removeprefix("http://127.0.0.1:8000")
    mail_program = Client(enforce_csrf_checks=True)
    assert mail_program.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 200
    saved = NotificationSettings.objects.get(person=personas.police_lead)
    assert (saved.status_reviewed, saved.papers_added, saved.round_digest) == (False, True, True)
    review(client, personas.chair, update, "challenged", "Look again")
    assert len(delivered()) == 1, "nothing more of this kind"


def test_confirming_several_at_once_sends_each_lead_one_message(client, personas):
    updates = [
        factories.ProgressUpdateFactory(
            action=factories.ActionFactory(workstream=personas.police_workstream),
            author=personas.police_lead,
        )
        for _ in range(3)
    ]
    client.force_login(personas.chair)
    client.post(
        reverse("workstreams:status-reviews-confirm", args=[personas.plan.slug]),
        {"updates": [u.pk for u in updates], "next": "/", "confirmed": "yes"},
    )
    (message,) = delivered()
    assert message.subject == "3 of your statuses were confirmed"


def test_nothing_is_sent_for_a_revision_for_ones_own_status_or_after_the_membership_ended(
    client, personas, update
):
    review(client, personas.chair, update, "revised", "Late by a quarter")
    own = factories.ProgressUpdateFactory(
        action=factories.ActionFactory(workstream=personas.police_workstream),
        author=personas.secretariat,
    )
    review(client, personas.secretariat, own, "confirmed")
    Membership.objects.filter(person=personas.police_lead).update(ended_on="2026-01-01")
    later = factories.ProgressUpdateFactory(action=update.action, author=personas.police_lead)
    review(client, personas.chair, later, "confirmed")
    assert delivered() == []

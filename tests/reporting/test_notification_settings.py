"""The e-mail settings page in "Your account", and one-click unsubscribe by signed token
(RFC 8058): without signing in, refused for a token not made by us, and never for the
reminders a lead cannot switch off."""

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from reporting.models import Notification, NotificationSettings
from reporting.notifications import SALT, unsubscribe_token
from reporting.views import NOTIFICATIONS_SAVED

pytestmark = pytest.mark.django_db

SETTINGS = reverse("reporting:notification-settings")


def settings_of(person):
    return NotificationSettings.objects.filter(person=person).first()


def test_the_account_page_links_to_the_settings(client, personas):
    client.force_login(personas.police_lead)
    assert SETTINGS in client.get(reverse("accounts:account")).content.decode()


@pytest.mark.parametrize(
    "persona",
    ["secretariat", "chair", "police_lead", "council_lead", "community_member", "outsider"],
)
def test_each_person_may_choose_their_own_settings(client, personas, persona):
    person = getattr(personas, persona)
    client.force_login(person)
    page = client.get(SETTINGS).content.decode()
    assert "Reminders of updates due for the actions you lead are always sent" in page
    assert 'name="papers_added"' in page
    assert 'name="reminders"' not in page
    response = client.post(SETTINGS, {"status_reviewed": "on"}, follow=True)
    assert NOTIFICATIONS_SAVED in response.content.decode()
    saved = settings_of(person)
    assert (saved.status_reviewed, saved.papers_added, saved.round_digest) == (True, False, False)


def test_signed_out_people_are_sent_to_sign_in_for_the_settings(client):
    assert client.get(SETTINGS)["Location"].startswith(reverse("login"))


def test_reminders_cannot_be_switched_off(client, personas):
    client.force_login(personas.police_lead)
    client.post(SETTINGS, {"reminders": "", "papers_added": "on"})
    assert settings_of(personas.police_lead).receives(Notification.REMINDER)
    with pytest.raises(ValueError, match="cannot be switched off"):
        unsubscribe_token(person=personas.police_lead, kind=Notification.REMINDER)
    forged = signing.dumps({"person": personas.police_lead.pk, "kind": "reminders"}, salt=SALT)
    assert client.post(reverse("reporting:unsubscribe", args=[forged])).status_code == 404


def test_the_unsubscribe_link_asks_first_then_stops_that_kind_without_signing_in(client, personas):
    token = unsubscribe_token(person=personas.council_lead, kind=Notification.PAPERS_ADDED)
    url = reverse("reporting:unsubscribe", args=[token])
    page = client.get(url)
    assert page.status_code == 200
    assert "Stop receiving e-mail of this kind: papers added" in page.content.decode()
    assert settings_of(personas.council_lead) is None, "a GET changes nothing"


def test_one_click_post_unsubscribes_without_csrf_or_signing_in(personas):
    client = Client(enforce_csrf_checks=True)
    token = unsubscribe_token(person=personas.council_lead, kind=Notification.ROUND_DIGEST)
    response = client.post(
        reverse("reporting:unsubscribe", args=[token]), {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    assert "You are unsubscribed" in response.content.decode()
    saved = settings_of(personas.council_lead)
    assert (saved.round_digest, saved.papers_added, saved.status_reviewed) == (False, True, True)


@pytest.mark.parametrize("token", ["nonsense", "x" * 40])
def test_a_bad_token_is_refused(client, personas, token):
    assert client.get(reverse("reporting:unsubscribe", args=[token])).status_code == 404
    assert client.post(reverse("reporting:unsubscribe", args=[token])).status_code == 404


def test_a_token_signed_for_something_else_is_refused(client, personas):
    token = signing.dumps({"person": personas.council_lead.pk, "kind": "papers_added"})
    assert client.post(reverse("reporting:unsubscribe", args=[token])).status_code == 404
    assert settings_of(personas.council_lead) is None

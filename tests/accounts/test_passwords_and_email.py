"""Resetting a forgotten password, changing it, and changing one's email address."""

import re

import pytest
from allauth.account.models import EmailAddress
from auditlog.models import LogEntry
from django.urls import reverse

from tests import factories
from tests.conftest import authenticated_at
from tests.mail import delivered

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-demo-password"
NEW_PASSWORD = "another-long-password-1"
RESET = reverse("account_reset_password")
RESET_LINK = re.compile(r"https?://\S+(/account/password/reset/key/\S+/)")


@pytest.fixture
def chair(db):
    return factories.PersonFactory(username="chair", email="chair@example.org", password=PASSWORD)


def ask_for_reset(client, captured, email):
    with captured(execute=True):
        return client.post(RESET, {"email": email})


def reset_link() -> str:
    return RESET_LINK.search(delivered()[-1].body).group(1)


def choose_password(client, link, password=NEW_PASSWORD):
    form = client.get(link, follow=True)
    return client.post(form.redirect_chain[-1][0] if form.redirect_chain else link,
                       {"password1": password, "password2": password})  # fmt: skip


def test_a_known_and_an_unknown_address_get_the_same_answer_and_only_one_email(
    client, chair, django_capture_on_commit_callbacks
):
    known = ask_for_reset(client, django_capture_on_commit_callbacks, "CHAIR@example.org")
    unknown = ask_for_reset(client, django_capture_on_commit_callbacks, "nobody@example.org")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    done = client.get(known["Location"]).content.decode()
    assert "If the address you entered belongs to an account" in done
    assert [message.to for message in delivered()] == [["chair@example.org"]]


def test_a_reset_link_sets_a_new_password_once(client, chair, django_capture_on_commit_callbacks):
    ask_for_reset(client, django_capture_on_commit_callbacks, "chair@example.org")
    link = reset_link()
    response = choose_password(client, link)
    assert response.status_code == 302
    chair.refresh_from_db()
    assert chair.check_password(NEW_PASSWORD)
    again = client.get(link, follow=True).content.decode()
    assert "This link has expired" in again


def test_a_reset_link_expires(client, chair, settings, django_capture_on_commit_callbacks):
    ask_for_reset(client, django_capture_on_commit_callbacks, "chair@example.org")
    settings.PASSWORD_RESET_TIMEOUT = -1
    response = choose_password(client, reset_link())
    assert "This link has expired" in response.content.decode()
    chair.refresh_from_db()
    assert chair.check_password(PASSWORD)


def test_a_reset_ends_every_session(client, chair, django_capture_on_commit_callbacks):
    elsewhere = type(client)()
    elsewhere.force_login(chair)
    ask_for_reset(client, django_capture_on_commit_callbacks, "chair@example.org")
    choose_password(client, reset_link())
    assert elsewhere.get(reverse("overview:home")).status_code == 302


def test_resets_are_limited_per_address(client, chair, django_capture_on_commit_callbacks):
    for _ in range(5):
        ask_for_reset(client, django_capture_on_commit_callbacks, "chair@example.org")
    assert len(delivered()) == 3


def test_a_bad_address_is_explained(client):
    response = client.post(RESET, {"email": "not an address"})
    assert "Enter an email address in the correct format" in response.content.decode()


def change_password(client, old=PASSWORD, new=NEW_PASSWORD, again=None):
    return client.post(
        reverse("account_change_password"),
        {"oldpassword": old, "password1": new, "password2": again or new},
    )


def test_changing_the_password_keeps_this_session_and_ends_the_others(client, chair):
    elsewhere = type(client)()
    elsewhere.force_login(chair)
    client.force_login(chair)
    response = change_password(client)
    assert response.status_code == 302
    assert client.get(reverse("overview:home")).status_code == 200
    assert elsewhere.get(reverse("overview:home")).status_code == 302
    chair.refresh_from_db()
    assert chair.check_password(NEW_PASSWORD)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"old": "wrong"}, "Enter your current password correctly"),
        ({"again": "something-else-entirely"}, "Enter the same new password in both boxes"),
        ({"new": "short"}, "This password is too short"),
    ],
)
def test_a_password_change_that_cannot_be_made_is_explained(client, chair, fields, message):
    client.force_login(chair)
    response = change_password(client, **fields)
    assert response.status_code == 200
    assert message in response.content.decode()
    chair.refresh_from_db()
    assert chair.check_password(PASSWORD)


def test_changing_the_email_address_needs_the_password_and_the_new_mailbox(
    client, chair, django_capture_on_commit_callbacks
):
    client.force_login(chair)
    authenticated_at(client, chair, seconds_ago=11 * 60)
    asked = client.post(reverse("account_email"), {"email": "jo@example.net", "action_add": ""})
    assert asked.status_code == 302
    assert asked["Location"].startswith(reverse("account_reauthenticate"))
    with django_capture_on_commit_callbacks(execute=True):
        wrong = client.post(asked["Location"], {"password": "wrong"})
        assert "Enter your password correctly" in wrong.content.decode()
        confirmed = client.post(asked["Location"], {"password": PASSWORD})
        assert confirmed.status_code == 302
        client.post(reverse("account_email"), {"email": "jo@example.net", "action_add": ""})
    chair.refresh_from_db()
    assert chair.email == "chair@example.org", "nothing changes until the new address confirms"
    message = delivered()[-1]
    assert message.to == ["jo@example.net"]
    confirm = re.search(r"https?://\S+(/account/email/confirm/\S+/)", message.body).group(1)
    client.post(confirm)
    chair.refresh_from_db()
    assert chair.email == "jo@example.net"
    assert list(EmailAddress.objects.filter(user=chair).values_list("email", flat=True)) == [
        "jo@example.net"
    ]


def test_a_password_change_and_a_reset_are_in_the_audit_log(
    client, chair, django_capture_on_commit_callbacks
):
    client.force_login(chair)
    change_password(client)
    client.logout()
    ask_for_reset(client, django_capture_on_commit_callbacks, "chair@example.org")
    choose_password(client, reset_link(), password="yet-another-long-password")
    entries = LogEntry.objects.filter(content_type__model="person", object_id=chair.pk)
    logged = [entry.changes["password"][1] for entry in entries if "password" in entry.changes]
    assert sorted(logged) == ["(changed)", "(reset)"]
    assert entries.filter(changes__password__1="(changed)").get().actor == chair
    assert NEW_PASSWORD not in str(list(entries.values_list("changes", flat=True)))

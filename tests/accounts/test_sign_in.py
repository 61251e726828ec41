"""Signing in: by username or email address, in GOV.UK's words; django-axes locks a
username out from one address, and failures from every address slow the account down
(accounts.backoff) without locking its owner out of a browser they have used."""

import pytest
from django.urls import reverse

from accounts import backoff
from tests import factories
from tests.mail import delivered

pytestmark = pytest.mark.django_db

SIGN_IN = reverse("login")
PASSWORD = "a-long-demo-password"


def sign_in(client, login, password, address="10.0.0.1"):
    return client.post(SIGN_IN, {"login": login, "password": password}, REMOTE_ADDR=address)


@pytest.fixture
def chair(db):
    return factories.PersonFactory(username="chair", email="chair@example.org", password=PASSWORD)


def test_a_person_signs_in_with_their_email_address_in_any_case(client, chair):
    response = sign_in(client, "Chair@Example.org", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("overview:home")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"login": "", "password": "x"}, "Enter your username or email address"),
        ({"login": "chair", "password": ""}, "Enter your password"),
    ],
)
def test_missing_details_get_gov_uk_messages(client, chair, data, message):
    response = client.post(SIGN_IN, data)
    content = response.content.decode()
    assert message in content
    assert "There is a problem" in content
    assert "This field is required" not in content


def test_an_unknown_username_and_a_wrong_password_get_the_same_answer(client, chair):
    unknown = sign_in(client, "nobody", "wrong").content.decode()
    wrong = sign_in(client, "chair", "wrong").content.decode()
    message = "Enter a correct username or email address and password"
    assert message in unknown
    assert message in wrong


def test_the_sign_in_page_links_to_the_password_reset(client):
    assert reverse("account_reset_password") in client.get(SIGN_IN).content.decode()


def test_nobody_signs_up(client):
    assert client.get("/accounts/signup/").status_code in {302, 404}
    with pytest.raises(Exception, match="account_signup"):
        reverse("account_signup")


def test_guesses_from_changing_addresses_are_slowed_down(client, chair, settings):
    """12 failures from 12 addresses never trip the per-address lockout, but from the
    SIGN_IN_BACKOFF_AFTER-th on, each try must wait, whatever the address."""
    for attempt in range(settings.SIGN_IN_BACKOFF_AFTER):
        sign_in(client, "chair", "wrong", address=f"192.0.2.{attempt}")
    refused = sign_in(client, "chair", PASSWORD, address="198.51.100.7")
    assert refused.status_code == 200, "the right password is not even tried"
    assert "too many tries to sign in to this account" in refused.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_back_off_counts_the_account_whichever_of_its_names_is_typed(client, chair, settings):
    for attempt in range(settings.SIGN_IN_BACKOFF_AFTER):
        login = "chair" if attempt % 2 else "CHAIR@example.org"
        sign_in(client, login, "wrong", address=f"192.0.2.{attempt}")
    assert backoff.wait_seconds("chair") > 0


def test_each_further_failure_doubles_the_wait(chair, settings):
    now = 1_000_000.0
    for _ in range(settings.SIGN_IN_BACKOFF_AFTER):
        backoff.failure_recorded("chair", now=now)
    assert backoff.wait_seconds("chair", now=now) == 30
    assert backoff.wait_seconds("chair", now=now + 31) == 0, "it slows, it does not lock"
    backoff.failure_recorded("chair", now=now + 31)
    assert backoff.wait_seconds("chair", now=now + 31) == 60
    for step in range(10):
        backoff.failure_recorded("chair", now=now + 100 + step)
    assert backoff.wait_seconds("chair", now=now + 109) == backoff.LONGEST_WAIT_SECONDS


def test_the_window_ends(chair, settings):
    now = 1_000_000.0
    for _ in range(settings.SIGN_IN_BACKOFF_AFTER):
        backoff.failure_recorded("chair", now=now)
    later = now + settings.SIGN_IN_BACKOFF_WINDOW_MINUTES * 60 + 1
    assert backoff.wait_seconds("chair", now=later) == 0


def test_the_person_is_told_once_a_window_that_their_account_is_being_guessed_at(
    client, chair, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for attempt in range(settings.SIGN_IN_BACKOFF_AFTER + 3):
            sign_in(client, "chair", "wrong", address=f"192.0.2.{attempt}")
    warnings = [m for m in delivered() if m.to == ["chair@example.org"]]
    assert len(warnings) == 1
    assert "trying to sign in to your account" in warnings[0].subject
    assert reverse("account_reset_password") in warnings[0].body


def test_guesses_at_a_name_nobody_has_are_answered_the_same_and_e_mail_nobody(
    client, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for attempt in range(settings.SIGN_IN_BACKOFF_AFTER):
            sign_in(client, "nobody", "wrong", address=f"192.0.2.{attempt}")
    refused = sign_in(client, "nobody", "wrong", address="198.51.100.7")
    assert "too many tries to sign in to this account" in refused.content.decode()
    assert not delivered()


def test_a_browser_that_signed_in_before_is_not_slowed_down(client, chair, settings):
    assert sign_in(client, "chair", PASSWORD).status_code == 302
    assert backoff.KNOWN_BROWSER_COOKIE in client.cookies
    client.post(reverse("logout"))
    attacker = type(client)()
    for attempt in range(settings.SIGN_IN_BACKOFF_AFTER + 2):
        sign_in(attacker, "chair", "wrong", address=f"192.0.2.{attempt}")
    assert sign_in(attacker, "chair", PASSWORD, address="192.0.2.200").status_code == 200
    assert sign_in(client, "chair", PASSWORD, address="198.51.100.7").status_code == 302


def test_a_known_browser_cookie_for_another_account_does_not_help(client, chair, settings):
    factories.PersonFactory(username="colleague", password=PASSWORD)
    sign_in(client, "colleague", PASSWORD)
    client.post(reverse("logout"))
    for attempt in range(settings.SIGN_IN_BACKOFF_AFTER):
        sign_in(client, "chair", "wrong", address=f"192.0.2.{attempt}")
    assert sign_in(client, "chair", PASSWORD, address="192.0.2.99").status_code == 200


def test_a_lockout_from_one_address_leaves_another_address_free(client, chair, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "chair", "wrong", address="10.0.0.1")
    assert sign_in(client, "chair@example.org", PASSWORD, address="10.0.0.1").status_code == 429, (
        "the lockout counts the account, not the name typed"
    )
    assert sign_in(client, "chair", PASSWORD, address="10.0.0.2").status_code == 302

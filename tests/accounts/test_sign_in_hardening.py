"""Passwords are hashed with Argon2 (older hashes replaced at sign-in), are at least 12
characters and not on Django's list of common passwords; a person locked out is told
when they can try again."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.hashers import make_password
from django.urls import reverse
from django.utils import timezone

from hcag import settings as hcag_settings
from tests import factories

pytestmark = pytest.mark.django_db

SIGN_IN = reverse("login")
PASSWORD = "a-long-demo-password"
NEW_PASSWORD_URL = reverse("account_change_password")


@pytest.fixture
def production_hashers(settings):
    settings.PASSWORD_HASHERS = hcag_settings.PASSWORD_HASHERS


def test_new_passwords_are_hashed_with_argon2(production_hashers):
    assert hcag_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    person = factories.PersonFactory(password=PASSWORD)
    assert person.password.startswith("argon2$")


def test_an_older_hash_becomes_argon2_when_its_owner_signs_in(client, production_hashers):
    person = factories.PersonFactory(username="chair")
    person.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    person.save(update_fields=["password"])

    response = client.post(SIGN_IN, {"login": "chair", "password": PASSWORD})

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.password.startswith("argon2$")
    assert person.check_password(PASSWORD)


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("eleven-char", "This password is too short. It must contain at least 12 characters."),
        ("password1234", "This password is too common."),
    ],
)
def test_a_short_or_common_new_password_is_refused(client, password, message):
    person = factories.PersonFactory(password=PASSWORD)
    client.force_login(person)
    response = client.post(
        NEW_PASSWORD_URL,
        {"oldpassword": PASSWORD, "password1": password, "password2": password},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    person.refresh_from_db()
    assert person.check_password(PASSWORD)


def test_a_twelve_character_password_is_long_enough(client):
    person = factories.PersonFactory(password=PASSWORD)
    client.force_login(person)
    response = client.post(
        NEW_PASSWORD_URL,
        {"oldpassword": PASSWORD, "password1": "kestrel-fen7", "password2": "kestrel-fen7"},
    )
    assert response.status_code == 302


def test_a_locked_out_person_is_told_when_they_can_try_again(client, settings):
    factories.PersonFactory(username="chair", password=PASSWORD)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(SIGN_IN, {"login": "chair", "password": "wrong"}, REMOTE_ADDR="10.0.0.1")
    tripped_at = AccessAttempt.objects.get(username="chair").attempt_time
    ends_at = timezone.localtime(tripped_at + settings.AXES_COOLOFF_TIME)

    locked = client.post(SIGN_IN, {"login": "chair", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1")

    assert locked.status_code == 429
    content = locked.content.decode()
    clock = ends_at.strftime("%-I:%M ") + ("a.m." if ends_at.hour < 12 else "p.m.")
    assert f"You can try again from {clock}" in content
    assert "(in 15 minutes)" in content


def test_the_time_to_wait_counts_from_the_failure_that_locked_the_account(client, settings):
    factories.PersonFactory(username="chair", password=PASSWORD)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(SIGN_IN, {"login": "chair", "password": "wrong"}, REMOTE_ADDR="10.0.0.1")
    AccessAttempt.objects.filter(username="chair").update(
        attempt_time=timezone.now() - datetime.timedelta(minutes=10, seconds=30)
    )

    locked = client.post(SIGN_IN, {"login": "chair", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1")

    assert "(in 5 minutes)" in locked.content.decode()

"""The security event log records each second-factor event once: added, used (or a
wrong code), a recovery code used, and removed."""

import pyotp
import pytest
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY
from django.urls import reverse

from partners.models import Membership
from security.models import SecurityEvent
from tests import factories

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-demo-password"
Kind = SecurityEvent.Kind
Outcome = SecurityEvent.Outcome


@pytest.fixture
def chair():
    person = factories.PersonFactory(username="chair", password=PASSWORD)
    factories.MembershipFactory(person=person, role=Membership.Role.CHAIR, second_factor=False)
    return person


def sign_in(client, person):
    client.post(reverse("login"), {"login": person.username, "password": PASSWORD})


def kinds():
    return [(event.kind, event.outcome) for event in SecurityEvent.objects.order_by("pk")]


def test_setting_up_an_app_is_recorded_once(client, chair, django_capture_on_commit_callbacks):
    sign_in(client, chair)
    client.get(reverse("mfa_activate_totp"))
    code = pyotp.TOTP(client.session[SECRET_SESSION_KEY]).now()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("mfa_activate_totp"), {"code": code})
    added = SecurityEvent.objects.filter(kind=Kind.SECOND_FACTOR_ADDED, person=chair)
    assert [event.detail for event in added] == ["totp"]


def test_a_code_used_to_sign_in_and_a_wrong_one_are_recorded_once_each(client, chair):
    factories.second_factor_for(chair)
    sign_in(client, chair)
    client.post(reverse("mfa_authenticate"), {"code": "000000"})
    client.post(reverse("mfa_authenticate"), {"code": factories.totp_code(chair)})
    assert kinds() == [
        (Kind.SECOND_FACTOR_USED, Outcome.FAILURE),
        (Kind.SECOND_FACTOR_USED, Outcome.SUCCESS),
        (Kind.SIGN_IN, Outcome.SUCCESS),
    ]


def test_a_recovery_code_used_is_recorded_once(client, chair):
    factories.second_factor_for(chair)
    sign_in(client, chair)
    client.post(reverse("mfa_authenticate"), {"code": factories.recovery_codes_of(chair)[0]})
    assert SecurityEvent.objects.filter(kind=Kind.RECOVERY_CODE_USED, person=chair).count() == 1
    assert not SecurityEvent.objects.filter(kind=Kind.SECOND_FACTOR_USED).exists()


def test_turning_the_app_off_is_recorded_once_with_its_recovery_codes(client, chair):
    factories.second_factor_for(chair)
    client.force_login(chair)
    client.post(reverse("mfa_deactivate_totp"))
    removed = SecurityEvent.objects.filter(kind=Kind.SECOND_FACTOR_REMOVED, person=chair)
    assert [event.detail for event in removed] == ["totp"]

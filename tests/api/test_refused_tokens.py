"""A refused token (unknown, revoked, expired, or its owner's account deactivated) is a
security event that a service administrator reads on the log; a request with no token
is not; and refusals from one address are limited, so that nobody can flood the log."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from api.models import ApiToken
from api.services import api_token_create, api_token_revoke
from security.models import SecurityEvent
from tests import factories

pytestmark = pytest.mark.django_db

Kind = SecurityEvent.Kind


def refusals() -> list[SecurityEvent]:
    return list(SecurityEvent.objects.filter(kind=Kind.API_TOKEN_REFUSED).order_by("pk"))


def get_actions(client, key: str):
    return client.get(
        "/api/v1/actions/", HTTP_AUTHORIZATION=f"Bearer {key}", REMOTE_ADDR="203.0.113.7"
    )


def test_an_unknown_token_is_recorded_without_its_key(client, personas):
    response = get_actions(client, "hcag_guessed")

    assert response.status_code == 401
    [event] = refusals()
    assert (event.outcome, event.person, event.address) == ("failure", None, "203.0.113.7")
    assert event.detail == "unknown token: GET /api/v1/actions/"
    assert "hcag_guessed" not in event.detail


def test_a_revoked_token_is_recorded_against_its_owner(client, personas):
    token, key = api_token_create(person=personas.police_lead, name="Excel", days=90)
    api_token_revoke(token=token)

    assert get_actions(client, key).status_code == 401

    [event] = refusals()
    assert (event.person, event.username) == (personas.police_lead, "police.lead")
    assert event.detail == f"revoked token “Excel” ({token.key_start}…): GET /api/v1/actions/"
    assert key not in event.detail


def test_an_expired_token_is_recorded(client, personas):
    token, key = api_token_create(person=personas.police_lead, name="Excel", days=30)
    ApiToken.objects.filter(pk=token.pk).update(
        expires_on=timezone.localdate() - datetime.timedelta(days=1)
    )

    assert get_actions(client, key).status_code == 401

    [event] = refusals()
    assert event.detail.startswith("expired token “Excel”")


def test_a_deactivated_accounts_token_is_recorded(client, personas):
    _, key = api_token_create(person=personas.police_lead, name="Excel", days=90)
    personas.police_lead.is_active = False
    personas.police_lead.save()

    assert get_actions(client, key).status_code == 401

    [event] = refusals()
    assert event.detail.startswith("token of a deactivated account")


def test_a_malformed_header_is_recorded(client, personas):
    response = client.get("/api/v1/actions/", HTTP_AUTHORIZATION="Bearer two parts")

    assert response.status_code == 401
    assert [event.detail for event in refusals()] == ["malformed header: GET /api/v1/actions/"]


@pytest.mark.parametrize("header", [None, "Basic dXNlcjpwYXNz"])
def test_a_request_without_a_token_is_not_recorded(client, personas, header):
    extra = {"HTTP_AUTHORIZATION": header} if header else {}

    assert client.get("/api/v1/actions/", **extra).status_code == 401

    assert refusals() == []


def test_a_working_token_is_not_recorded(client, personas):
    _, key = api_token_create(person=personas.police_lead, name="Excel", days=90)

    assert get_actions(client, key).status_code == 200

    assert refusals() == []


def test_a_service_administrator_reads_the_refusal_on_the_log(client, personas):
    token, key = api_token_create(person=personas.police_lead, name="Excel", days=90)
    api_token_revoke(token=token)
    get_actions(client, key)
    client.force_login(factories.PersonFactory(is_service_admin=True))

    log = client.get(reverse("security:events"), {"kind": Kind.API_TOKEN_REFUSED})

    page = log.content.decode()
    assert "API token refused" in page
    assert f"revoked token “Excel” ({token.key_start}…)" in page
    assert key not in page


def test_refusals_from_one_address_are_limited_and_not_recorded_past_the_limit(
    client, personas, settings
):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"api": "1000/hour", "api-refused": "3/hour"},
    }
    _, key = api_token_create(person=personas.police_lead, name="Excel", days=90)

    answers = [get_actions(client, f"hcag_guess{n}").status_code for n in range(5)]

    assert answers == [401, 401, 401, 429, 429]
    assert len(refusals()) == 3
    # A caller with a working token from the same address is not held back.
    assert get_actions(client, key).status_code == 200
    other_address = client.get(
        "/api/v1/actions/", HTTP_AUTHORIZATION="Bearer hcag_guess", REMOTE_ADDR="198.51.100.1"
    )
    assert other_address.status_code == 401

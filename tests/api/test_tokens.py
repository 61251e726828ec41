"""Personal API tokens: created after a recent password, shown once, kept only as a
hash, revoked and expired by date; each creation and revocation is a security event."""

import datetime
import hashlib
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from api.models import ApiToken
from api.services import api_token_create
from partners.models import Membership
from security.models import SecurityEvent
from tests.api.conftest import LISTS
from tests.conftest import authenticated_at

pytestmark = pytest.mark.django_db

KEY = re.compile(r"<code>(hcag_[\w-]+)</code>")


def bearer(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_the_account_page_links_to_the_tokens(client, personas):
    client.force_login(personas.police_lead)

    page = client.get(reverse("accounts:account"))

    assert reverse("api:token-list") in page.content.decode()


def test_a_member_creates_a_token_shown_once_and_stored_hashed(client, personas):
    client.force_login(personas.police_lead)

    created = client.post(reverse("api:token-create"), {"name": "Power BI", "days": "90"})

    key = KEY.search(created.content.decode()).group(1)
    token = ApiToken.objects.get(person=personas.police_lead)
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in {token.key_hash, token.key_start, token.name}
    assert token.expires_on == timezone.localdate() + datetime.timedelta(days=90)
    assert key not in client.get(reverse("api:token-list")).content.decode()
    event = SecurityEvent.objects.get(kind=SecurityEvent.Kind.API_TOKEN_CREATED)
    assert event.person == personas.police_lead
    assert key not in event.detail


def test_the_default_lifetime_is_90_days(client, personas):
    client.force_login(personas.police_lead)

    form = client.get(reverse("api:token-create")).context["form"]

    assert form.initial["days"] == 90


def test_creating_a_token_needs_a_recent_password(client, personas):
    client.force_login(personas.police_lead)
    authenticated_at(client, personas.police_lead, seconds_ago=60 * 60)

    response = client.post(reverse("api:token-create"), {"name": "Power BI", "days": "90"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not ApiToken.objects.exists()


def test_a_token_without_a_name_is_refused(client, personas):
    client.force_login(personas.police_lead)

    response = client.post(reverse("api:token-create"), {"name": "", "days": "90"})

    assert "Enter what the token is for" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_token_reads_what_its_owner_may_see(client, personas, plans):
    _, key = api_token_create(person=personas.police_lead, name="Excel", days=90)

    response = client.get("/api/v1/actions/", **bearer(key))

    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [plans.own_action.pk]
    assert ApiToken.objects.get().last_used_on == timezone.localdate()


def test_the_token_keyword_works_too(client, personas, plans):
    _, key = api_token_create(person=personas.police_lead, name="Excel", days=90)

    assert client.get("/api/v1/actions/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 200


def test_a_member_revokes_their_token_after_confirming(client, personas, plans):
    token, key = api_token_create(person=personas.police_lead, name="Excel", days=90)
    client.force_login(personas.police_lead)

    confirm = client.get(reverse("api:token-revoke", args=[token.pk]))
    revoked = client.post(reverse("api:token-revoke", args=[token.pk]))

    assert confirm.status_code == 200
    assert revoked.status_code == 302
    client.logout()
    assert client.get("/api/v1/actions/", **bearer(key)).status_code == 401
    assert SecurityEvent.objects.filter(kind=SecurityEvent.Kind.API_TOKEN_REVOKED).exists()


def test_nobody_else_can_revoke_a_token(client, personas):
    token, _ = api_token_create(person=personas.police_lead, name="Excel", days=90)
    client.force_login(personas.council_lead)

    assert client.post(reverse("api:token-revoke", args=[token.pk])).status_code == 404
    assert ApiToken.objects.get().revoked_at is None


def test_an_expired_token_is_refused(client, personas, plans):
    token, key = api_token_create(person=personas.police_lead, name="Excel", days=30)
    ApiToken.objects.filter(pk=token.pk).update(
        expires_on=timezone.localdate() - datetime.timedelta(days=1)
    )

    response = client.get("/api/v1/actions/", **bearer(key))

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("header", ["Bearer hcag_wrong", "Bearer", "Bearer a b"])
def test_a_wrong_token_is_refused(client, personas, plans, header):
    assert client.get("/api/v1/actions/", HTTP_AUTHORIZATION=header).status_code == 401


def test_a_former_members_token_sees_nothing(client, personas, plans):
    _, key = api_token_create(person=personas.police_lead, name="Excel", days=90)
    Membership.objects.filter(person=personas.police_lead).update(
        ended_on=timezone.localdate() - datetime.timedelta(days=1)
    )

    for endpoint in LISTS:
        response = client.get(f"/api/v1/{endpoint}/", **bearer(key))
        assert response.status_code == 200
        assert response.json()["results"] == []


def test_a_deactivated_persons_token_is_refused(client, personas, plans):
    _, key = api_token_create(person=personas.police_lead, name="Excel", days=90)
    personas.police_lead.is_active = False
    personas.police_lead.save()

    assert client.get("/api/v1/actions/", **bearer(key)).status_code == 401


def test_each_token_is_rate_limited(client, personas, plans, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"api": "2/minute"},
    }
    _, key = api_token_create(person=personas.police_lead, name="Excel", days=90)
    _, other_key = api_token_create(person=personas.police_lead, name="Power BI", days=90)

    answers = [client.get("/api/v1/plans/", **bearer(key)).status_code for _ in range(3)]

    assert answers == [200, 200, 429]
    assert client.get("/api/v1/plans/", **bearer(other_key)).status_code == 200


@pytest.mark.parametrize("endpoint", LISTS)
def test_a_token_cannot_write(client, personas, plans, endpoint):
    _, key = api_token_create(person=personas.secretariat, name="Script", days=90)
    detail = f"/api/v1/{endpoint}/{plans.own[endpoint]}/"

    assert client.post(f"/api/v1/{endpoint}/", {}, **bearer(key)).status_code == 405
    assert client.put(detail, {}, **bearer(key)).status_code == 405
    assert client.patch(detail, {}, **bearer(key)).status_code == 405
    assert client.delete(detail, **bearer(key)).status_code == 405

"""An administrator lists personal API tokens in the Django admin, never their hashes,
and revokes one that may have got out; nobody adds, edits or deletes one there."""

import pytest
from django.urls import reverse

from api.models import ApiToken
from api.services import api_token_create
from security.models import SecurityEvent
from tests import factories

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:api_apitoken_changelist")


@pytest.fixture
def admin_client(client):
    client.force_login(
        factories.PersonFactory(username="the.admin", is_superuser=True, is_staff=True)
    )
    return client


@pytest.fixture
def token_and_key(personas):
    return api_token_create(person=personas.police_lead, name="Power BI", days=90)


def test_the_list_shows_each_token_but_never_its_hash(admin_client, token_and_key):
    token, key = token_and_key

    listed = admin_client.get(CHANGELIST).content.decode()
    change = admin_client.get(reverse("admin:api_apitoken_change", args=[token.pk]))

    assert "Power BI" in listed
    assert str(token.person) in listed
    assert token.key_start in listed
    assert change.status_code == 200
    for page in (listed, change.content.decode()):
        assert token.key_hash not in page
        assert key not in page


def test_an_administrator_revokes_a_token_and_it_stops_working(client, admin_client, token_and_key):
    token, key = token_and_key
    kept, _ = api_token_create(person=token.person, name="Excel", days=90)

    response = admin_client.post(
        CHANGELIST, {"action": "revoke", "_selected_action": [token.pk]}, follow=True
    )

    assert "1 token(s) revoked." in response.content.decode()
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    assert ApiToken.objects.get(pk=kept.pk).revoked_at is None
    event = SecurityEvent.objects.get(kind=SecurityEvent.Kind.API_TOKEN_REVOKED)
    assert event.person == token.person
    assert event.detail.endswith("revoked by the.admin")
    client.logout()
    assert client.get("/api/v1/plans/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


def test_nobody_adds_edits_or_deletes_a_token_in_the_admin(admin_client, token_and_key):
    token, _ = token_and_key
    change = reverse("admin:api_apitoken_change", args=[token.pk])

    assert admin_client.get(reverse("admin:api_apitoken_add")).status_code == 403
    assert admin_client.post(change, {"name": "Renamed"}).status_code == 403
    assert (
        admin_client.post(reverse("admin:api_apitoken_delete", args=[token.pk])).status_code == 403
    )
    assert ApiToken.objects.get(pk=token.pk).name == "Power BI"

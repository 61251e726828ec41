"""Every endpoint (each list, each object, an action's history and a measure's counts)
for every kind of caller with a token, and for none: the status each gets, and that
nothing of another partnership ever appears, whatever the answer."""

import datetime

import pytest
from django.utils import timezone

from api.models import ApiToken
from api.services import api_token_create, api_token_revoke
from partners.models import Membership
from tests.api.conftest import LISTS

pytestmark = pytest.mark.django_db

# Words only the other partnership's objects hold (tests/api/conftest.py).
OTHER_WORDS = ["Another Partnership", "Other plan", "Secret action", "Other progress"]


@pytest.fixture(autouse=True)
def refusals_unlimited(settings):
    """Each test here is refused more often than one address may be in an hour."""
    rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**rates, "api-refused": "1000/hour"},
    }


def paths(plans) -> list[tuple[str, str, int | None]]:
    """(path, kind, the other partnership's object that would be its answer)."""
    listed = [(f"/api/v1/{endpoint}/", "list", plans.other[endpoint]) for endpoint in LISTS]
    own = [(f"/api/v1/{endpoint}/{plans.own[endpoint]}/", "own", None) for endpoint in LISTS]
    other = [(f"/api/v1/{e}/{plans.other[e]}/", "other", None) for e in LISTS]
    extras = [
        (f"/api/v1/actions/{plans.own['actions']}/history/", "own-extra", plans.other_update.pk),
        (f"/api/v1/measures/{plans.own['measures']}/counts/", "own-extra", None),
        (f"/api/v1/actions/{plans.other['actions']}/history/", "other", None),
        (f"/api/v1/measures/{plans.other['measures']}/counts/", "other", None),
    ]
    return listed + own + other + extras


def member_token(personas):
    return api_token_create(person=personas.police_lead, name="Power BI", days=90)


def revoked_token(personas):
    token, key = member_token(personas)
    api_token_revoke(token=token)
    return token, key


def expired_token(personas):
    token, key = member_token(personas)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    ApiToken.objects.filter(pk=token.pk).update(expires_on=yesterday)
    return token, key


def former_members_token(personas):
    token, key = member_token(personas)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Membership.objects.filter(person=personas.police_lead).update(ended_on=yesterday)
    return token, key


def deactivated_accounts_token(personas):
    token, key = member_token(personas)
    personas.police_lead.is_active = False
    personas.police_lead.save()
    return token, key


# What each caller gets: on its own partnership's list, on one of its objects (and
# their history and counts), and on another partnership's object.
CALLERS = {
    "member's token": (member_token, {"list": 200, "own": 200, "own-extra": 200, "other": 404}),
    "revoked token": (revoked_token, {"list": 401, "own": 401, "own-extra": 401, "other": 401}),
    "expired token": (expired_token, {"list": 401, "own": 401, "own-extra": 401, "other": 401}),
    "former member's token": (
        former_members_token,
        {"list": 200, "own": 404, "own-extra": 404, "other": 404},
    ),
    "deactivated account's token": (
        deactivated_accounts_token,
        {"list": 401, "own": 401, "own-extra": 401, "other": 401},
    ),
    "no token": (None, {"list": 401, "own": 401, "own-extra": 401, "other": 401}),
}


@pytest.mark.parametrize("caller", CALLERS)
def test_every_endpoint_answers_each_caller_and_shows_nothing_of_another_partnership(
    client, personas, plans, caller
):
    make_token, expected = CALLERS[caller]
    headers = {}
    if make_token is not None:
        _, key = make_token(personas)
        headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    for path, kind, other_id in paths(plans):
        for answer_format in ("json", "csv"):
            response = client.get(path, {"format": answer_format}, **headers)
            assert response.status_code == expected[kind], (path, answer_format)
            text = response.content.decode("utf-8-sig")
            for words in OTHER_WORDS:
                assert words not in text, (path, answer_format, words)
            if response.status_code == 200 and answer_format == "json" and kind != "own":
                ids = {row.get("id") for row in response.json()["results"]}
                assert other_id not in ids, path


def test_a_former_members_lists_are_empty(client, personas, plans):
    _, key = former_members_token(personas)

    for endpoint in LISTS:
        response = client.get(f"/api/v1/{endpoint}/", HTTP_AUTHORIZATION=f"Bearer {key}")
        assert response.json()["results"] == [], endpoint

"""Every page needs a signed-in person, except the few that are public on purpose."""

import re
import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

pytestmark = pytest.mark.django_db

# Public on purpose: signing in and out, resetting a forgotten password, confirming an
# email address from its mailbox, following an invitation, the accessibility statement,
# a calendar subscription (a secret address, since calendar programs cannot sign in), and
# a one-click unsubscribe link (signed, since mail programs post it without signing in).
# The admin has its own sign-in and is left out.
PUBLIC = {
    "login",
    "account_login",
    "logout",
    "account_logout",
    "account_inactive",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
    "account_email_verification_sent",
    "account_confirm_email",
    "partners:invitation",
    "accessibility-statement",
    "meetings:calendar-feed",
    "reporting:unsubscribe",
    # A partnership's published page and open data (404 until it publishes them).
    "publishing:public-page",
    "publishing:public-action",
    "publishing:open-data-json",
    "publishing:open-data-csv",
    # What the API offers: its schema and the pages documenting it.
    "api:schema",
    "api:docs",
    "api:redoc",
    # The API's view of a partnership's published actions (404 until it publishes them).
    "api:public-action-list",
    "api:public-action-detail",
}
# The API's data answers 401 to anybody without a token or a sign-in, as an API client
# expects, rather than sending them to the sign-in page.
ANSWERS_401 = {
    "api:partnership-list",
    "api:partnership-detail",
    "api:plan-list",
    "api:plan-detail",
    "api:workstream-list",
    "api:workstream-detail",
    "api:action-list",
    "api:action-detail",
    "api:action-history",
    "api:progress-update-list",
    "api:progress-update-detail",
    "api:meeting-list",
    "api:meeting-detail",
    "api:meeting-action-list",
    "api:meeting-action-detail",
    "api:measure-list",
    "api:measure-detail",
    "api:measure-counts",
}
SAMPLE_VALUES = {"int": "999999", "slug": "no-such-thing", "str": "x", "uuid": str(uuid.uuid4())}
PARAMETER = re.compile(r"<(?:(\w+):)?\w+>")


def every_named_route(patterns=None, prefix="", namespace=""):
    """(name, route) of every named URL outside the admin, routes with their prefixes."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver) and pattern.app_name != "admin":
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from every_named_route(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", route


def sample_url(route: str) -> str:
    return "/" + PARAMETER.sub(lambda match: SAMPLE_VALUES[match.group(1) or "str"], route)


ROUTES = sorted(every_named_route())


def test_every_page_is_found():
    assert len(ROUTES) > 40


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_the_public_pages_are_named_routes(name):
    assert name in dict(ROUTES)


@pytest.mark.parametrize(
    ("name", "route"), [r for r in ROUTES if r[0] not in PUBLIC and r[0] not in ANSWERS_401]
)
def test_anonymous_people_are_sent_to_sign_in(client, name, route):
    url = sample_url(route)
    response = client.get(url)
    assert response.status_code == 302, url
    assert response["Location"].startswith(reverse("login")), url


@pytest.mark.parametrize("name", sorted(ANSWERS_401))
def test_the_api_answers_401_to_anonymous_people(client, name):
    url = reverse(name, kwargs={"pk": 999999} if not name.endswith("-list") else {})
    assert client.get(url).status_code == 401, url

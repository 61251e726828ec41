import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

HOME = reverse("overview:home")
SIGN_IN = reverse("login")
SIGNED_OUT = "You have signed out."


@pytest.mark.parametrize(
    "url",
    [
        HOME,
        "/partnerships/any-partnership/",
        "/plans/any-plan/",
    ],
)
def test_anonymous_people_are_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{SIGN_IN}?next={url}"


def test_the_accessibility_statement_and_sign_in_are_public(client):
    assert client.get(reverse("accessibility-statement")).status_code == 200
    assert client.get(SIGN_IN).status_code == 200


def test_signing_in_with_the_right_password_goes_home(client):
    factories.PersonFactory(username="chair", password="a-long-demo-password")
    response = client.post(SIGN_IN, {"login": "chair", "password": "a-long-demo-password"})
    assert response.status_code == 302
    assert response["Location"] == HOME


def test_a_wrong_password_shows_the_error_summary(client):
    factories.PersonFactory(username="chair")
    response = client.post(SIGN_IN, {"login": "chair", "password": "wrong"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content
    assert "Enter a correct username or email address and password" in content
    assert "<title>Error: Sign in" in content


def test_repeated_failures_lock_out_that_username_from_that_address(client, settings):
    factories.PersonFactory(username="chair", password="a-long-demo-password")
    factories.PersonFactory(username="colleague", password="a-long-demo-password")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(SIGN_IN, {"login": "chair", "password": "wrong"}, REMOTE_ADDR="10.0.0.1")
    locked = client.post(
        SIGN_IN, {"login": "chair", "password": "a-long-demo-password"}, REMOTE_ADDR="10.0.0.1"
    )
    assert locked.status_code == 429
    assert "Too many attempts to sign in" in locked.content.decode()
    colleague = client.post(
        SIGN_IN,
        {"login": "colleague", "password": "a-long-demo-password"},
        REMOTE_ADDR="10.0.0.1",
    )
    assert colleague.status_code == 302, "a colleague at the same address is not locked out"


def fail_to_sign_in(client, username, **headers):
    return client.post(SIGN_IN, {"login": username, "password": "wrong"}, **headers)


def test_a_forged_forwarded_for_header_does_not_escape_the_lockout(client, settings):
    """With no proxy in front, X-Forwarded-For is whatever the client wrote."""
    factories.PersonFactory(username="chair", password="a-long-demo-password")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        fail_to_sign_in(client, "chair", REMOTE_ADDR="10.0.0.1",
                        HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}")  # fmt: skip
    locked = client.post(
        SIGN_IN,
        {"login": "chair", "password": "a-long-demo-password"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="192.0.2.99",
    )
    assert locked.status_code == 429


def test_behind_a_proxy_the_client_is_the_address_the_proxy_saw(client, settings):
    settings.PROXY_COUNT = 1
    factories.PersonFactory(username="chair", password="a-long-demo-password")
    proxy = {"REMOTE_ADDR": "10.0.0.254"}
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        # The client forges entries to the left; the proxy appends the real address.
        fail_to_sign_in(client, "chair", HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}, 203.0.113.5",
                        **proxy)  # fmt: skip
    attacker = client.post(
        SIGN_IN,
        {"login": "chair", "password": "a-long-demo-password"},
        HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.5",
        **proxy,
    )
    assert attacker.status_code == 429
    someone_else = client.post(
        SIGN_IN,
        {"login": "chair", "password": "a-long-demo-password"},
        HTTP_X_FORWARDED_FOR="198.51.100.7",
        **proxy,
    )
    assert someone_else.status_code == 302, "another address is not locked out"


def test_the_audit_log_records_the_trusted_address(client, settings, personas):
    settings.PROXY_COUNT = 1
    action = factories.ActionFactory(workstream=personas.police_workstream, label="i")
    client.force_login(personas.police_lead)
    response = client.post(
        reverse("workstreams:action-edit", args=[action.pk]),
        {"text": "Reworded", "version": action.version},
        REMOTE_ADDR="10.0.0.254",
        HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.5",
    )
    assert response.status_code == 302
    assert LogEntry.objects.latest("pk").remote_addr == "203.0.113.5"


def test_signing_out_needs_a_post_and_ends_the_session(client, personas):
    client.force_login(personas.chair)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response["Location"] == SIGN_IN
    assert SIGNED_OUT in client.get(SIGN_IN).content.decode()
    assert client.get(HOME).status_code == 302


def test_pages_send_a_content_security_policy_with_a_nonce(client, personas):
    client.force_login(personas.chair)
    response = client.get(HOME)
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert f'<script nonce="{nonce}">' in response.content.decode()


def test_the_sign_in_page_has_one_form(client):
    content = client.get(SIGN_IN).content.decode()
    assert content.count("<form") == 1
    assert content.count('name="csrfmiddlewaretoken"') == 1

"""A person sees where they are signed in (browser, address, last seen) on their account
page and can sign out everywhere else."""

import datetime

import pytest
from allauth.usersessions.models import UserSession
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.sessions import device_described
from security.models import SecurityEvent
from tests import factories

pytestmark = pytest.mark.django_db

ACCOUNT = reverse("accounts:account")
PASSWORD = "a-long-demo-password"
FIREFOX_ON_WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"
)
SAFARI_ON_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"
)


def signed_in_client(user_agent: str, address: str) -> Client:
    browser = Client(HTTP_USER_AGENT=user_agent, REMOTE_ADDR=address)
    response = browser.post(reverse("login"), {"login": "lead", "password": PASSWORD})
    assert response.status_code == 302
    return browser


@pytest.fixture
def two_browsers(db):
    factories.PersonFactory(username="lead", password=PASSWORD)
    return (
        signed_in_client(FIREFOX_ON_WINDOWS, "10.0.0.1"),
        signed_in_client(SAFARI_ON_IPHONE, "10.0.0.2"),
    )


@pytest.mark.parametrize(
    ("user_agent", "described"),
    [
        (FIREFOX_ON_WINDOWS, "Firefox on Windows"),
        (SAFARI_ON_IPHONE, "Safari on iPhone"),
        (
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like "
            "Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
            "Edge on Mac",
        ),
        ("curl/8.5.0", "An unknown browser"),
        ("", "An unknown browser"),
    ],
)
def test_a_browser_is_described_as_a_person_would_recognise_it(user_agent, described):
    assert device_described(user_agent) == described


def test_the_account_page_lists_each_browser_this_one_first(
    two_browsers, django_assert_max_num_queries
):
    _laptop, phone = two_browsers
    # 1 session, 1 person, 1 current memberships (whether a second factor is needed),
    # 1 memberships with their partnerships, 1 the sessions listed, 1 whether two-factor
    # sign-in is on, 1 the person's organisation
    with django_assert_max_num_queries(7):
        page = phone.get(ACCOUNT).content.decode()
    assert page.index("Safari on iPhone") < page.index("Firefox on Windows")
    assert page.count("This browser") == 1
    assert "10.0.0.1" in page
    assert "10.0.0.2" in page


def test_signing_out_everywhere_else_ends_the_other_browsers_only(two_browsers):
    laptop, phone = two_browsers
    response = phone.post(reverse("accounts:sign-out-elsewhere"), follow=True)
    assert "You have been signed out everywhere else (1 other sign-in ended)." in (
        response.content.decode()
    )
    assert phone.get(ACCOUNT).status_code == 200
    assert laptop.get(ACCOUNT).status_code == 302
    [event] = SecurityEvent.objects.filter(kind=SecurityEvent.Kind.SESSIONS_ENDED)
    assert (event.username, event.detail, event.address) == ("lead", "1 ended", "10.0.0.2")
    assert "Firefox on Windows" not in phone.get(ACCOUNT).content.decode()


def test_with_nowhere_else_to_sign_out_of_the_person_is_told(two_browsers):
    _laptop, phone = two_browsers
    phone.post(reverse("accounts:sign-out-elsewhere"))
    response = phone.post(reverse("accounts:sign-out-elsewhere"), follow=True)
    assert "You were not signed in anywhere else." in response.content.decode()


def test_a_browser_idle_past_the_timeout_is_not_listed(two_browsers):
    _laptop, phone = two_browsers
    UserSession.objects.filter(user_agent=FIREFOX_ON_WINDOWS).update(
        last_seen_at=timezone.now() - datetime.timedelta(minutes=31)
    )
    assert "Firefox on Windows" not in phone.get(ACCOUNT).content.decode()


def test_signing_out_elsewhere_is_only_by_post(two_browsers):
    laptop, phone = two_browsers
    assert phone.get(reverse("accounts:sign-out-elsewhere")).status_code == 405
    assert laptop.get(ACCOUNT).status_code == 200

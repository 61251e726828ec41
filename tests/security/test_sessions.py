"""A sign-in ends on the server after 30 minutes without a request or 12 hours after it
began, whatever the browser keeps; the clock is moved, never slept."""

import re
import time

import pytest
from django.urls import reverse

from security import middleware
from security.models import SecurityEvent
from tests import factories

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-demo-password"
HOME = reverse("overview:home")
KEEP = reverse("security:session-keep")


class Clock:
    """The session middleware's clock, moved by the test."""

    def __init__(self):
        self.now = time.time()

    def time(self) -> float:
        return self.now

    def move(self, *, minutes: float = 0, hours: float = 0) -> None:
        self.now += minutes * 60 + hours * 3600


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(middleware, "time", clock)
    return clock


@pytest.fixture
def signed_in(client, clock):
    person = factories.PersonFactory(username="lead", password=PASSWORD)
    response = client.post(reverse("login"), {"login": "lead", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(HOME).status_code == 200
    return person


def timeouts():
    return list(SecurityEvent.objects.filter(kind=SecurityEvent.Kind.SESSION_TIMED_OUT))


def test_a_request_within_the_idle_time_keeps_the_session_going(client, clock, signed_in):
    for _ in range(3):
        clock.move(minutes=29)
        assert client.get(HOME).status_code == 200
    assert not timeouts()


def test_thirty_idle_minutes_end_the_session_saying_why(client, clock, signed_in):
    clock.move(minutes=30)
    response = client.get(HOME, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("login"))
    assert "had not done anything for 30 minutes" in response.content.decode()
    [event] = timeouts()
    assert (event.person, event.detail) == (signed_in, "idle")
    assert client.get(HOME).status_code == 302, "the session stays ended"


def test_twelve_hours_end_the_session_however_busy_it_is(client, clock, signed_in):
    for _ in range(int(12 * 60 / 25)):
        clock.move(minutes=25)
        assert client.get(HOME).status_code == 200
    clock.move(minutes=25)
    response = client.get(HOME, follow=True)
    assert "because you signed in 12 hours ago" in response.content.decode()
    [event] = timeouts()
    assert event.detail == "lifetime"


def test_the_idle_time_is_a_setting(client, clock, signed_in, settings):
    settings.SESSION_IDLE_TIMEOUT_MINUTES = 5
    clock.move(minutes=5)
    assert client.get(HOME).status_code == 302


def test_the_session_key_changes_at_sign_in(client):
    factories.PersonFactory(username="lead", password=PASSWORD)
    client.get(reverse("login"))
    client.session.save()
    before = client.session.session_key
    client.post(reverse("login"), {"login": "lead", "password": PASSWORD})
    assert client.session.session_key != before


def test_a_signed_in_page_carries_the_warning_with_the_server_s_clock(client, clock, signed_in):
    clock.move(minutes=10)
    client.get(reverse("accounts:account"))
    clock.move(minutes=5)
    page = client.get(HOME).content.decode()
    assert 'id="timeout-warning"' in page
    seconds_left = int(re.search(r'data-seconds-left="(\d+)"', page)[1])
    assert 25 * 60 - 60 <= seconds_left <= 30 * 60, "counted from the last request recorded"
    assert 'data-warning-seconds="120"' in page


def test_a_signed_out_page_has_no_warning(client):
    assert 'id="timeout-warning"' not in client.get(reverse("login")).content.decode()


def test_staying_signed_in_starts_the_idle_time_again(client, clock, signed_in):
    clock.move(minutes=29)
    response = client.post(KEEP, HTTP_ACCEPT="application/json")
    assert 30 * 60 - 1 <= response.json()["seconds_left"] <= 30 * 60
    clock.move(minutes=29)
    assert client.get(HOME).status_code == 200


def test_without_javascript_staying_signed_in_goes_back_to_the_page(client, clock, signed_in):
    response = client.post(KEEP, {"next": "/account/"})
    assert response["Location"] == "/account/"
    response = client.post(KEEP, {"next": "https://elsewhere.example/"})
    assert response["Location"] == HOME


def test_staying_signed_in_cannot_revive_a_session_that_timed_out(client, clock, signed_in):
    clock.move(minutes=31)
    response = client.post(KEEP, HTTP_ACCEPT="application/json")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))

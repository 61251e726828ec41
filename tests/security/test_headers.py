"""Response headers: browser features turned off everywhere, nothing a signed-in person is
sent kept in a cache, and __Host- cookies over HTTPS."""

import json

import pytest
from django.urls import reverse

from tests.hcag.test_settings import PRODUCTION, run_python

pytestmark = pytest.mark.django_db


def test_every_response_turns_off_browser_features_and_isolates_its_window(client):
    response = client.get(reverse("login"))
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_signed_in_pages_are_never_stored(client, personas):
    client.force_login(personas.police_lead)
    response = client.get(reverse("overview:home"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_downloads_are_never_stored(client, personas):
    client.force_login(personas.secretariat)
    generated = client.post(
        reverse("reports:plan-export", args=[personas.plan.slug]), {"format": "csv"}
    )
    response = client.get(generated["Location"])
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]


READ_COOKIE_NAMES = (
    "import json, django; from django.conf import settings; django.setup(); "
    "print(json.dumps([settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME]))"
)


def test_production_cookies_are_host_only_cookies():
    result = run_python(["-c", READ_COOKIE_NAMES], PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == ["__Host-sessionid", "__Host-csrftoken"]


def test_development_over_http_keeps_the_usual_cookie_names():
    environment = {**PRODUCTION, "DEBUG": "true"}
    result = run_python(["-c", READ_COOKIE_NAMES], environment)
    assert json.loads(result.stdout) == ["sessionid", "csrftoken"]

"""Every answer has a Last-Modified beside its ETag, the time it was first given to
this caller at this address; If-Modified-Since then gets 304 until the answer changes."""

import pytest
from django.utils import timezone
from django.utils.http import http_date

from api import conditional
from tests import factories
from tests.api.conftest import LISTS
from workstreams.models import Action

pytestmark = pytest.mark.django_db

START = 1_800_000_000


@pytest.fixture
def clock(monkeypatch):
    """The validators' clock, moved on by hand."""
    now = {"seconds": float(START)}
    monkeypatch.setattr(conditional, "clock", lambda: now["seconds"])
    return now


def test_an_answer_is_dated_from_when_it_was_first_given(client, personas, plans, clock):
    client.force_login(personas.chair)
    first = client.get("/api/v1/actions/")
    clock["seconds"] += 60

    again = client.get("/api/v1/actions/")

    # Not dated in its first second, which could still see it change.
    assert "Last-Modified" not in first
    assert again["Last-Modified"] == http_date(START)
    assert again["ETag"] == first["ETag"]


def test_if_modified_since_gets_304_until_the_answer_changes(client, personas, plans, clock):
    client.force_login(personas.chair)
    client.get("/api/v1/progress-updates/")
    clock["seconds"] += 60
    dated = client.get("/api/v1/progress-updates/")["Last-Modified"]

    unchanged = client.get("/api/v1/progress-updates/", HTTP_IF_MODIFIED_SINCE=dated)
    factories.ProgressUpdateFactory(action=plans.own_action, author=personas.police_lead)
    clock["seconds"] += 60
    changed = client.get("/api/v1/progress-updates/", HTTP_IF_MODIFIED_SINCE=dated)

    assert unchanged.status_code == 304
    assert changed.status_code == 200
    assert len(changed.json()["results"]) == 2
    clock["seconds"] += 60
    assert client.get("/api/v1/progress-updates/")["Last-Modified"] == http_date(START + 120)


def test_an_answer_that_changes_back_is_dated_anew(client, personas, plans, clock):
    """An action retired and brought back lists as before, yet a poller who read it
    while retired must not be told that nothing changed."""
    client.force_login(personas.chair)
    action = plans.own_action
    live = {"live": "true"}
    client.get("/api/v1/actions/", live)
    clock["seconds"] += 60
    Action.objects.filter(pk=action.pk).update(retired_on=timezone.localdate())
    client.get("/api/v1/actions/", live)
    clock["seconds"] += 60
    while_retired = client.get("/api/v1/actions/", live)["Last-Modified"]
    Action.objects.filter(pk=action.pk).update(retired_on=None)
    clock["seconds"] += 60

    back = client.get("/api/v1/actions/", live, HTTP_IF_MODIFIED_SINCE=while_retired)

    assert back.status_code == 200
    assert [row["id"] for row in back.json()["results"]] == [action.pk]


def test_each_caller_has_their_own_date(client, personas, plans, clock):
    client.force_login(personas.chair)
    client.get("/api/v1/plans/")
    clock["seconds"] += 60
    client.force_login(personas.police_lead)
    client.get("/api/v1/plans/")
    clock["seconds"] += 60

    assert client.get("/api/v1/plans/")["Last-Modified"] == http_date(START + 60)


@pytest.mark.parametrize("endpoint", LISTS)
def test_every_list_and_object_has_a_last_modified(client, personas, plans, clock, endpoint):
    client.force_login(personas.secretariat)
    paths = [f"/api/v1/{endpoint}/", f"/api/v1/{endpoint}/{plans.own[endpoint]}/"]
    for path in paths:
        client.get(path)
    clock["seconds"] += 1

    for path in paths:
        dated = client.get(path)
        assert dated["Last-Modified"] == http_date(START)
        assert client.get(path, HTTP_IF_MODIFIED_SINCE=dated["Last-Modified"]).status_code == 304


def test_a_refusal_is_not_dated(client, personas, clock):
    client.get("/api/v1/actions/")
    clock["seconds"] += 60

    response = client.get("/api/v1/actions/")

    assert response.status_code == 401
    assert "Last-Modified" not in response

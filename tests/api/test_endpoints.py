"""Each endpoint lists what the caller's memberships show on the pages, and nothing of
another partnership; nobody signed in gets 401; no endpoint writes."""

import pytest

from api.services import api_token_create
from tests import factories
from tests.api.conftest import LISTS

pytestmark = pytest.mark.django_db


def ids(response) -> set[int]:
    return {row["id"] for row in response.json()["results"]}


def own_and_other_ids(personas, plans, endpoint):
    return plans.own[endpoint], plans.other[endpoint]


@pytest.mark.parametrize("endpoint", LISTS)
@pytest.mark.parametrize("persona", ["secretariat", "chair", "police_lead", "community_member"])
def test_a_member_sees_their_own_partnership_only(client, personas, plans, persona, endpoint):
    client.force_login(getattr(personas, persona))
    own, other = own_and_other_ids(personas, plans, endpoint)

    listed = client.get(f"/api/v1/{endpoint}/")

    assert listed.status_code == 200
    assert own in ids(listed)
    assert other not in ids(listed)
    assert client.get(f"/api/v1/{endpoint}/{own}/").status_code == 200
    assert client.get(f"/api/v1/{endpoint}/{other}/").status_code == 404


@pytest.mark.parametrize("endpoint", LISTS)
def test_an_outsider_sees_nothing(client, personas, plans, endpoint):
    client.force_login(personas.outsider)
    own, _ = own_and_other_ids(personas, plans, endpoint)

    listed = client.get(f"/api/v1/{endpoint}/")

    assert listed.status_code == 200
    assert listed.json()["results"] == []
    assert client.get(f"/api/v1/{endpoint}/{own}/").status_code == 404


@pytest.mark.parametrize("endpoint", LISTS)
def test_nobody_signed_in_gets_401(client, personas, plans, endpoint):
    own, _ = own_and_other_ids(personas, plans, endpoint)

    assert client.get(f"/api/v1/{endpoint}/").status_code == 401
    assert client.get(f"/api/v1/{endpoint}/{own}/").status_code == 401


@pytest.mark.parametrize("endpoint", LISTS)
def test_nothing_is_written(client, personas, plans, endpoint):
    client.force_login(personas.secretariat)
    own, _ = own_and_other_ids(personas, plans, endpoint)

    assert client.post(f"/api/v1/{endpoint}/", {}).status_code == 405
    assert client.put(f"/api/v1/{endpoint}/{own}/", {}).status_code == 405
    assert client.patch(f"/api/v1/{endpoint}/{own}/", {}).status_code == 405
    assert client.delete(f"/api/v1/{endpoint}/{own}/").status_code == 405


def test_an_action_has_its_current_status_and_history(client, personas, plans):
    client.force_login(personas.chair)

    action = client.get(f"/api/v1/actions/{plans.own_action.pk}/").json()
    history = client.get(f"/api/v1/actions/{plans.own_action.pk}/history/").json()

    assert action["reference"] == plans.own_action.reference
    assert action["status"] == "on-track"
    assert action["percent_complete"] == 25
    assert [row["id"] for row in history["results"]] == [plans.own_update.pk]
    assert history["results"][0]["review_outcome"] is None


def test_another_partnerships_history_is_not_found(client, personas, plans):
    client.force_login(personas.chair)

    assert client.get(f"/api/v1/actions/{plans.other_action.pk}/history/").status_code == 404


def test_lists_filter_by_plan_and_status(client, personas, plans):
    client.force_login(personas.chair)

    by_plan = client.get("/api/v1/actions/", {"plan": personas.plan.pk})
    by_status = client.get("/api/v1/actions/", {"status": "off-track"})
    by_unseen_plan = client.get("/api/v1/actions/", {"plan": plans.other_action.workstream.plan_id})

    assert ids(by_plan) == {plans.own_action.pk}
    assert ids(by_status) == set()
    assert ids(by_unseen_plan) == set()


def test_a_meeting_has_its_decisions_and_its_action_log(client, personas, plans):
    client.force_login(personas.community_member)

    meeting = client.get(f"/api/v1/meetings/{plans.own['meetings']}/").json()
    logged = client.get("/api/v1/meeting-actions/", {"meeting": meeting["id"]}).json()

    assert meeting["decisions"] == ["Adopt the plan"]
    assert meeting["minutes_approved"] is False
    assert [row["owner"] for row in logged["results"]] == [personas.police.name]


def test_a_poller_is_told_when_nothing_changed(client, personas, plans):
    client.force_login(personas.chair)
    first = client.get("/api/v1/actions/")

    again = client.get("/api/v1/actions/", HTTP_IF_NONE_MATCH=first["ETag"])
    factories.ProgressUpdateFactory(
        action=plans.own_action, author=personas.police_lead, status="at-risk"
    )
    changed = client.get("/api/v1/actions/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert changed.status_code == 200
    assert changed.json()["results"][0]["status"] == "at-risk"


def test_no_answer_is_kept_in_a_shared_cache(client, personas, plans):
    _, key = api_token_create(person=personas.chair, name="Power BI", days=90)

    response = client.get("/api/v1/actions/", HTTP_AUTHORIZATION=f"Bearer {key}")

    assert "no-store" in response["Cache-Control"]

"""Who may write a plan: the secretariat; the chair and vice-chairs only where the
partnership allows it; every other member is refused (403); outsiders see nothing (404)."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from tests import factories
from workstreams.models import Action, ActionPlan, Objective, Priority, Workstream

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan_parts(personas):
    plan = personas.plan
    priority = factories.PriorityFactory(plan=plan, label="a")
    objective = factories.ObjectiveFactory(plan=plan, label="a")
    action = factories.ActionFactory(workstream=personas.police_workstream, position=1)
    return {"priority": priority, "objective": objective, "action": action}


def pages(personas, parts):
    """Every authoring page: (address, data a valid post sends)."""
    plan, workstream = personas.plan, personas.police_workstream
    police = personas.police.pk
    action, priority, objective = parts["action"], parts["priority"], parts["objective"]
    no_dates = {f"{name}_{part}": "" for name in ("start_date", "target_date") for part in "012"}
    return [
        (
            reverse("workstreams:plan-create", args=[personas.partnership.slug]),
            {"title": "New", "version": 1, **_no_date("adopted_on")},
        ),
        (
            reverse("workstreams:plan-edit", args=[plan.slug]),
            {"title": "Renamed", "version": plan.version, **_no_date("adopted_on")},
        ),
        (reverse("workstreams:plan-author", args=[plan.slug]), None),
        (reverse("workstreams:priority-add", args=[plan.slug]), {"title": "P", "version": 1}),
        (
            reverse("workstreams:priority-edit", args=[priority.pk]),
            {"title": "P2", "version": priority.version},
        ),
        (reverse("workstreams:objective-add", args=[plan.slug]), {"title": "O", "version": 1}),
        (
            reverse("workstreams:objective-edit", args=[objective.pk]),
            {"title": "O2", "version": objective.version},
        ),
        (
            reverse("workstreams:workstream-add", args=[plan.slug]),
            {"title": "W", "lead_organisations": [police], "version": 1},
        ),
        (
            reverse("workstreams:workstream-edit", args=[workstream.pk]),
            {"title": "W2", "lead_organisations": [police], "version": workstream.version},
        ),
        (
            reverse("workstreams:action-add", args=[workstream.pk]),
            {"text": "Act", "version": 1, **no_dates},
        ),
        (
            reverse("workstreams:sub-item-add", args=[action.pk]),
            {"text": "Sub", "version": 1, **no_dates},
        ),
        (
            reverse("workstreams:action-move-to", args=[action.pk]),
            {"workstream": personas.council_workstream.pk},
        ),
        (reverse("workstreams:item-move", args=["priority", priority.pk]), {"direction": "up"}),
        (reverse("workstreams:item-retire", args=["objective", objective.pk]), {}),
    ]


def _no_date(name):
    return {f"{name}_{part}": "" for part in "012"}


def counts():
    return [
        model.objects.count() for model in (ActionPlan, Priority, Objective, Workstream, Action)
    ]


@pytest.mark.parametrize(
    ("persona", "status"),
    [("police_lead", 403), ("council_lead", 403), ("community_member", 403), ("outsider", 404)],
)
def test_members_who_do_not_write_the_plan_are_refused_and_nothing_changes(
    client, personas, plan_parts, persona, status
):
    client.force_login(getattr(personas, persona))
    before = counts()
    for url, data in pages(personas, plan_parts):
        assert client.get(url).status_code == (405 if data == {"direction": "up"} else status), url
        if data is not None:
            assert client.post(url, data).status_code == status, url
    assert counts() == before
    assert Priority.objects.get(pk=plan_parts["priority"].pk).title != "P2"


def test_the_chair_is_refused_while_the_partnership_does_not_allow_it(client, personas, plan_parts):
    client.force_login(personas.chair)
    for url, data in pages(personas, plan_parts):
        if data is not None:
            assert client.post(url, data).status_code == 403, url


@pytest.mark.parametrize("persona", ["secretariat", "chair"])
def test_the_secretariat_writes_the_plan_and_the_chair_too_once_allowed(
    client, personas, plan_parts, persona
):
    personas.partnership.chairs_may_author_plan = True
    personas.partnership.save()
    client.force_login(getattr(personas, persona))
    for url, data in pages(personas, plan_parts):
        if data != {"direction": "up"}:
            assert client.get(url).status_code == 200, url
        if data is not None:
            response = client.post(url, data)
            assert response.status_code == 302, (url, _errors(response))
    assert ActionPlan.objects.filter(title="New").exists()
    assert Priority.objects.get(pk=plan_parts["priority"].pk).title == "P2"
    assert Objective.objects.get(pk=plan_parts["objective"].pk).retired_on is not None
    assert Action.objects.filter(text="Sub", parent=plan_parts["action"]).exists()


def test_the_partnership_and_plan_pages_offer_writing_only_to_those_who_may(client, personas):
    author_url = reverse("workstreams:plan-author", args=[personas.plan.slug])
    create_url = reverse("workstreams:plan-create", args=[personas.partnership.slug])
    for persona, shown in [("secretariat", True), ("chair", False), ("police_lead", False)]:
        client.force_login(getattr(personas, persona))
        plan_page = client.get(personas.plan.get_absolute_url()).content.decode()
        partnership_page = client.get(personas.partnership.get_absolute_url()).content.decode()
        assert (author_url in plan_page) is shown, persona
        assert (create_url in partnership_page) is shown, persona


def _errors(response) -> str:
    page = response.content.decode()
    start = page.find("govuk-error-summary__list")
    return page[start : start + 800]


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("secretariat", 302),
        ("chair", 403),
        ("police_lead", 403),
        ("community_member", 403),
        ("outsider", 404),
    ],
)
def test_only_the_secretariat_lets_the_chairs_write_the_plan(client, personas, persona, status):
    url = reverse("workstreams:plan-authors", args=[personas.partnership.slug])
    client.force_login(getattr(personas, persona))
    response = client.post(url, {"chairs_may_author_plan": "on", "shown": ""})
    assert response.status_code == status
    personas.partnership.refresh_from_db()
    assert personas.partnership.chairs_may_author_plan is (status == 302)


def test_the_setting_is_not_changed_back_over_someone_elses_change(client, personas):
    url = reverse("workstreams:plan-authors", args=[personas.partnership.slug])
    client.force_login(personas.secretariat)
    assert "Who writes the action plan" in client.get(url).content.decode()
    client.post(url, {"chairs_may_author_plan": "on", "shown": ""})
    # A second form, shown before that change, tries to leave it off.
    response = client.post(url, {"shown": ""}, follow=True)
    assert "Someone else changed this meanwhile" in response.content.decode()
    personas.partnership.refresh_from_db()
    assert personas.partnership.chairs_may_author_plan is True
    history = LogEntry.objects.get_for_object(personas.partnership).latest("timestamp")
    assert history.changes == {"chairs_may_author_plan": ["False", "True"]}

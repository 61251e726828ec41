"""Next year's plan is started from the current one: its structure, leads and alignment
copied, its open actions carried with a link back, and the old plan kept read only."""

import pytest
from django.urls import reverse

from tests import factories
from workstreams.models import Action, ActionPlan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(personas):
    """B: i complete, ii on track, iii with sub-items a (complete) and b (at risk);
    D: i with no update."""
    priority = factories.PriorityFactory(plan=personas.plan, label="a", title="Safer places")
    objective = factories.ObjectiveFactory(plan=personas.plan, label="a", title="Raise reporting")
    objective.priorities.set([priority])
    personas.police_workstream.objectives.set([objective])
    ws = personas.police_workstream
    done = factories.ActionFactory(workstream=ws, position=1, text="Finished")
    going = factories.ActionFactory(workstream=ws, position=2, text="Going on")
    parted = factories.ActionFactory(workstream=ws, position=3, text="In parts")
    part_done = factories.SubItemFactory(parent=parted, position=1, text="Part done")
    part_open = factories.SubItemFactory(parent=parted, position=2, text="Part open")
    idle = factories.ActionFactory(workstream=personas.council_workstream, position=1)
    factories.ProgressUpdateFactory(action=done, status="complete", percent_complete=100)
    factories.ProgressUpdateFactory(action=going, status="on-track", percent_complete=40)
    factories.ProgressUpdateFactory(action=part_done, status="complete", percent_complete=100)
    factories.ProgressUpdateFactory(action=part_open, status="at-risk", percent_complete=10)
    return {
        "done": done, "going": going, "parted": parted, "part_done": part_done,
        "part_open": part_open, "idle": idle,
    }  # fmt: skip


def refresh(client, personas, **data):
    return client.post(
        reverse("workstreams:plan-refresh", args=[personas.plan.slug]),
        {"title": "Action plan 2027", **data},
    )


def new_plan() -> ActionPlan:
    return ActionPlan.objects.get(title="Action plan 2027")


def test_open_actions_are_carried_and_complete_ones_stay(client, personas, plan):
    client.force_login(personas.secretariat)
    response = refresh(client, personas)
    successor = new_plan()
    assert response.status_code == 302
    assert response["Location"] == reverse("workstreams:plan-author", args=[successor.slug])
    carried = {
        (action.workstream.letter, action.reference, action.text, action.predecessor_id)
        for action in Action.objects.filter(workstream__plan=successor).select_related(
            "workstream", "parent"
        )
    }
    assert carried == {
        ("A", "A.i", "Going on", plan["going"].pk),
        ("A", "A.ii", "In parts", plan["parted"].pk),
        ("A", "A.ii.a", "Part open", plan["part_open"].pk),
        ("B", "B.i", plan["idle"].text, plan["idle"].pk),
    }, "relabelled in the new plan's order"


def test_the_structure_leads_and_alignment_are_copied(client, personas, plan):
    client.force_login(personas.secretariat)
    refresh(client, personas)
    successor = new_plan()
    assert successor.predecessor == personas.plan
    [objective] = successor.objectives.all()
    assert [p.title for p in objective.priorities.all()] == ["Safer places"]
    police = successor.workstreams.get(letter="A")
    assert list(police.lead_organisations.all()) == [personas.police]
    assert list(police.objectives.all()) == [objective]


def test_the_old_plan_is_superseded_and_refuses_every_write(client, personas, plan):
    client.force_login(personas.secretariat)
    refresh(client, personas)
    going = plan["going"]
    writes = [
        reverse("workstreams:progress-update-add", args=[going.pk]),
        reverse("workstreams:action-edit", args=[going.pk]),
        reverse("workstreams:plan-edit", args=[personas.plan.slug]),
        reverse("workstreams:plan-roll-up", args=[personas.plan.slug]),
        reverse("workstreams:plan-refresh", args=[personas.plan.slug]),
        reverse("workstreams:workstream-edit", args=[personas.police_workstream.pk]),
        reverse("workstreams:action-move-to", args=[going.pk]),
        reverse("workstreams:item-retire", args=["action", going.pk]),
        reverse("workstreams:item-move", args=["action", going.pk]),
    ]
    for url in writes:
        assert client.post(url, {}).status_code == 403, url
    assert (
        client.get(reverse("workstreams:plan-author", args=[personas.plan.slug])).status_code == 403
    )
    client.force_login(personas.police_lead)
    update = reverse("workstreams:progress-update-add", args=[going.pk])
    assert client.post(update, {}).status_code == 403
    client.force_login(personas.chair)
    update = going.updates.get()
    review = reverse("workstreams:status-review", args=[going.pk])
    assert client.post(review, {"update": update.pk}).status_code == 403


def test_the_old_plan_is_still_read_and_exported(client, personas, plan):
    client.force_login(personas.secretariat)
    refresh(client, personas)
    page = client.get(personas.plan.get_absolute_url()).content.decode()
    assert "Superseded" in page
    assert new_plan().get_absolute_url() in page
    assert "Start next year" not in page
    export = reverse("reports:plan-export", args=[personas.plan.slug])
    assert client.post(export, {"format": "csv"}).status_code == 302
    export = reverse("reports:plan-export", args=[new_plan().slug])
    assert client.post(export, {"format": "csv"}).status_code == 302


def test_a_carried_action_shows_where_it_stood_as_brought_forward(client, personas, plan):
    client.force_login(personas.secretariat)
    refresh(client, personas)
    carried = Action.objects.get(predecessor=plan["going"])
    page = client.get(carried.get_absolute_url()).content.decode()
    assert "Brought forward" in page
    assert "40%" in page
    assert plan["going"].get_absolute_url() in page


def test_leads_report_on_the_new_plan_only(client, personas, plan):
    client.force_login(personas.secretariat)
    refresh(client, personas)
    client.force_login(personas.police_lead)
    page = client.get(reverse("overview:my-actions")).content.decode()
    assert "Going on" in page
    assert "Finished" not in page
    carried = Action.objects.get(predecessor=plan["going"])
    assert carried.get_absolute_url() in page
    assert plan["going"].get_absolute_url() not in page


def test_the_page_says_what_is_carried_and_what_stays(
    client, personas, plan, django_assert_max_num_queries
):
    client.force_login(personas.secretariat)
    url = reverse("workstreams:plan-refresh", args=[personas.plan.slug])
    # 1 session, 1 user, 1 memberships, 1 plan, 1 open actions, 1 actions in the plan
    with django_assert_max_num_queries(7):
        page = client.get(url).content.decode()
    assert "4 open actions and sub-items will be brought forward" in page
    assert "2 complete actions and sub-items will stay" in page


def test_a_title_is_needed_and_nothing_is_written_without_one(client, personas, plan):
    client.force_login(personas.secretariat)
    response = refresh(client, personas, title="")
    assert response.status_code == 200
    assert "Enter the new plan" in response.content.decode()
    assert ActionPlan.objects.count() == 1
    personas.plan.refresh_from_db()
    assert not personas.plan.is_superseded


@pytest.mark.parametrize(
    ("persona", "status"),
    [("chair", 403), ("police_lead", 403), ("community_member", 403), ("outsider", 404)],
)
def test_only_the_plan_s_authors_start_the_next(client, personas, plan, persona, status):
    client.force_login(getattr(personas, persona))
    url = reverse("workstreams:plan-refresh", args=[personas.plan.slug])
    assert client.get(url).status_code == status
    assert refresh(client, personas).status_code == status
    assert ActionPlan.objects.count() == 1

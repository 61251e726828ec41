import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def plan_url(plan):
    return reverse("workstreams:plan-detail", kwargs={"slug": plan.slug})


@pytest.mark.parametrize(
    "persona", ["secretariat", "chair", "police_lead", "council_lead", "community_member"]
)
def test_every_member_sees_the_plan(client, personas, persona):
    client.force_login(getattr(personas, persona))
    assert client.get(plan_url(personas.plan)).status_code == 200


def test_an_outsider_gets_not_found(client, personas):
    client.force_login(personas.outsider)
    assert client.get(plan_url(personas.plan)).status_code == 404


def test_a_member_of_another_partnership_gets_not_found(client, personas):
    other_plan = factories.ActionPlanFactory()
    client.force_login(personas.chair)
    assert client.get(plan_url(other_plan)).status_code == 404


def test_the_plan_shows_priorities_objectives_workstreams_actions_and_sub_items_in_order(
    client, personas
):
    priority = factories.PriorityFactory(plan=personas.plan, label="a", title="Tackle hate crime")
    objective = factories.ObjectiveFactory(
        plan=personas.plan, label="b", title="Increase reporting"
    )
    objective.priorities.add(priority)
    personas.police_workstream.objectives.add(objective)
    personas.police_workstream.title = "A review of reporting mechanisms"
    personas.police_workstream.save()
    second = factories.ActionFactory(
        workstream=personas.police_workstream, label="ii", position=2, text="Identify any gaps"
    )
    factories.ActionFactory(
        workstream=personas.police_workstream, label="i", position=1, text="Map reporting"
    )
    factories.SubItemFactory(parent=second, label="a", position=1, text="Victims")
    factories.SubItemFactory(parent=second, label="b", position=2, text="Offenders")
    client.force_login(personas.community_member)
    content = client.get(plan_url(personas.plan)).content.decode()
    expected_in_order = [
        "Tackle hate crime",
        "Increase reporting",
        "Serves priority a",
        "Workstream B",
        "A review of reporting mechanisms",
        "Map reporting",
        "Identify any gaps",
        "Victims",
        "Offenders",
        "Test Constabulary",
        "Workstream D",
        "Test Borough Council",
    ]
    positions = [content.index(text) for text in expected_in_order]
    assert positions == sorted(positions)


def build_plan(plan, actions_per_workstream):
    for letter in "ACE":
        workstream = factories.WorkstreamFactory(
            plan=plan, letter=letter, lead_organisations=[factories.OrganisationFactory()]
        )
        workstream.objectives.add(factories.ObjectiveFactory(plan=plan))
        for position in range(1, actions_per_workstream + 1):
            action = factories.ActionFactory(workstream=workstream, position=position)
            sub_item = factories.SubItemFactory(parent=action, position=1)
            update = factories.ProgressUpdateFactory(action=sub_item)
            factories.StatusReviewFactory(update=update)


def plan_page_queries(client, plan):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(plan_url(plan))
    assert response.status_code == 200
    return len(queries)


def test_plan_page_runs_the_same_queries_whatever_the_plan_size(
    client, personas, django_assert_max_num_queries
):
    build_plan(personas.plan, actions_per_workstream=2)
    client.force_login(personas.chair)
    small = plan_page_queries(client, personas.plan)
    build_plan(factories.ActionPlanFactory(partnership=personas.partnership, slug="big"), 40)
    big = plan_page_queries(client, personas.partnership.action_plans.get(slug="big"))
    assert small == big
    # 1 session, 1 user, 1 plan with partnership, 1 memberships (whether a second factor
    # is needed, and whether they may write the plan), 1 priorities, 1 objectives, 1 their
    # priorities, 1 workstreams, 1 lead organisations, 1 objectives supported, 1 every
    # action's progress, 1 the actions and sub-items listed
    with django_assert_max_num_queries(12):
        client.get(plan_url(personas.plan))


def test_the_plan_lists_the_first_five_actions_of_a_workstream_and_links_to_all(client, personas):
    """Its progress still rolls up from every action: ten not started, two complete."""
    workstream = personas.police_workstream
    for position in range(1, 13):
        action = factories.ActionFactory(
            workstream=workstream, position=position, text=f"Numbered action {position}."
        )
        status, percent = ("complete", 100) if position > 10 else ("not-started", 0)
        factories.ProgressUpdateFactory(action=action, status=status, percent_complete=percent)
    client.force_login(personas.chair)
    content = client.get(plan_url(personas.plan)).content.decode()
    assert "Numbered action 5." in content
    assert "Numbered action 6." not in content
    assert "See all 12 actions of workstream B" in content
    assert "the first 5 are listed here" in content
    assert workstream.get_absolute_url() in content
    assert "On track</strong> 17% complete" in content, "(2 x 100) / 12, rounded"


def test_workstream_page_runs_the_same_queries_whatever_its_size(
    client, personas, django_assert_max_num_queries
):
    build_plan(personas.plan, actions_per_workstream=2)
    small = personas.plan.workstreams.get(letter="A")
    build_plan(factories.ActionPlanFactory(partnership=personas.partnership, slug="big"), 40)
    big = personas.partnership.action_plans.get(slug="big").workstreams.get(letter="A")
    client.force_login(personas.chair)
    counts = []
    for workstream in (small, big):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(workstream.get_absolute_url()).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    # 1 session, 1 user, 1 workstream with plan and partnership, 1 lead organisations,
    # 1 objectives supported, 1 actions and sub-items with their latest updates, 1 those
    # updates' latest reviews, 1 memberships (whether a second factor is needed, and
    # whether they may edit it)
    with django_assert_max_num_queries(8):
        client.get(big.get_absolute_url())

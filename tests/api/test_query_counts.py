"""Each list costs the same number of queries however big the plan."""

import pytest

from api.services import api_token_create
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def big_plan(personas, plans):
    for workstream in [personas.police_workstream, personas.council_workstream]:
        for _ in range(15):
            action = factories.ActionFactory(workstream=workstream)
            factories.SubItemFactory(parent=action)
            factories.ProgressUpdateFactory(action=action, author=personas.police_lead)
    for _ in range(10):
        meeting = factories.MeetingFactory(partnership=personas.partnership)
        factories.DecisionFactory(meeting=meeting)
        factories.MeetingActionFactory(meeting=meeting, owner_person=personas.police_lead)


def token_header(personas) -> dict:
    _, key = api_token_create(person=personas.chair, name="Power BI", days=90)
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


# With a token: 1 for the token and its person, 1 for the count, 1 for the page of rows;
# workstreams add 1 for their lead organisations, meetings 1 for their decisions.
@pytest.mark.parametrize(
    ("endpoint", "queries"),
    [
        ("partnerships", 3),
        ("plans", 3),
        ("workstreams", 4),
        ("actions", 3),
        ("progress-updates", 3),
        ("meetings", 4),
        ("meeting-actions", 3),
        ("measures", 3),
    ],
)
@pytest.mark.parametrize("answer_format", ["json", "csv"])
def test_a_list_costs_a_fixed_number_of_queries(
    client, personas, big_plan, django_assert_max_num_queries, endpoint, queries, answer_format
):
    header = token_header(personas)
    # The first request of the day also records that the token was used.
    client.get("/api/v1/plans/", **header)

    with django_assert_max_num_queries(queries):
        response = client.get(f"/api/v1/{endpoint}/", {"format": answer_format}, **header)

    assert response.status_code == 200


def test_an_actions_history_costs_a_fixed_number_of_queries(
    client, personas, plans, django_assert_max_num_queries
):
    for _ in range(10):
        factories.ProgressUpdateFactory(action=plans.own_action, author=personas.police_lead)
    header = token_header(personas)
    client.get("/api/v1/plans/", **header)

    # 1 for the token, 1 for the action, 1 for the count, 1 for the updates.
    with django_assert_max_num_queries(4):
        response = client.get(f"/api/v1/actions/{plans.own_action.pk}/history/", **header)

    assert len(response.json()["results"]) == 11

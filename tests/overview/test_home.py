"""The home page lists a person's partnerships and plans, and only theirs."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

HOME = reverse("overview:home")


def test_home_lists_only_the_partnerships_and_plans_a_person_belongs_to(client, personas):
    other_plan = factories.ActionPlanFactory(title="Someone else's plan")
    client.force_login(personas.police_lead)
    content = client.get(HOME).content.decode()
    assert personas.partnership.name in content
    assert personas.plan.title in content
    assert "Member" in content
    assert other_plan.title not in content
    assert other_plan.partnership.name not in content


def test_home_shows_an_empty_state_to_someone_with_no_partnership(client, personas):
    client.force_login(personas.outsider)
    content = client.get(HOME).content.decode()
    assert "You are not a member of any partnership yet." in content
    assert personas.partnership.name not in content


def test_home_runs_a_fixed_number_of_queries(client, personas, django_assert_max_num_queries):
    for _ in range(5):
        factories.MembershipFactory(person=personas.chair)
        factories.ActionPlanFactory(partnership=personas.partnership)
    client.force_login(personas.chair)
    # 1 session, 1 user, 1 partnerships, 1 their plans, 1 the viewer's memberships; for
    # "Needs your attention" (with no meeting to come, so no round): 1 meetings, 1
    # challenged statuses, 1 meeting actions, 1 updates awaiting review, 1 the terms'
    # chair review seasons
    with django_assert_max_num_queries(10):
        response = client.get(HOME)
    assert response.status_code == 200

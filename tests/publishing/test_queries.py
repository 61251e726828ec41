"""The public page runs a fixed number of queries whatever the plan's size, and few once
cached."""

import pytest
from django.urls import reverse

from tests import factories

from .conftest import reported

pytestmark = pytest.mark.django_db


def grow(published, personas, actions: int):
    """More public actions, each with a sub-item, both confirmed, and a measure's counts."""
    for number in range(actions):
        action = factories.ActionFactory(
            workstream=personas.police_workstream, position=20 + number
        )
        sub_item = factories.SubItemFactory(parent=action, position=1)
        reported(sub_item, personas.police_lead, narrative="Done.", publishable=True,
                 reviewer=personas.chair)  # fmt: skip
        decision_meeting = factories.MeetingFactory(partnership=published.partnership)
        factories.DecisionFactory(meeting=decision_meeting)


@pytest.mark.parametrize("actions", [1, 20])
def test_the_public_page_s_queries_do_not_grow_with_the_plan(
    client, personas, published, actions, django_assert_max_num_queries
):
    terms = factories.TermsOfReferenceFactory(partnership=published.partnership)
    factories.ClauseFactory(terms=terms)
    factories.monthly_counts(published.partnership, 24)
    grow(published, personas, actions)
    url = reverse("publishing:public-page", args=[published.partnership.slug])
    # 1 the partnership, 2 the
    # terms of reference and clauses, 2 the workstreams and their leads, 1 the actions
    # with their latest published update, 1 those updates, 1 the plans, 2 the last and
    # next meetings, 1 the decisions, 1 the measures, 2 the measure's counts and areas,
    # 4 when each section last changed, and up to 6 content types not yet cached.
    with django_assert_max_num_queries(25):
        assert client.get(url).status_code == 200
    # 1 the partnership: the rest, the revision included, comes from the cache.
    with django_assert_max_num_queries(1):
        assert client.get(url).status_code == 200

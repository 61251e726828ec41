"""“Your actions”: what a lead reports on, what needs attention, filters and pages."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db

URL = reverse("overview:my-actions")
TODAY = timezone.localdate()
LAST_MEETING = TODAY - datetime.timedelta(days=30)


@pytest.fixture
def police_actions(personas):
    """Four police actions in workstream B: overdue, at risk, stale, and fine."""
    factories.MeetingFactory(partnership=personas.partnership, date=LAST_MEETING, status="held")
    workstream = personas.police_workstream
    overdue = factories.ActionFactory(
        workstream=workstream, label="i", text="Overdue action",
        target_date=TODAY - datetime.timedelta(days=1),
    )  # fmt: skip
    at_risk = factories.ActionFactory(workstream=workstream, label="ii", text="Risky action")
    stale = factories.ActionFactory(workstream=workstream, label="iii", text="Stale action")
    fine = factories.ActionFactory(
        workstream=workstream, label="iv", text="Fine action",
        target_date=TODAY + datetime.timedelta(days=60),
    )  # fmt: skip
    recent = TODAY - datetime.timedelta(days=3)
    factories.ProgressUpdateFactory(action=overdue, as_at=recent)
    factories.ProgressUpdateFactory(
        action=at_risk, status="at-risk", narrative="Slipping", as_at=recent
    )
    factories.ProgressUpdateFactory(action=stale, as_at=LAST_MEETING - datetime.timedelta(days=5))
    factories.ProgressUpdateFactory(action=fine, as_at=recent)
    return {"overdue": overdue, "at_risk": at_risk, "stale": stale, "fine": fine}


def listed(response):
    return [action.text for action in response.context["page"].object_list]


def test_a_lead_sees_their_organisations_actions_only(client, personas, police_actions):
    factories.ActionFactory(workstream=personas.council_workstream, text="Council action")
    client.force_login(personas.police_lead)
    response = client.get(URL)
    assert listed(response) == ["Overdue action", "Risky action", "Stale action", "Fine action"]
    assert "Council action" not in response.content.decode()


def test_what_needs_attention_is_counted(client, personas, police_actions):
    client.force_login(personas.police_lead)
    counts = client.get(URL).context["counts"]
    assert counts == {
        "total": 4,
        "needs_attention": 3,
        "overdue": 1,
        "stale": 1,
        "at_risk": 1,
        "challenged": 0,
    }


def test_a_challenged_status_needs_attention_and_shows_the_comment(
    client, personas, police_actions
):
    fine = police_actions["fine"]
    factories.StatusReviewFactory(
        update=fine.updates.get(), reviewer=personas.chair, outcome="challenged",
        comment="What evidence is there?",
    )  # fmt: skip
    client.force_login(personas.police_lead)
    response = client.get(URL)
    assert response.context["counts"]["challenged"] == 1
    assert response.context["counts"]["needs_attention"] == 4
    assert listed(client.get(URL, {"challenged": "on"})) == ["Fine action"]
    assert "Challenged" in response.content.decode()
    action_page = client.get(fine.get_absolute_url()).content.decode()
    assert "What evidence is there?" in action_page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"is_overdue": "on"}, ["Overdue action"]),
        ({"is_stale": "on"}, ["Stale action"]),
        ({"needs_attention": "on"}, ["Overdue action", "Risky action", "Stale action"]),
        ({"status": "at-risk"}, ["Risky action"]),
        ({"at_risk": "on"}, ["Risky action"]),
        ({"status": "none"}, []),
        ({"is_overdue": ""}, ["Overdue action", "Risky action", "Stale action", "Fine action"]),
        (
            {"needs_attention": ""},
            ["Overdue action", "Risky action", "Stale action", "Fine action"],
        ),
    ],
)
def test_filters(client, personas, police_actions, query, expected):
    client.force_login(personas.police_lead)
    assert listed(client.get(URL, query)) == expected


def test_an_action_never_updated_counts_as_stale_and_no_update(client, personas, police_actions):
    factories.ActionFactory(workstream=personas.police_workstream, label="v", text="Untouched")
    client.force_login(personas.police_lead)
    assert listed(client.get(URL, {"status": "none"})) == ["Untouched"]
    assert "Untouched" in listed(client.get(URL, {"is_stale": "on"}))


def test_no_update_since_the_last_meeting_counts_from_each_partnerships_own(
    client, personas, police_actions
):
    """For a lead reporting in two partnerships: the other's last meeting was yesterday."""
    other = factories.MembershipFactory(person=personas.police_lead).partnership
    factories.MeetingFactory(
        partnership=other, date=TODAY - datetime.timedelta(days=1), status="held"
    )
    workstream = factories.WorkstreamFactory(
        plan=factories.ActionPlanFactory(partnership=other),
        lead_organisations=[personas.police_lead.organisation],
    )
    elsewhere = factories.ActionFactory(workstream=workstream, text="Updated before it")
    factories.ProgressUpdateFactory(action=elsewhere, as_at=TODAY - datetime.timedelta(days=3))
    client.force_login(personas.police_lead)
    response = client.get(URL, {"is_stale": "on"})
    assert sorted(listed(response)) == ["Stale action", "Updated before it"]
    assert response.context["counts"]["stale"] == 2


def test_a_complete_action_past_its_date_is_not_overdue(client, personas, police_actions):
    factories.ProgressUpdateFactory(
        action=police_actions["overdue"], status="complete", percent_complete=100, as_at=TODAY
    )
    client.force_login(personas.police_lead)
    assert listed(client.get(URL, {"is_overdue": "on"})) == []


def test_sub_items_are_listed_instead_of_their_action_and_inherit_its_date(client, personas):
    parent = factories.ActionFactory(
        workstream=personas.police_workstream, label="i", text="Parent",
        target_date=TODAY - datetime.timedelta(days=10),
    )  # fmt: skip
    factories.SubItemFactory(parent=parent, label="a", text="Victims")
    client.force_login(personas.police_lead)
    assert listed(client.get(URL)) == ["Victims"]
    assert listed(client.get(URL, {"is_overdue": "on"})) == ["Victims"]


def test_filter_by_workstream_offers_only_the_leads_workstreams(client, personas, police_actions):
    client.force_login(personas.police_lead)
    response = client.get(URL, {"workstream": personas.police_workstream.pk})
    assert len(listed(response)) == 4
    choices = list(response.context["filterset"].form.fields["workstream"].queryset)
    assert choices == [personas.police_workstream]
    refused = client.get(URL, {"workstream": personas.council_workstream.pk})
    assert "Select a valid choice" in refused.content.decode()


def test_pages_of_25(client, personas):
    for position in range(1, 31):
        factories.ActionFactory(workstream=personas.police_workstream, position=position)
    client.force_login(personas.police_lead)
    first = client.get(URL)
    assert len(listed(first)) == 25
    assert 'href="?page=2"' in first.content.decode()
    assert len(listed(client.get(URL, {"page": 2}))) == 5
    filtered = client.get(URL, {"status": "none", "page": 2}).content.decode()
    assert "?status=none&amp;page=1" in filtered, "pages keep the filters"


def test_someone_with_no_actions_sees_why(client, personas):
    client.force_login(personas.community_member)
    content = client.get(URL).content.decode()
    assert "You have no actions to report on." in content
    assert "You are not recorded as working for an organisation." in content


def my_actions_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, {"needs_attention": "on"}).status_code == 200
    return len(queries)


def test_my_actions_runs_the_same_queries_at_any_size(
    client, personas, police_actions, django_assert_max_num_queries
):
    client.force_login(personas.police_lead)
    small = my_actions_queries(client)
    for position in range(5, 80):
        action = factories.ActionFactory(workstream=personas.police_workstream, position=position)
        factories.ProgressUpdateFactory(action=action, status="at-risk", narrative="Late")
    assert my_actions_queries(client) == small
    # 1 session, 1 user, 1 workstreams to filter by, 1 count, 1 the page's action ids,
    # 1 those actions, 1 attention counts, 1 the viewer's organisation (whose actions these are),
    # 1 the viewer's memberships (whether a second factor is needed, and whether the
    # navigation offers the security log)
    with django_assert_max_num_queries(9):
        client.get(URL, {"needs_attention": "on"})


def test_the_page_says_whose_actions_it_lists(client, personas, police_actions):
    client.force_login(personas.police_lead)
    content = client.get(URL).content.decode()
    assert "The actions you report progress on, for your organisation." in content
    assert "These are the actions Test Constabulary is responsible for" in content
    assert "Workstream B: Workstream" in content, "the workstream is named, not only lettered"


def test_the_secretariat_sees_the_actions_of_its_organisation(client, personas):
    workstream = factories.WorkstreamFactory(
        plan=personas.plan, letter="A", lead_organisations=[personas.commissioner]
    )
    factories.ActionFactory(workstream=workstream, label="i", text="Commission a strategy")
    client.force_login(personas.secretariat)
    response = client.get(URL)
    assert listed(response) == ["Commission a strategy"]
    assert "Office of the Test Commissioner is responsible for" in response.content.decode()


@pytest.mark.parametrize(
    ("persona", "why"),
    [
        ("chair", "As chair, you review the statuses leads report rather than report yourself"),
        ("secretariat", "Office of the Test Commissioner leads no workstream and owns no action"),
        ("community_member", "You are not recorded as working for an organisation."),
    ],
)
def test_someone_without_actions_is_told_why(client, personas, persona, why):
    client.force_login(getattr(personas, persona))
    content = client.get(URL).content.decode()
    assert "You have no actions to report on." in content
    assert why in content


def test_an_adviser_is_told_they_read(client, personas):
    adviser = factories.PersonFactory(organisation=personas.police)
    factories.MembershipFactory(partnership=personas.partnership, person=adviser, role="adviser")
    client.force_login(adviser)
    assert "As adviser, you read the plans" in client.get(URL).content.decode()

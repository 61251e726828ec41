"""Editing the parts of a plan: every change in the audit history, a save over someone
else's change refused with theirs shown, and the writing page's queries fixed whatever
the plan's size."""

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from hcag.editing import CHANGED_MEANWHILE
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def author(client, personas):
    client.force_login(personas.secretariat)
    return client


def workstream_data(workstream, **overrides):
    return {
        "title": workstream.title,
        "lead_in": workstream.lead_in,
        "lead_organisations": [o.pk for o in workstream.lead_organisations.all()],
        "objectives": [],
        "version": workstream.version,
        **overrides,
    }


def test_editing_a_workstream_sets_its_leads_and_is_in_its_history(author, personas):
    workstream = personas.police_workstream
    url = reverse("workstreams:workstream-edit", args=[workstream.pk])
    leads = [personas.police.pk, personas.council.pk]
    response = author.post(
        url, workstream_data(workstream, title="Reworded", lead_organisations=leads), follow=True
    )
    assert "Your changes to workstream B have been saved." in response.content.decode()
    workstream.refresh_from_db()
    assert workstream.title == "Reworded"
    assert workstream.lead_organisations.count() == 2
    history = author.get(reverse("workstreams:workstream-history", args=[workstream.pk]))
    text = history.content.decode()
    assert "Reworded" in text
    assert personas.council.name in text


def test_a_second_save_over_someone_elses_change_is_refused_and_shows_theirs(author, personas):
    workstream = personas.police_workstream
    url = reverse("workstreams:workstream-edit", args=[workstream.pk])
    shown_at = workstream.version
    author.post(url, workstream_data(workstream, title="First editor's words"))
    # The second editor opened the form at the same version, and changes the lead-in.
    response = author.post(
        url, workstream_data(workstream, lead_in="The strategy will:", version=shown_at)
    )
    assert response.status_code == 409
    text = response.content.decode()
    assert CHANGED_MEANWHILE.replace("'", "&#x27;") in text
    workstream.refresh_from_db()
    assert (workstream.title, workstream.lead_in) == ("First editor's words", "")
    # Their form now holds both changes; saving it keeps both.
    response = author.post(
        url,
        workstream_data(workstream, title="First editor's words", lead_in="The strategy will:"),
    )
    assert response.status_code == 302
    workstream.refresh_from_db()
    assert (workstream.title, workstream.lead_in) == ("First editor's words", "The strategy will:")


def test_the_plans_details_are_edited_with_the_same_protection(author, personas):
    plan = personas.plan
    url = reverse("workstreams:plan-edit", args=[plan.slug])
    data = {
        "title": plan.title,
        "description": "",
        "adopted_on_0": "10",
        "adopted_on_1": "9",
        "adopted_on_2": "2018",
        "adopted_at": "JHCAG meeting",
        "version": plan.version,
    }
    assert author.post(url, data).status_code == 302
    response = author.post(url, {**data, "title": "Another title"})
    assert response.status_code == 409
    plan.refresh_from_db()
    assert (plan.title, plan.adopted_at) == ("Test action plan", "JHCAG meeting")
    entry = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(plan), object_id=plan.pk
    ).latest("timestamp")
    assert entry.changes["adopted_at"] == ["", "JHCAG meeting"]


def test_an_action_gets_a_named_owner_who_is_a_member(author, personas):
    action = factories.ActionFactory(workstream=personas.police_workstream, position=1)
    url = reverse("workstreams:action-edit", args=[action.pk])
    data = {
        "text": action.text,
        "owner_organisation": personas.police.pk,
        "owner_person": personas.police_lead.pk,
        "start_date_0": "1",
        "start_date_1": "10",
        "start_date_2": "2018",
        "target_date_0": "31",
        "target_date_1": "3",
        "target_date_2": "2019",
        "version": action.version,
    }
    assert author.post(url, data).status_code == 302
    action.refresh_from_db()
    assert (action.owner_person, str(action.start_date)) == (personas.police_lead, "2018-10-01")
    outsider = {**data, "owner_person": personas.outsider.pk, "version": action.version}
    refused = author.post(url, outsider)
    assert "Choose the named owner from the list of members" in refused.content.decode()
    backwards = {**data, "start_date_2": "2020", "version": action.version}
    refused = author.post(url, backwards)
    assert "The target date must be on or after the start date" in refused.content.decode()


def grow(personas, size):
    """`size` more workstreams, each with two leads, an objective, and `size` actions
    with two sub-items each, some retired."""
    plan = personas.plan
    objective = factories.ObjectiveFactory(plan=plan, label="a")
    factories.PriorityFactory(plan=plan, label="a").objectives.add(objective)
    for index in range(size):
        workstream = factories.WorkstreamFactory(
            plan=plan,
            letter="EFGHIJ"[index],
            lead_organisations=[personas.police, personas.council],
        )
        workstream.objectives.add(objective)
        for position in range(1, size + 1):
            action = factories.ActionFactory(workstream=workstream, position=position,
                                             owner_person=personas.police_lead)  # fmt: skip
            factories.SubItemFactory(parent=action, position=1)
            factories.SubItemFactory(parent=action, position=2, retired_on="2019-01-01")


@pytest.mark.parametrize("size", [1, 5])
def test_the_writing_page_runs_the_same_queries_whatever_the_plans_size(
    author, personas, django_assert_max_num_queries, size
):
    grow(personas, size)
    url = reverse("workstreams:plan-author", args=[personas.plan.slug])
    # 1 session, 1 user, 1 plan with its partnership, 1 memberships; 1 workstreams,
    # 1 their leads, 1 their objectives; 1 actions with their owners; 1 priorities;
    # 1 objectives, 1 their priorities.
    with django_assert_max_num_queries(11):
        response = author.get(url)
    assert response.status_code == 200
    assert response.content.decode().count("Retired") >= size * size


def test_the_plans_changes_page_lists_its_priorities_and_workstreams(author, personas):
    plan = personas.plan
    author.post(
        reverse("workstreams:priority-add", args=[plan.slug]),
        {"title": "Safeguard vulnerable people", "version": 1},
    )
    author.post(
        reverse("workstreams:item-move", args=["workstream", personas.council_workstream.pk]),
        {"direction": "up"},
    )
    page = author.get(reverse("workstreams:plan-history", args=[plan.slug])).content.decode()
    assert "Safeguard vulnerable people" in page
    assert "Letter" in page  # the workstreams lettered again in their new order

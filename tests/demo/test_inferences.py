"""What the seed report does not state, the demo infers, and says so wherever it shows it:
workstream E's lead, which objectives each workstream supports and which priorities each
objective serves."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from workstreams.models import Action, Objective, Workstream

pytestmark = pytest.mark.django_db

LEADS_INFERRED = f"({Workstream.LEADS_INFERRED})"


@pytest.fixture
def chair_client(demo, client):
    client.force_login(get_user_model().objects.get(username="chair"))
    return client


def test_the_data_flags_each_inference_and_only_those(demo):
    assert list(
        Workstream.objects.filter(leads_inferred=True).values_list("letter", flat=True)
    ) == ["E"]
    assert not Workstream.objects.filter(objectives_inferred=False).exists()
    assert not Objective.objects.filter(priorities_inferred=False).exists()


def test_the_plan_page_says_which_links_and_leads_are_inferred(chair_client):
    content = chair_client.get(reverse("workstreams:plan-detail", args=[
        "durham-darlington-hate-crime-2018"
    ])).content.decode()  # fmt: skip
    assert content.count(LEADS_INFERRED) == 1, "E's lead, not A's"
    assert content.count(Workstream.OBJECTIVES_INFERRED.capitalize()) == 5
    assert content.count(Objective.PRIORITIES_INFERRED) == 4


def test_the_workstream_and_action_pages_say_the_lead_is_inferred(chair_client):
    e, a = (Workstream.objects.get(letter=letter) for letter in "EA")
    content = chair_client.get(e.get_absolute_url()).content.decode()
    assert LEADS_INFERRED in content
    assert Workstream.OBJECTIVES_INFERRED.capitalize() in content
    assert LEADS_INFERRED not in chair_client.get(a.get_absolute_url()).content.decode()
    action = Action.objects.get(workstream=e, label="i")
    assert LEADS_INFERRED in chair_client.get(action.get_absolute_url()).content.decode()


def test_the_dashboard_says_which_links_and_leads_are_inferred(chair_client):
    content = chair_client.get(
        reverse("overview:dashboard", args=["durham-darlington-hate-crime-2018"])
    ).content.decode()
    assert content.count(LEADS_INFERRED) == 1
    assert "(link inferred from the plan’s wording)" in content

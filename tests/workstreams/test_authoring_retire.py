"""Retiring a part of the plan keeps it and its updates, shows it as retired, and takes
it out of roll-ups, the dashboard, "Your actions" and the plan's page."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from overview.dashboard import plan_dashboard
from overview.selectors import actions_for_reporting
from tests import factories
from workstreams.models import Action
from workstreams.services import progress_update_create

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def plan(personas):
    """Workstream B (police): i at risk at 20%, ii complete; ii has no sub-items. Workstream
    D (council): i with sub-items a (on track 40%) and b (off track 10%)."""
    b, d = personas.police_workstream, personas.council_workstream
    risky = factories.ActionFactory(workstream=b, position=1, text="Risky")
    done = factories.ActionFactory(workstream=b, position=2, text="Done")
    parent = factories.ActionFactory(workstream=d, position=1, text="In parts")
    factories.SubItemFactory(parent=parent, position=1, text="On track part")
    late = factories.SubItemFactory(parent=parent, position=2, text="Late part")
    update = {"as_at": TODAY - datetime.timedelta(days=1), "author": personas.police_lead}
    factories.ProgressUpdateFactory(action=risky, status="at-risk", percent_complete=20,
                                    narrative="Slipping", **update)  # fmt: skip
    factories.ProgressUpdateFactory(action=done, status="complete", percent_complete=100, **update)
    factories.ProgressUpdateFactory(action=parent.sub_items.first(), status="on-track",
                                    percent_complete=40, **update)  # fmt: skip
    factories.ProgressUpdateFactory(action=late, status="off-track", percent_complete=10,
                                    narrative="Stalled", **update)  # fmt: skip
    return personas.plan


def standings(plan):
    actions = actions_for_reporting(Action.objects.filter(workstream__plan=plan), today=TODAY)
    return {s.workstream.letter: s for s in plan_dashboard(plan, actions, today=TODAY).workstreams}


def retire(client, kind, item):
    response = client.post(reverse("workstreams:item-retire", args=[kind, item.pk]))
    assert response.status_code == 302
    item.refresh_from_db()


def test_the_confirmation_page_says_what_retiring_does(client, personas, plan):
    client.force_login(personas.secretariat)
    parent = Action.objects.get(text="In parts")
    page = client.get(reverse("workstreams:item-retire", args=["action", parent.pk]))
    text = page.content.decode()
    assert "Retire action D.i?" in text
    assert "retires its 2 sub-items too" in text
    assert parent.retired_on is None  # nothing happens until it is confirmed


def test_a_retired_action_leaves_the_roll_up_and_the_dashboard(client, personas, plan):
    assert (standings(plan)["B"].progress.status, standings(plan)["B"].progress.percent) == (
        "at-risk",
        60,
    )
    client.force_login(personas.secretariat)
    retire(client, "action", Action.objects.get(text="Risky"))
    b = standings(plan)["B"]
    assert (b.progress.status, b.progress.percent, b.counts.total) == ("complete", 100, 1)


def test_a_retired_sub_item_leaves_its_actions_roll_up(client, personas, plan):
    client.force_login(personas.secretariat)
    retire(client, "action", Action.objects.get(text="Late part"))
    d = standings(plan)["D"]
    assert (d.progress.status, d.progress.percent, d.counts.total) == ("on-track", 40, 1)


def test_an_action_whose_sub_items_are_all_retired_is_reported_on_itself(client, personas, plan):
    client.force_login(personas.secretariat)
    parent = Action.objects.get(text="In parts")
    for sub_item in parent.sub_items.all():
        retire(client, "action", sub_item)
    assert Action.objects.reportable().filter(pk=parent.pk).exists()


def test_a_retired_action_leaves_your_actions_and_the_plan_page_but_keeps_its_history(
    client, personas, plan
):
    risky = Action.objects.get(text="Risky")
    client.force_login(personas.secretariat)
    retire(client, "action", risky)
    client.force_login(personas.police_lead)
    assert "Risky" not in client.get(reverse("overview:my-actions")).content.decode()
    assert "Risky" not in client.get(plan.get_absolute_url()).content.decode()
    page = client.get(risky.get_absolute_url()).content.decode()
    assert "Retired" in page
    assert "Slipping" in page  # its update is still there
    history = client.get(reverse("workstreams:action-history", args=[risky.pk])).content.decode()
    assert "retired on" in history.lower()


def test_a_retired_action_takes_no_more_updates_or_edits(client, personas, plan):
    risky = Action.objects.get(text="Risky")
    client.force_login(personas.secretariat)
    retire(client, "action", risky)
    client.force_login(personas.police_lead)
    add_update = reverse("workstreams:progress-update-add", args=[risky.pk])
    assert client.post(add_update, {}).status_code == 403
    assert client.get(reverse("workstreams:action-edit", args=[risky.pk])).status_code == 403
    assert risky.updates.count() == 1


def test_retiring_a_workstream_retires_its_actions_and_letters_the_rest(client, personas, plan):
    client.force_login(personas.secretariat)
    retire(client, "workstream", personas.police_workstream)
    assert not Action.objects.live().filter(workstream=personas.police_workstream).exists()
    assert list(standings(plan)) == ["A"]  # D is now A
    personas.council_workstream.refresh_from_db()
    assert personas.council_workstream.letter == "A"


def test_retiring_twice_changes_nothing_the_second_time(client, personas, plan):
    client.force_login(personas.secretariat)
    risky = Action.objects.get(text="Risky")
    retire(client, "action", risky)
    retired_on = risky.retired_on
    response = client.post(reverse("workstreams:item-retire", args=["action", risky.pk]))
    assert response.status_code == 404  # it is no longer in the plan to retire
    risky.refresh_from_db()
    assert risky.retired_on == retired_on


def test_the_update_service_refuses_a_retired_action_too(client, personas, plan):
    risky = Action.objects.get(text="Risky")
    client.force_login(personas.secretariat)
    retire(client, "action", risky)
    with pytest.raises(ValidationError, match="retired"):
        progress_update_create(
            action=risky,
            author=personas.police_lead,
            status="on-track",
            percent_complete=30,
            confidence="high",
            as_at=TODAY,
        )
    assert risky.updates.count() == 1

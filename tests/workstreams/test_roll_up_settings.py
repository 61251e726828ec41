"""A plan's roll-up settings (workstreams.rollup): whether sub-items roll up into their
action, and whether actions are weighted; the page that sets them, and every place that
rolls progress up following them."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from overview.dashboard import plan_dashboard
from overview.selectors import actions_for_reporting
from tests import factories
from workstreams.models import UPDATE_THE_SUB_ITEMS, Action
from workstreams.refresh import plan_refresh
from workstreams.rollup import Progress, roll_up
from workstreams.selectors import plan_outline, workstream_with_progress
from workstreams.services import progress_update_create

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
YESTERDAY = TODAY - datetime.timedelta(days=1)


@pytest.fixture
def plan(personas):
    """Workstream B (police): i at risk at 20%, ii complete. Workstream D (council): i with
    sub-items a (on track 40%) and b (off track 10%), and ii on track at 90%."""
    b, d = personas.police_workstream, personas.council_workstream
    risky = factories.ActionFactory(workstream=b, position=1, label="i", text="Risky")
    done = factories.ActionFactory(workstream=b, position=2, label="ii", text="Done")
    parent = factories.ActionFactory(workstream=d, position=1, label="i", text="In parts")
    first = factories.SubItemFactory(parent=parent, position=1, label="a", text="First part")
    late = factories.SubItemFactory(parent=parent, position=2, label="b", text="Late part")
    whole = factories.ActionFactory(workstream=d, position=2, label="ii", text="Whole")
    for action, status, percent in [
        (risky, "at-risk", 20),
        (done, "complete", 100),
        (first, "on-track", 40),
        (late, "off-track", 10),
        (whole, "on-track", 90),
    ]:
        factories.ProgressUpdateFactory(
            action=action, status=status, percent_complete=percent, narrative="Why",
            as_at=YESTERDAY, author=personas.police_lead,
        )  # fmt: skip
    return personas.plan


def weigh(plan, **weights):
    plan.weighs_actions = True
    plan.save()
    for text, weight in weights.items():
        Action.objects.filter(workstream__plan=plan, text=text.replace("_", " ")).update(
            weight=weight
        )


def dashboard(plan):
    actions = actions_for_reporting(Action.objects.filter(workstream__plan=plan), today=TODAY)
    return plan_dashboard(plan, actions, today=TODAY)


def everywhere(plan, letter):
    """A workstream's progress as (status, percent) on the dashboard, in its history's
    latest point, on the plan's page and on the workstream's own page: all must agree."""
    board = dashboard(plan)
    standing = next(s for s in board.workstreams if s.workstream.letter == letter)
    history = next(row for row in board.history.rows if row.workstream.letter == letter)
    outline = next(w for w in plan_outline(plan).workstreams if w.letter == letter)
    page = workstream_with_progress(plan.workstreams.get(letter=letter))
    found = {
        (p.status, p.percent)
        for p in (standing.progress, history.points[-1], outline.progress, page.progress)
    }
    assert len(found) == 1, found
    return found.pop()


def test_weights_count_in_the_percentage_but_never_in_the_status():
    parts = [Progress("at-risk", 20, None), Progress("complete", 100, None)]
    assert roll_up(parts).percent == 60
    assert roll_up(parts, [3, 1]) == Progress("at-risk", 40, None)
    assert roll_up(parts, [1, 3]).percent == 80


def test_every_action_counts_the_same_until_the_plan_weighs_actions(plan):
    Action.objects.filter(text="Risky").update(weight=3)
    assert everywhere(plan, "B") == ("at-risk", 60)
    weigh(plan)
    assert everywhere(plan, "B") == ("at-risk", 40)


def test_weights_count_for_sub_items_within_their_action_and_actions_within_the_workstream(
    plan,
):
    assert everywhere(plan, "D") == ("off-track", 58)  # (25 + 90) / 2
    weigh(plan, Late_part=3, In_parts=2)
    # In parts: (40 + 3 x 10) / 4 = 17.5; the workstream: (2 x 17.5 + 90) / 3 = 41.7
    assert everywhere(plan, "D") == ("off-track", 42)


def test_the_action_page_rolls_up_its_sub_items_by_weight(client, personas, plan):
    weigh(plan, Late_part=3)
    client.force_login(personas.council_lead)
    page = client.get(Action.objects.get(text="In parts").get_absolute_url()).content.decode()
    assert "18%" in page  # (40 + 3 x 10) / 4
    assert "Rolled up from its sub-items." in page


def test_when_sub_items_do_not_roll_up_their_action_is_reported_on_itself(client, personas, plan):
    parent = Action.objects.get(text="In parts")
    with pytest.raises(ValidationError, match="update them instead"):
        progress_update_create(
            action=parent, author=personas.council_lead, status="on-track",
            percent_complete=70, confidence="high", as_at=TODAY,
        )  # fmt: skip
    assert not Action.objects.reportable().filter(pk=parent.pk).exists()
    plan.sub_items_roll_up = False
    plan.save()
    parent = Action.objects.get(pk=parent.pk)
    assert Action.objects.reportable().filter(pk=parent.pk).exists()
    assert everywhere(plan, "D") == ("on-track", 45)  # the parent has no update: (0 + 90) / 2
    progress_update_create(
        action=parent, author=personas.council_lead, status="on-track",
        percent_complete=70, confidence="high", as_at=TODAY,
    )  # fmt: skip
    # The sub-items (one off track) count in no roll-up: only D.i's own update and D.ii.
    assert everywhere(plan, "D") == ("on-track", 80)
    client.force_login(personas.council_lead)
    page = client.get(parent.get_absolute_url()).content.decode()
    assert "Rolled up from its sub-items." not in page
    assert "70%" in page
    assert UPDATE_THE_SUB_ITEMS not in page


def test_a_refreshed_plan_keeps_its_settings_and_weights(plan):
    weigh(plan, Risky=5)
    plan.sub_items_roll_up = False
    plan.save()
    successor = plan_refresh(plan=plan, title="Next year")
    assert (successor.sub_items_roll_up, successor.weighs_actions) == (False, True)
    carried = Action.objects.get(workstream__plan=successor, text="Risky")
    assert carried.weight == 5


# The page ---------------------------------------------------------------------------------


def url(plan):
    return reverse("workstreams:plan-roll-up", args=[plan.slug])


def form_data(plan, *, sub_items_roll_up=True, weighs_actions=True, **weights):
    data = {
        "sub_items_roll_up": str(sub_items_roll_up),
        "weighs_actions": str(weighs_actions),
        "version": plan.version,
    }
    for action in Action.objects.live().filter(workstream__plan=plan):
        data[f"weight_{action.pk}"] = weights.get(action.text.replace(" ", "_"), action.weight)
    return data


def test_the_secretariat_sets_how_progress_rolls_up(client, personas, plan):
    client.force_login(personas.secretariat)
    page = client.get(url(plan)).content.decode()
    assert "Do sub-items roll up into their action?" in page
    assert "Weights in workstream D" in page
    assert "D.i.b Late part" in page
    response = client.post(url(plan), form_data(plan, Risky=3, Late_part=2), follow=True)
    assert "How progress rolls up has been saved (2 weights changed)." in response.content.decode()
    plan.refresh_from_db()
    assert plan.weighs_actions is True
    assert everywhere(plan, "B") == ("at-risk", 40)
    risky = Action.objects.get(text="Risky")
    assert LogEntry.objects.get_for_object(risky).latest("timestamp").changes == {
        "weight": ["1", "3"]
    }
    assert LogEntry.objects.get_for_object(plan).latest("timestamp").changes == {
        "weighs_actions": ["False", "True"]
    }


@pytest.mark.parametrize(
    ("weight", "message"),
    [
        ("0", "The weight of B.i must be 1 or more"),
        ("101", "The weight of B.i must be 100 or fewer"),
        ("heavy", "The weight of B.i must be a whole number, like 4"),
    ],
)
def test_a_bad_weight_is_explained_and_nothing_is_saved(client, personas, plan, weight, message):
    client.force_login(personas.secretariat)
    data = form_data(plan, Done=4)
    data[f"weight_{Action.objects.get(text='Risky').pk}"] = weight
    response = client.post(url(plan), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    plan.refresh_from_db()
    assert plan.weighs_actions is False
    assert Action.objects.get(text="Done").weight == 1


def test_a_save_over_someone_elses_change_is_refused(client, personas, plan):
    client.force_login(personas.secretariat)
    shown_at = form_data(plan, weighs_actions=False)
    client.post(url(plan), form_data(plan, Risky=3))
    response = client.post(url(plan), {**shown_at, "sub_items_roll_up": "False"}, follow=True)
    assert "Someone else changed how this plan" in response.content.decode()
    plan.refresh_from_db()
    assert (plan.sub_items_roll_up, plan.weighs_actions) == (True, True)
    assert Action.objects.get(text="Risky").weight == 3


def test_an_action_added_since_the_page_was_shown_keeps_its_weight(client, personas, plan):
    client.force_login(personas.secretariat)
    data = form_data(plan, Risky=2)
    added = factories.ActionFactory(workstream=personas.police_workstream, label="iii", weight=7)
    response = client.post(url(plan), data)
    assert response.status_code == 302
    added.refresh_from_db()
    assert added.weight == 7


@pytest.mark.parametrize(
    ("persona", "status"),
    [("chair", 403), ("police_lead", 403), ("community_member", 403), ("outsider", 404)],
)
def test_only_those_who_write_the_plan_set_it(client, personas, plan, persona, status):
    client.force_login(getattr(personas, persona))
    assert client.get(url(plan)).status_code == status
    assert client.post(url(plan), form_data(plan, Risky=9)).status_code == status
    assert Action.objects.get(text="Risky").weight == 1


def test_a_superseded_plan_cannot_be_changed(client, personas, plan):
    plan_refresh(plan=plan, title="Next year")
    client.force_login(personas.secretariat)
    assert client.post(url(plan), form_data(plan, Risky=9)).status_code == 403
    assert Action.objects.get(workstream__plan=plan, text="Risky").weight == 1


def test_the_page_takes_the_same_queries_whatever_the_plans_size(
    client, personas, plan, django_assert_max_num_queries
):
    client.force_login(personas.secretariat)
    client.get(url(plan))
    for position in range(3, 60):
        factories.ActionFactory(workstream=personas.police_workstream, position=position)
    with django_assert_max_num_queries(12):
        assert client.get(url(plan)).status_code == 200


def test_leads_report_on_an_action_whose_sub_items_do_not_roll_up_and_on_its_sub_items(
    personas, plan
):
    plan.sub_items_roll_up = False
    plan.save()
    due = Action.objects.to_report_on().reportable().filter(workstream__plan=plan)
    assert set(due.values_list("text", flat=True)) == {
        "Risky", "Done", "In parts", "First part", "Late part", "Whole",
    }  # fmt: skip

"""Labels follow the plan's order: given on adding, and again on every move and retire,
with each relabelling in the audit log."""

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from tests import factories
from workstreams.models import Action, Priority, Workstream

pytestmark = pytest.mark.django_db

NO_DATES = {f"{name}_{part}": "" for name in ("start_date", "target_date") for part in "012"}


@pytest.fixture
def author(client, personas):
    client.force_login(personas.secretariat)
    return client


def labels(queryset):
    return list(queryset.live().order_by("position").values_list("label", "text"))


def add_action(client, workstream, text, parent=None):
    url = (
        reverse("workstreams:sub-item-add", args=[parent.pk])
        if parent
        else reverse("workstreams:action-add", args=[workstream.pk])
    )
    response = client.post(url, {"text": text, "version": 1, **NO_DATES})
    assert response.status_code == 302
    return Action.objects.get(text=text)


def move(client, kind, item, direction):
    url = reverse("workstreams:item-move", args=[kind, item.pk])
    return client.post(url, {"direction": direction})


def retire(client, kind, item):
    return client.post(reverse("workstreams:item-retire", args=[kind, item.pk]))


def test_actions_and_sub_items_are_labelled_in_order_as_they_are_added(author, personas):
    workstream = personas.police_workstream
    first = add_action(author, workstream, "First")
    add_action(author, workstream, "Second")
    add_action(author, workstream, "Third", parent=first)
    add_action(author, workstream, "Fourth", parent=first)
    assert labels(Action.objects.filter(workstream=workstream, parent=None)) == [
        ("i", "First"),
        ("ii", "Second"),
    ]
    assert labels(first.sub_items) == [("a", "Third"), ("b", "Fourth")]


def test_moving_an_action_down_swaps_the_labels_and_the_log_says_so(author, personas):
    workstream = personas.police_workstream
    first = add_action(author, workstream, "First")
    add_action(author, workstream, "Second")
    response = move(author, "action", first, "down")
    assert response.status_code == 302
    assert labels(Action.objects.filter(workstream=workstream, parent=None)) == [
        ("i", "Second"),
        ("ii", "First"),
    ]
    logged = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Action), object_id=first.pk
    ).latest("timestamp")
    assert logged.changes == {"label": ["i", "ii"]}
    assert logged.actor == personas.secretariat


def test_moving_the_first_up_changes_nothing(author, personas):
    first = add_action(author, personas.police_workstream, "First")
    add_action(author, personas.police_workstream, "Second")
    move(author, "action", first, "up")
    assert Action.objects.get(pk=first.pk).label == "i"


def test_workstreams_are_lettered_again_when_one_moves(author, personas):
    # The personas' workstreams are B and D: letters follow the order once one moves.
    move(author, "workstream", personas.council_workstream, "up")
    assert list(Workstream.objects.order_by("letter").values_list("pk", "letter")) == [
        (personas.council_workstream.pk, "A"),
        (personas.police_workstream.pk, "B"),
    ]


def test_retiring_an_action_relabels_the_rest_and_keeps_its_label(author, personas):
    workstream = personas.police_workstream
    first = add_action(author, workstream, "1st")
    for text in ("2nd", "3rd"):
        add_action(author, workstream, text)
    assert retire(author, "action", first).status_code == 302
    assert labels(Action.objects.filter(workstream=workstream, parent=None)) == [
        ("i", "2nd"),
        ("ii", "3rd"),
    ]
    first.refresh_from_db()
    assert (first.label, first.retired_on is not None) == ("i", True)
    # A retired label may be used again by a new action without clashing.
    add_action(author, workstream, "4th")
    assert Action.objects.get(text="4th").label == "iii"


def test_an_action_moves_to_another_workstream_with_its_sub_items(author, personas):
    police, council = personas.police_workstream, personas.council_workstream
    first = add_action(author, police, "Go")
    add_action(author, police, "Stay")
    sub_item = add_action(author, police, "Go too", parent=first)
    add_action(author, council, "Already here")
    response = author.post(
        reverse("workstreams:action-move-to", args=[first.pk]), {"workstream": council.pk}
    )
    assert response.status_code == 302
    first.refresh_from_db()
    sub_item.refresh_from_db()
    assert (first.workstream, first.label) == (council, "ii")
    assert sub_item.workstream == council
    assert sub_item.reference == "D.ii.a"
    assert labels(Action.objects.filter(workstream=police, parent=None)) == [("i", "Stay")]
    logged = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Action), object_id=first.pk
    ).latest("timestamp")
    assert logged.changes["workstream"] == [str(police.pk), str(council.pk)]


def test_an_action_cannot_move_to_its_own_workstream(author, personas):
    action = add_action(author, personas.police_workstream, "Here")
    response = author.post(
        reverse("workstreams:action-move-to", args=[action.pk]),
        {"workstream": personas.police_workstream.pk},
    )
    assert response.status_code == 200
    assert "Choose the workstream to move it to from the list" in response.content.decode()


def test_priorities_are_lettered_and_relabelled_on_move_and_retire(author, personas):
    plan = personas.plan
    for title in ("One", "Two", "Three"):
        author.post(
            reverse("workstreams:priority-add", args=[plan.slug]), {"title": title, "version": 1}
        )
    one = Priority.objects.get(title="One")
    move(author, "priority", one, "down")
    assert list(Priority.objects.live().order_by("label").values_list("label", "title")) == [
        ("a", "Two"),
        ("b", "One"),
        ("c", "Three"),
    ]
    retire(author, "priority", Priority.objects.get(title="Two"))
    assert list(Priority.objects.live().order_by("label").values_list("label", "title")) == [
        ("a", "One"),
        ("b", "Three"),
    ]


def test_an_objective_serves_the_priorities_chosen(author, personas):
    plan = personas.plan
    safeguard = factories.PriorityFactory(plan=plan, label="a")
    response = author.post(
        reverse("workstreams:objective-add", args=[plan.slug]),
        {"title": "Support victims", "priorities": [safeguard.pk], "version": 1},
    )
    assert response.status_code == 302
    assert list(plan.objectives.get().priorities.all()) == [safeguard]


def test_a_workstream_needs_a_lead_and_may_have_two(author, personas):
    url = reverse("workstreams:workstream-add", args=[personas.plan.slug])
    refused = author.post(url, {"title": "Share intelligence", "version": 1})
    assert "Choose at least one lead organisation" in refused.content.decode()
    assert not Workstream.objects.filter(title="Share intelligence").exists()
    leads = [personas.police.pk, personas.council.pk]
    author.post(url, {"title": "Share intelligence", "lead_organisations": leads, "version": 1})
    added = Workstream.objects.get(title="Share intelligence")
    # The personas' B and D are lettered in order first, then it comes after them.
    assert list(Workstream.objects.order_by("letter").values_list("letter", flat=True)) == [
        "A",
        "B",
        "C",
    ]
    assert added.letter == "C"
    assert set(added.lead_organisations.values_list("pk", flat=True)) == set(leads)

"""The roll-up worked in the database (workstreams.rollup_sql) agrees with the rule in
Python (workstreams.rollup) on random plans: sub-items or none, weights, every status,
actions without updates, retired parts, and both of a plan's settings."""

import datetime
import random

import pytest

from tests import factories
from workstreams.models import Action, ProgressUpdate, refresh_latest_updates
from workstreams.rollup import NO_UPDATE, Progress
from workstreams.rollup_sql import workstream_progress
from workstreams.selectors import attach_workstream_progress

pytestmark = pytest.mark.django_db

STATUSES = [status for status, _ in ProgressUpdate.Status.choices]
DAY = datetime.date(2026, 1, 1)


def random_plan(rng: random.Random, *, sub_items_roll_up: bool, weighs_actions: bool):
    plan = factories.ActionPlanFactory(
        sub_items_roll_up=sub_items_roll_up, weighs_actions=weighs_actions
    )
    author = factories.PersonFactory()
    workstreams = [factories.WorkstreamFactory(plan=plan, letter=letter) for letter in "ABCD"]
    updates = []
    for workstream in workstreams[:3]:  # D has no actions
        for position in range(1, rng.randint(1, 6)):
            action = factories.ActionFactory(
                workstream=workstream, position=position, weight=rng.randint(1, 9)
            )
            parts = [
                factories.SubItemFactory(parent=action, position=n, weight=rng.randint(1, 9))
                for n in range(1, rng.choice([1, 1, 2, 4]))
            ]
            retiring = rng.random() < 0.1  # an action, and with it its sub-items
            for part in [action, *parts]:
                if retiring or rng.random() < 0.1:
                    part.retired_on = DAY
                    part.save()
                for day in range(rng.choice([0, 1, 1, 2])):
                    status = rng.choice(STATUSES)
                    updates.append(
                        ProgressUpdate(
                            action=part,
                            author=author,
                            status=status,
                            percent_complete=100 if status == "complete" else rng.randint(0, 99),
                            confidence="medium",
                            as_at=DAY + datetime.timedelta(days=day + rng.randint(0, 30)),
                        )
                    )
    ProgressUpdate.objects.bulk_create(updates)
    refresh_latest_updates(Action.objects.filter(workstream__plan=plan))
    return plan, workstreams


def progress_in_python(workstreams) -> dict[int, Progress]:
    actions = Action.objects.live().filter(workstream__in=workstreams)
    attach_workstream_progress(workstreams, actions)
    return {workstream.pk: workstream.progress for workstream in workstreams}


@pytest.mark.parametrize("seed", range(12))
def test_the_database_rolls_progress_up_as_the_rule_does(seed):
    rng = random.Random(seed)  # noqa: S311
    plan, workstreams = random_plan(
        rng, sub_items_roll_up=seed % 2 == 0, weighs_actions=seed % 3 == 0
    )
    reportable = Action.objects.live().reportable().filter(workstream__plan=plan)
    in_sql = workstream_progress(reportable.with_roll_up_terms())
    in_python = progress_in_python(workstreams)
    assert {pk: in_sql.get(pk, NO_UPDATE) for pk in in_python} == in_python


def test_halves_round_to_even_as_python_does():
    """Parts at 0% and 5% weigh 1 and 1: 2.5% rounds to 2; at 0% and 7%, 3.5% to 4."""
    plan = factories.ActionPlanFactory()
    results = {}
    for letter, percents in (("A", (0, 5)), ("B", (0, 7)), ("C", (1, 2))):
        workstream = factories.WorkstreamFactory(plan=plan, letter=letter)
        for position, percent in enumerate(percents, start=1):
            action = factories.ActionFactory(workstream=workstream, position=position)
            factories.ProgressUpdateFactory(action=action, percent_complete=percent)
        results[letter] = workstream.pk
    progress = workstream_progress(
        Action.objects.live().reportable().filter(workstream__plan=plan).with_roll_up_terms()
    )
    assert (
        {letter: progress[pk].percent for letter, pk in results.items()}
        == {
            "A": round(2.5),
            "B": round(3.5),
            "C": round(1.5),
        }
        == {"A": 2, "B": 4, "C": 2}
    )

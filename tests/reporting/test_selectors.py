"""Which actions are due and reported in the open round."""

import datetime

import pytest
from django.utils import timezone

from meetings.models import Meeting
from reporting.rounds import working_days_before
from reporting.selectors import (
    last_closed_rounds,
    numbered_action_reported,
    open_rounds,
    plan_round_standing,
    round_actions,
    round_standing,
)
from tests import factories
from workstreams.models import Action

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def meetings(personas, today):
    """The previous meeting 30 days ago, the next in 20 days."""
    previous = factories.MeetingFactory(
        partnership=personas.partnership, date=today - 30 * DAY, status="held"
    )
    upcoming = factories.MeetingFactory(partnership=personas.partnership, date=today + 20 * DAY)
    return previous, upcoming


def update(action, as_at, status="on-track"):
    return factories.ProgressUpdateFactory(
        action=action,
        as_at=as_at,
        status=status,
        percent_complete=100 if status == "complete" else 30,
    )


def items_of(personas, today):
    rounds = open_rounds([personas.partnership.pk], today=today)
    return {
        item.action.pk: item
        for item in round_actions(Action.objects.filter(workstream__plan=personas.plan), rounds)
    }


def test_an_action_is_reported_by_an_update_dated_inside_the_round(personas, meetings, today):
    previous, _ = meetings
    ws = personas.police_workstream
    reported = factories.ActionFactory(workstream=ws)
    update(reported, today - 5 * DAY)
    before = factories.ActionFactory(workstream=ws)
    update(before, previous.date)  # the day of the previous meeting belongs to its round
    never = factories.ActionFactory(workstream=ws)
    items = items_of(personas, today)
    assert items[reported.pk].is_reported
    assert not items[before.pk].is_reported
    assert not items[never.pk].is_reported


def test_the_day_after_the_previous_meeting_counts(personas, meetings, today):
    previous, _ = meetings
    action = factories.ActionFactory(workstream=personas.police_workstream)
    update(action, previous.date + DAY)
    assert items_of(personas, today)[action.pk].is_reported


def test_complete_actions_are_not_due(personas, meetings, today):
    done = factories.ActionFactory(workstream=personas.police_workstream)
    update(done, today - 60 * DAY, status="complete")
    assert done.pk not in items_of(personas, today)


def test_retired_actions_are_not_due(personas, meetings, today):
    retired = factories.ActionFactory(workstream=personas.police_workstream, retired_on=today)
    live = factories.ActionFactory(workstream=personas.police_workstream)
    items = items_of(personas, today)
    assert retired.pk not in items
    assert live.pk in items


def test_actions_the_plan_starts_after_the_due_date_are_not_due_yet(personas, meetings, today):
    _, upcoming = meetings
    ws = personas.police_workstream
    later = factories.ActionFactory(workstream=ws, start_date=upcoming.date)
    started = factories.ActionFactory(workstream=ws, start_date=today - 10 * DAY)
    items = items_of(personas, today)
    assert later.pk not in items
    assert started.pk in items


def test_an_action_completed_then_revised_by_a_reviewer_is_due_again(personas, meetings, today):
    action = factories.ActionFactory(workstream=personas.police_workstream)
    finished = update(action, today - 60 * DAY, status="complete")
    factories.StatusReviewFactory(
        update=finished, reviewer=personas.chair, outcome="revised", status="at-risk",
        comment="Not finished",
    )  # fmt: skip
    assert action.pk in items_of(personas, today)


def test_an_action_with_sub_items_is_reported_when_every_open_sub_item_is(
    personas, meetings, today
):
    parent = factories.ActionFactory(workstream=personas.police_workstream)
    first = factories.SubItemFactory(parent=parent, position=1)
    second = factories.SubItemFactory(parent=parent, position=2)
    finished = factories.SubItemFactory(parent=parent, position=3)
    update(finished, today - 90 * DAY, status="complete")
    update(first, today - 2 * DAY)
    items = items_of(personas, today)
    assert parent.pk not in items, "its sub-items are reported, not the action"
    assert finished.pk not in items
    assert numbered_action_reported(items.values()) == {parent.pk: False}
    update(second, today - DAY)
    assert numbered_action_reported(items_of(personas, today).values()) == {parent.pk: True}


def test_no_round_is_open_without_a_meeting_to_come(personas, today):
    factories.MeetingFactory(partnership=personas.partnership, date=today - 30 * DAY)
    assert open_rounds([personas.partnership.pk], today=today) == {}
    assert plan_round_standing(personas.plan, today=today) is None


def test_cancelled_and_other_kinds_of_meeting_have_no_round(personas, today):
    factories.MeetingFactory(
        partnership=personas.partnership, date=today + 5 * DAY, status="cancelled"
    )
    factories.MeetingFactory(
        partnership=personas.partnership, date=today + 6 * DAY, kind="extraordinary"
    )
    upcoming = factories.MeetingFactory(partnership=personas.partnership, date=today + 40 * DAY)
    [meeting_round] = open_rounds([personas.partnership.pk], today=today).values()
    assert meeting_round.meeting == upcoming


def test_the_round_is_due_the_partnerships_working_days_before_unless_moved(
    personas, meetings, today
):
    _, upcoming = meetings
    personas.partnership.update_due_working_days = 3
    personas.partnership.save()
    [meeting_round] = open_rounds([personas.partnership.pk], today=today).values()
    assert meeting_round.round.due_on == working_days_before(upcoming.date, 3)
    Meeting.objects.filter(pk=upcoming.pk).update(updates_due_on=today + 2 * DAY)
    [meeting_round] = open_rounds([personas.partnership.pk], today=today).values()
    assert meeting_round.round.due_on == today + 2 * DAY
    assert meeting_round.round.is_moved


def test_the_standing_counts_by_workstream_and_organisation(personas, meetings, today):
    police = factories.ActionFactory(workstream=personas.police_workstream)
    update(police, today - DAY)
    factories.ActionFactory(workstream=personas.police_workstream)
    owned = factories.ActionFactory(
        workstream=personas.council_workstream, owner_organisation=personas.police
    )
    standing = plan_round_standing(personas.plan, today=today)
    assert (standing.total.due, standing.total.reported) == (3, 1)
    by_workstream = {ws.letter: (c.due, c.reported) for ws, c in standing.by_workstream}
    assert by_workstream == {"B": (2, 1), "D": (1, 0)}
    by_organisation = {o.name: (c.due, c.reported) for o, c in standing.by_organisation}
    assert by_organisation == {personas.police.name: (3, 1), personas.council.name: (1, 0)}
    rounds = open_rounds([personas.partnership.pk], today=today)
    items = round_actions(Action.objects.filter(workstream__plan=personas.plan), rounds)
    listed = round_standing(items, rounds[personas.partnership.pk], [], today=today)
    assert by_organisation == {o.name: (c.due, c.reported) for o, c in listed.by_organisation}
    assert owned in listed.not_reported
    assert police not in listed.not_reported


def counted(standing):
    return (
        (standing.total.due, standing.total.reported),
        {ws.letter: (c.due, c.reported) for ws, c in standing.by_workstream},
        {o.name: (c.due, c.reported) for o, c in standing.by_organisation},
    )


@pytest.mark.parametrize("sub_items_roll_up", [True, False])
def test_the_plans_standing_counts_as_a_list_of_its_items_does(
    personas, meetings, today, sub_items_roll_up
):
    """The dashboard counts in the database (plan_round_standing) what other pages count
    from the items themselves (round_standing): the same numbers, also where sub-items
    have owners of their own, reported and not."""
    personas.plan.sub_items_roll_up = sub_items_roll_up
    personas.plan.save()
    victims = factories.OrganisationFactory(name="Victim services")
    parent = factories.ActionFactory(
        workstream=personas.council_workstream, owner_organisation=personas.police
    )
    update(factories.SubItemFactory(parent=parent, position=1, owner_organisation=victims), today)
    factories.SubItemFactory(parent=parent, position=2, owner_organisation=victims)
    update(factories.SubItemFactory(parent=parent, position=3), today)
    update(factories.ActionFactory(workstream=personas.police_workstream), today)
    factories.ActionFactory(workstream=personas.police_workstream, owner_organisation=victims)
    rounds = open_rounds([personas.partnership.pk], today=today)
    items = round_actions(Action.objects.filter(workstream__plan=personas.plan), rounds)
    workstreams = personas.plan.workstreams.order_by("letter")
    listed = round_standing(items, rounds[personas.partnership.pk], workstreams, today=today)
    assert counted(plan_round_standing(personas.plan, today=today)) == counted(listed)
    total, _, by_organisation = counted(listed)
    assert total == (3, 1)
    assert by_organisation[victims.name] == (2, 0), "its sub-items, and the action it owns"


def test_the_standing_runs_a_fixed_number_of_queries(
    personas, meetings, today, django_assert_num_queries
):
    for _ in range(5):
        parent = factories.ActionFactory(workstream=personas.police_workstream)
        for position in (1, 2):
            update(factories.SubItemFactory(parent=parent, position=position), today - DAY)
        update(factories.ActionFactory(workstream=personas.council_workstream), today - DAY)
    # 1 the meetings, 1 the numbered actions due, 1 the sub-items with owners of their
    # own, 1 the workstreams' leads, 1 the organisations answering for them, 1 the
    # plan's workstreams
    with django_assert_num_queries(6):
        standing = plan_round_standing(personas.plan, today=today)
    assert standing.total.due == standing.total.reported == 10


def test_a_closed_round_counts_the_updates_dated_by_its_meeting(personas, meetings, today):
    """Updates dated after the meeting report for the next round, not the closed one."""
    previous, _ = meetings
    before = factories.MeetingFactory(
        partnership=personas.partnership, date=previous.date - 90 * DAY, status="held"
    )
    ws = personas.police_workstream
    reported_then = factories.ActionFactory(workstream=ws)
    update(reported_then, previous.date - DAY)
    update(reported_then, today - DAY)
    reported_since = factories.ActionFactory(workstream=ws)
    update(reported_since, previous.date + DAY)
    update(factories.ActionFactory(workstream=ws), before.date - DAY)

    rounds = last_closed_rounds([personas.partnership.pk], today=today)
    items = round_actions(Action.objects.filter(workstream__plan=personas.plan), rounds)

    assert rounds[personas.partnership.pk].meeting == previous
    reported = {item.action.pk for item in items if item.is_reported}
    assert reported == {reported_then.pk}

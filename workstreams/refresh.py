"""Starting next year's plan from this one: the structure, leads and alignment copied,
every open action carried with a link back, and the old plan kept read only."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from workstreams import authoring
from workstreams.models import Action, ActionPlan, ProgressUpdate
from workstreams.selectors import with_progress

SUPERSEDED = "This plan was replaced by {successor} and is kept as it was: it cannot be changed."


def is_open(action: Action) -> bool:
    """Not complete by the status that stands (``with_progress``'s ``latest_status``)."""
    return action.latest_status != ProgressUpdate.Status.COMPLETE


@transaction.atomic
def plan_refresh(
    *,
    plan: ActionPlan,
    title: str,
    adopted_on: datetime.date | None = None,
    adopted_at: str = "",
    today: datetime.date | None = None,
) -> ActionPlan:
    """A new plan for the same partnership from `plan`: its priorities, objectives and
    workstreams (leads and objectives supported), and each action still open, with its
    sub-items still open, relabelled in order and linked to what it carries on, and how
    its progress rolls up (settings and weights). An action whose sub-items roll up is
    open while any of them is. `plan` is then superseded."""
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.is_superseded:
        raise ValueError(f"{plan} is already superseded")
    successor = authoring.plan_create(
        partnership=plan.partnership,
        title=title,
        description=plan.description,
        adopted_on=adopted_on,
        adopted_at=adopted_at,
    )
    carried_settings = ["priorities_source", "sub_items_roll_up", "weighs_actions"]
    successor.predecessor = plan
    for name in carried_settings:
        setattr(successor, name, getattr(plan, name))
    successor.save(update_fields=["predecessor", *carried_settings])
    priorities = {
        old.pk: authoring.priority_add(plan=successor, title=old.title)
        for old in plan.priorities.live()
    }
    objectives = {}
    for old in plan.objectives.live().prefetch_related("priorities"):
        objectives[old.pk] = authoring.objective_add(
            plan=successor,
            title=old.title,
            priorities=[priorities[p.pk] for p in old.priorities.all() if p.pk in priorities],
        )
    actions = _open_actions(plan)
    for old in plan.workstreams.live().prefetch_related("lead_organisations", "objectives"):
        workstream = authoring.workstream_add(
            plan=successor,
            title=old.title,
            lead_in=old.lead_in,
            lead_organisations=list(old.lead_organisations.all()),
            objectives=[objectives[o.pk] for o in old.objectives.all() if o.pk in objectives],
            leads_as_written=old.leads_as_written,
            leads_inferred=old.leads_inferred,
        )
        workstream.public = old.public
        workstream.save(update_fields=["public"])
        for action, sub_items in actions.get(old.pk, []):
            carried = _carry(action, workstream=workstream)
            for sub_item in sub_items:
                _carry(sub_item, workstream=workstream, parent=carried)
    plan.superseded_on = today or timezone.localdate()
    plan.save(update_fields=["superseded_on"])
    return successor


@dataclass(frozen=True)
class RefreshPreview:
    """What starting the new plan would carry forward and what would stay behind."""

    carried: int
    staying: int


def refresh_preview(plan: ActionPlan) -> RefreshPreview:
    """Counts of actions and sub-items still in the plan: open ones carried, the others
    (complete) staying in it. Two queries."""
    carried = sum(
        1 + len(sub_items) for pairs in _open_actions(plan).values() for _, sub_items in pairs
    )
    in_plan = Action.objects.live().filter(workstream__plan=plan, workstream__retired_on=None)
    return RefreshPreview(carried=carried, staying=in_plan.count() - carried)


def _open_actions(plan: ActionPlan) -> dict[int, list[tuple[Action, list[Action]]]]:
    """By workstream, in the plan's order: each open action with its open sub-items."""
    live = list(
        with_progress(Action.objects.live().filter(workstream__plan=plan))
        .select_related("owner_organisation", "owner_person")
        .prefetch_related("strands")
        .order_by("position", "pk")
    )
    sub_items: dict[int, list[Action]] = {}
    for action in live:
        if action.parent_id and is_open(action):
            sub_items.setdefault(action.parent_id, []).append(action)
    carried: dict[int, list[tuple[Action, list[Action]]]] = {}
    for action in live:
        if action.parent_id:
            continue
        open_sub_items = sub_items.get(action.pk, [])
        reported_through_sub_items = action.has_sub_items and action.sub_items_roll_up
        if open_sub_items or (not reported_through_sub_items and is_open(action)):
            carried.setdefault(action.workstream_id, []).append((action, open_sub_items))
    return carried


def _carry(action: Action, *, workstream, parent=None) -> Action:
    carried = authoring.action_add(
        workstream=workstream,
        parent=parent,
        text=action.text,
        owner_organisation=action.owner_organisation,
        # A named owner who has left the partnership is not carried into the new plan.
        owner_person=action.owner_person if action.owner_is_a_member() else None,
        start_date=action.start_date,
        target_date=action.target_date,
    )
    carried.predecessor = action
    carried.public = action.public
    carried.weight = action.weight
    carried.save(update_fields=["predecessor", "public", "weight"])
    carried.strands.set(action.strands.all())
    return carried

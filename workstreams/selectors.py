"""Reads of action plans, scoped to the partnerships a person belongs to."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from partners.selectors import partnerships_visible_to
from workstreams.models import Action, ActionPlan, Objective, Priority, Workstream


def plans_visible_to(user) -> QuerySet[ActionPlan]:
    return ActionPlan.objects.filter(partnership__in=partnerships_visible_to(user))


@dataclass(frozen=True)
class PlanOutline:
    """The plan as its report sets it out."""

    priorities: list[Priority]
    objectives: list[Objective]
    workstreams: list[Workstream]


def plan_outline(plan: ActionPlan) -> PlanOutline:
    """Priorities, objectives, then workstreams with their lead organisations, the
    objectives they support, their actions and the actions' sub-items."""
    top_level_actions = (
        Action.objects.filter(parent__isnull=True)
        .select_related("owner_organisation")
        .prefetch_related(
            Prefetch("sub_items", queryset=Action.objects.select_related("owner_organisation"))
        )
    )
    workstreams = plan.workstreams.prefetch_related(
        "lead_organisations",
        "objectives",
        Prefetch("actions", queryset=top_level_actions, to_attr="top_level_actions"),
    )
    return PlanOutline(
        priorities=list(plan.priorities.all()),
        objectives=list(plan.objectives.prefetch_related("priorities")),
        workstreams=list(workstreams),
    )

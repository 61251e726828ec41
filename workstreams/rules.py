"""Who may write the plan: the secretariat, and the chair and vice-chairs where the
partnership allows it; who may change an action: they, and leads of the organisations
responsible; and who may confirm or challenge a reported status: the chair and the
secretariat.

Every other member reads; people outside the partnership see nothing (the selectors
scope them out before these predicates are asked).
"""

import rules

from partners.models import Membership
from partners.rules import CHAIR_ROLES, is_secretariat, may_lead, role_in, runs_the_group


def _partnership_id(action) -> int:
    return action.workstream.plan.partnership_id


@rules.predicate
def can_author_plan(user, partnership) -> bool:
    """The secretariat writes the plan: its priorities, objectives, workstreams and
    actions; the chair and vice-chairs too if the partnership's setting allows them."""
    role = role_in(user, partnership.pk)
    return role == Membership.Role.SECRETARIAT or (
        role in CHAIR_ROLES and partnership.chairs_may_author_plan
    )


@rules.predicate
def authors_the_plan(user, plan) -> bool:
    return can_author_plan(user, plan.partnership)


@rules.predicate
def is_current_plan(user, plan) -> bool:
    return not plan.is_superseded


@rules.predicate
def authors_plan_of_action(user, action) -> bool:
    return can_author_plan(user, action.workstream.plan.partnership)


@rules.predicate
def is_secretariat_for_action(user, action) -> bool:
    return role_in(user, _partnership_id(action)) == Membership.Role.SECRETARIAT


@rules.predicate
def leads_action(user, action) -> bool:
    """The person reports for their organisation (a member or the secretariat: see
    partners.rules.LEAD_ROLES), and it leads the action's workstream or owns the action."""
    return (
        user.is_authenticated
        and user.organisation_id is not None
        and may_lead(user, _partnership_id(action))
        and user.organisation_id in action.responsible_organisation_ids()
    )


@rules.predicate
def may_review_update(user, update) -> bool:
    """The chair, a vice-chair or the secretariat, on someone else's update: nobody
    confirms their own report."""
    return update.author_id != user.pk and runs_the_group(user, _partnership_id(update.action))


@rules.predicate
def is_in_the_plan(user, action) -> bool:
    """Not retired, in a plan not superseded: a retired action, and every action of a
    plan a new year's replaced, keeps its updates but takes no more."""
    return action.retired_on is None and not action.workstream.plan.is_superseded


@rules.predicate
def is_in_a_current_plan(user, update) -> bool:
    return not update.action.workstream.plan.is_superseded


may_change_action = is_secretariat_for_action | leads_action

rules.add_perm("workstreams.author_plan", can_author_plan)
# Starting next year's plan from this one: its authors, while it is the current plan.
rules.add_perm("workstreams.refresh_plan", authors_the_plan & is_current_plan)
# Only the secretariat decides whether the chair and vice-chairs write the plan too.
rules.add_perm("workstreams.set_plan_authors", is_secretariat)
rules.add_perm(
    "workstreams.change_action", (may_change_action | authors_plan_of_action) & is_in_the_plan
)
rules.add_perm("workstreams.add_progressupdate", may_change_action & is_in_the_plan)
rules.add_perm("workstreams.add_statusreview", may_review_update & is_in_a_current_plan)

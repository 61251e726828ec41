"""Who may do what in a partnership, decided from their current membership.

A person's current memberships are read once per request and kept on the user
object, so that checking many objects on one page costs one query.
"""

import rules

from partners.models import Membership

CHAIR_ROLES = {Membership.Role.CHAIR, Membership.Role.VICE_CHAIR}


def current_memberships(user) -> dict[int, Membership]:
    """The user's current memberships, keyed by partnership id."""
    if not user.is_authenticated:
        return {}
    cached = getattr(user, "_current_memberships", None)
    if cached is None:
        cached = {
            membership.partnership_id: membership
            for membership in Membership.objects.filter(person=user, ended_on__isnull=True)
        }
        user._current_memberships = cached
    return cached


def role_in(user, partnership_id: int) -> str | None:
    membership = current_memberships(user).get(partnership_id)
    return membership.role if membership else None


@rules.predicate
def is_member(user, partnership) -> bool:
    return role_in(user, partnership.pk) is not None


@rules.predicate
def is_secretariat(user, partnership) -> bool:
    return role_in(user, partnership.pk) == Membership.Role.SECRETARIAT


@rules.predicate
def is_chair(user, partnership) -> bool:
    return role_in(user, partnership.pk) in CHAIR_ROLES


def reviews_statuses_in(user, partnership_id: int) -> bool:
    """The chair, a vice-chair and the secretariat confirm or challenge reported statuses."""
    return role_in(user, partnership_id) in {*CHAIR_ROLES, Membership.Role.SECRETARIAT}


@rules.predicate
def may_review_statuses(user, partnership) -> bool:
    return reviews_statuses_in(user, partnership.pk)


rules.add_perm("partners.view_partnership", is_member)
rules.add_perm("partners.review_statuses", may_review_statuses)
rules.add_perm("partners.change_partnership", is_secretariat)

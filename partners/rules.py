"""Who may do what in a partnership, decided from their current membership.

A person's current memberships are read once per request and kept on the user
object, so that checking many objects on one page costs one query.
"""

import rules

from partners.models import Membership

CHAIR_ROLES = {Membership.Role.CHAIR, Membership.Role.VICE_CHAIR}
# Who reports on the actions their organisation is responsible for: members, and the
# secretariat, whose organisation (the commissioner's office) leads workstreams too. The
# chair and vice-chairs hold leads to account; advisers and observers read.
LEAD_ROLES = {Membership.Role.MEMBER, Membership.Role.SECRETARIAT}


def current_memberships(user) -> dict[int, Membership]:
    """The user's current memberships, keyed by partnership id."""
    if not user.is_authenticated:
        return {}
    cached = getattr(user, "_current_memberships", None)
    if cached is None:
        cached = {
            membership.partnership_id: membership
            for membership in Membership.objects.current().filter(person=user)
        }
        user._current_memberships = cached
    return cached


def role_in(user, partnership_id: int) -> str | None:
    membership = current_memberships(user).get(partnership_id)
    return membership.role if membership else None


def may_lead(user, partnership_id: int) -> bool:
    """The person's role lets them report for their organisation (see LEAD_ROLES)."""
    return role_in(user, partnership_id) in LEAD_ROLES


def runs_the_group(user, partnership_id: int) -> bool:
    """The chair, a vice-chair and the secretariat run the group: its meetings, its
    governance, and the review of the statuses leads report."""
    return role_in(user, partnership_id) in {*CHAIR_ROLES, Membership.Role.SECRETARIAT}


@rules.predicate
def is_chair_or_secretariat(user, partnership) -> bool:
    return runs_the_group(user, partnership.pk)


@rules.predicate
def is_secretariat(user, partnership) -> bool:
    return role_in(user, partnership.pk) == Membership.Role.SECRETARIAT


rules.add_perm("partners.review_statuses", is_chair_or_secretariat)
rules.add_perm("partners.see_undelivered_mail", is_secretariat)


def is_service_administrator(user) -> bool:
    """Staff of the commissioner's office who run the installation: they create
    partnerships and keep the organisations register. Superusers count."""
    return user.is_authenticated and user.is_active and (user.is_superuser or user.is_service_admin)


@rules.predicate
def runs_the_service(user) -> bool:
    return is_service_administrator(user)


@rules.predicate
def is_secretariat_anywhere(user) -> bool:
    return any(
        membership.role == Membership.Role.SECRETARIAT
        for membership in current_memberships(user).values()
    )


@rules.predicate
def may_manage_members_of(user, partnership) -> bool:
    """The secretariat staffs its partnership; a service administrator staffs any, such as
    a new one whose secretariat has still to accept."""
    return is_service_administrator(user) or role_in(user, partnership.pk) == (
        Membership.Role.SECRETARIAT
    )


def needs_second_factor(user) -> bool:
    """Service administrators, and those who run a group (its chair, vice-chairs and
    secretariat), must sign in with a second factor; everyone else may."""
    return is_service_administrator(user) or any(
        membership.role in {*CHAIR_ROLES, Membership.Role.SECRETARIAT}
        for membership in current_memberships(user).values()
    )


rules.add_perm("partners.create_partnership", runs_the_service)
rules.add_perm("partners.add_organisation", runs_the_service | is_secretariat_anywhere)
# Renaming, merging and retiring affect every partnership that names the organisation.
rules.add_perm("partners.manage_organisations", runs_the_service)
rules.add_perm("partners.manage_members", may_manage_members_of)

"""Reads of partnerships and their members, scoped to what a person may see."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from partners.models import Membership, Organisation, Partnership, Person


def partnerships_of(user, *, roles=None) -> QuerySet[Partnership]:
    """Partnerships in which the user holds a current membership, in one of `roles` if given."""
    memberships = Membership.objects.current().filter(person=user)
    if roles is not None:
        memberships = memberships.filter(role__in=roles)
    return Partnership.objects.filter(pk__in=memberships.values("partnership"))


def partnerships_visible_to(user) -> QuerySet[Partnership]:
    """Partnerships the user belongs to now; superusers see every partnership."""
    if user.is_superuser:
        return Partnership.objects.all()
    return partnerships_of(user)


def get_partnership_for_user(user, slug: str) -> Partnership:
    """The partnership, if the user may see it; 404 otherwise, so that a partnership
    they do not belong to looks like one that does not exist."""
    return get_object_or_404(partnerships_visible_to(user), slug=slug)


@dataclass(frozen=True)
class OrganisationMembers:
    organisation: Organisation | None
    memberships: list[Membership]

    @property
    def heading(self) -> str:
        return self.organisation.name if self.organisation else "Community members"


def current_members(partnership: Partnership) -> QuerySet[Person]:
    """The people who hold a seat on the partnership now."""
    return Person.objects.filter(
        pk__in=Membership.objects.current().filter(partnership=partnership).values("person")
    )


def member_organisations(partnership: Partnership) -> QuerySet[Organisation]:
    """The organisations of the partnership's current members."""
    return Organisation.objects.filter(pk__in=current_members(partnership).values("organisation"))


def members_by_organisation(partnership: Partnership) -> list[OrganisationMembers]:
    """Current members grouped by organisation, then the community members who have none."""
    memberships = (
        partnership.memberships.current()
        .select_related("person__organisation")
        .prefetch_related("strands")
        .order_by("person__organisation__name", "person__last_name", "person__first_name")
    )
    groups: dict[int | None, OrganisationMembers] = {}
    for membership in memberships:
        organisation = membership.person.organisation
        key = organisation.pk if organisation else None
        groups.setdefault(key, OrganisationMembers(organisation, [])).memberships.append(membership)
    community = groups.pop(None, None)
    return [*groups.values(), *([community] if community else [])]


def organisations_involved_in(partnership: Partnership) -> QuerySet[Organisation]:
    """Organisations of the partnership's current members and of its plans' leads."""
    return Organisation.objects.filter(
        Q(pk__in=member_organisations(partnership).values("pk"))
        | Q(workstreams_led__plan__partnership=partnership)
    ).distinct()

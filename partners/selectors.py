"""Reads of partnerships and their members, scoped to what a person may see."""

from dataclasses import dataclass

from django.db.models import QuerySet

from partners.models import Membership, Organisation, Partnership


def partnerships_visible_to(user) -> QuerySet[Partnership]:
    """Partnerships the user belongs to now; superusers see every partnership."""
    if user.is_superuser:
        return Partnership.objects.all()
    return Partnership.objects.filter(
        memberships__person=user, memberships__ended_on__isnull=True
    ).distinct()


@dataclass(frozen=True)
class OrganisationMembers:
    organisation: Organisation | None
    memberships: list[Membership]

    @property
    def heading(self) -> str:
        return self.organisation.name if self.organisation else "Community members"


def members_by_organisation(partnership: Partnership) -> list[OrganisationMembers]:
    """Current members grouped by organisation, then the community members who have none."""
    memberships = (
        partnership.memberships.filter(ended_on__isnull=True)
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

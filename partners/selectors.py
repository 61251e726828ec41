"""Reads of partnerships and their members, scoped to what a person may see."""

from dataclasses import dataclass

from auditlog.models import LogEntry
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Lower
from django.shortcuts import get_object_or_404

from hcag.audit import log_entries_for
from partners.models import Invitation, Membership, Organisation, Partnership, Person
from partners.rules import is_service_administrator


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


# Staffing a partnership -------------------------------------------------------------


def partnerships_staffed_by(user) -> QuerySet[Partnership]:
    """Partnerships whose members page the user may open: their own, and for a service
    administrator every one (they staff new ones before anyone belongs)."""
    if is_service_administrator(user):
        return Partnership.objects.all()
    return partnerships_visible_to(user)


def partnerships_with_staffing() -> QuerySet[Partnership]:
    """Every partnership, with how many current members and secretariat members it has and
    how many invitations wait: the service administrators' list."""
    current = Q(memberships__ended_on__isnull=True)
    return Partnership.objects.annotate(
        members=Count("memberships", filter=current, distinct=True),
        secretariat=Count(
            "memberships",
            filter=current & Q(memberships__role=Membership.Role.SECRETARIAT),
            distinct=True,
        ),
    ).order_by("name")


def _matching(search: str, *prefixes: str) -> Q:
    """Each word of the search appears in a name or organisation (in any case)."""
    condition = Q()
    for word in search.split():
        either = Q()
        for prefix in prefixes:
            for field in ["first_name", "last_name", "username"]:
                either |= Q(**{f"{prefix}person__{field}__icontains": word})
            either |= Q(**{f"{prefix}person__organisation__name__icontains": word})
            either |= Q(**{f"{prefix}person__organisation__short_name__icontains": word})
        condition &= either
    return condition


def members_directory(partnership: Partnership, *, search: str = "") -> QuerySet[Membership]:
    """The partnership's current members, by surname, narrowed by a search of names and
    organisations."""
    return (
        partnership.memberships.current()
        .filter(_matching(search, ""))
        .select_related("person__organisation")
        .prefetch_related("strands")
        .order_by("person__last_name", "person__first_name", "person__username", "pk")
    )


def former_members(partnership: Partnership, *, search: str = "") -> QuerySet[Membership]:
    """Each ended seat of someone who holds none now, latest first."""
    return (
        partnership.memberships.filter(ended_on__isnull=False)
        .exclude(person__in=partnership.memberships.current().values("person"))
        .filter(_matching(search, ""))
        .select_related("person__organisation")
        .order_by("-ended_on", "person__last_name", "pk")
    )


ACCEPTED_INVITATIONS_SHOWN = 10


@dataclass(frozen=True)
class PartnershipInvitations:
    open: list[Invitation]  # waiting or expired, latest first
    accepted: list[Invitation]  # the latest ACCEPTED_INVITATIONS_SHOWN


def invitations_of(partnership: Partnership) -> PartnershipInvitations:
    invitations = partnership.invitations.select_related("organisation", "invited_by")
    return PartnershipInvitations(
        open=list(invitations.open()),
        accepted=list(
            invitations.filter(accepted_at__isnull=False, revoked_at__isnull=True).order_by(
                "-accepted_at"
            )[:ACCEPTED_INVITATIONS_SHOWN]
        ),
    )


def membership_history(membership: Membership) -> QuerySet[LogEntry]:
    """The audit entries of every seat the person has held on the partnership (joined,
    role changed, strands changed, ended; who did it and when), newest first."""
    return log_entries_for(
        Membership.objects.filter(
            partnership_id=membership.partnership_id, person_id=membership.person_id
        )
    )


def person_with_email(email: str) -> Person | None:
    """The person whose account has this address (their own, or one they confirmed)."""
    return (
        Person.objects.filter(
            Q(email__iexact=email)
            | Q(emailaddress__email__iexact=email, emailaddress__verified=True)
        )
        .order_by("pk")
        .distinct()
        .first()
    )


def memberships_of_person(person: Person) -> list[Membership]:
    return list(
        Membership.objects.current()
        .filter(person=person)
        .select_related("partnership")
        .order_by("partnership__name")
    )


def organisations_register(*, search: str = "", include_retired: bool = False):
    organisations = Organisation.objects.select_related("merged_into").order_by(Lower("name"), "pk")
    if not include_retired:
        organisations = organisations.offered()
    for word in search.split():
        organisations = organisations.filter(
            Q(name__icontains=word) | Q(short_name__icontains=word)
        )
    return organisations

"""Who may open the pages of partners: one helper per kind of object, so that no view
re-derives who may do what (the predicates are in partners/rules.py)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from partners.models import Membership, Organisation, Partnership
from partners.rules import is_service_administrator
from partners.selectors import partnerships_staffed_by


def require_service_administrator(user) -> None:
    """Pages only service administrators know of answer 404 to anyone else."""
    if not is_service_administrator(user):
        raise Http404


def get_partnership_for_staffing(user, slug: str) -> Partnership:
    """The partnership whose members page the user may open (404 if none)."""
    return get_object_or_404(partnerships_staffed_by(user), slug=slug)


def require_to_manage_members(user, partnership: Partnership) -> None:
    if not user.has_perm("partners.manage_members", partnership):
        raise PermissionDenied


def get_membership_to_manage(user, slug: str, pk: int) -> Membership:
    partnership = get_partnership_for_staffing(user, slug)
    require_to_manage_members(user, partnership)
    return get_object_or_404(
        Membership.objects.select_related("person__organisation", "partnership"),
        pk=pk,
        partnership=partnership,
    )


def require_to_see_the_register(user) -> None:
    """The register is for those who add to it: service administrators and secretariats."""
    if not user.has_perm("partners.add_organisation"):
        raise Http404


def get_organisation_to_manage(user, pk: int) -> Organisation:
    """Renaming, merging and retiring are the service administrators'; a secretariat
    member, who sees the register, is refused (403)."""
    require_to_see_the_register(user)
    if not user.has_perm("partners.manage_organisations"):
        raise PermissionDenied
    return get_object_or_404(Organisation.objects.select_related("merged_into"), pk=pk)

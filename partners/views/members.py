"""A partnership's members page: the directory every member reads, and, for its
secretariat and the service administrators, inviting, changing roles and ending
memberships."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hcag.audit import history_page
from hcag.editing import ChangedMeanwhile, changes_since, save_unless_changed_meanwhile
from hcag.http import posted
from hcag.reauthentication import require_recent_authentication
from partners import services
from partners.forms import InvitationForm, MembershipEditForm, MembershipEndForm, SearchForm
from partners.models import Invitation
from partners.selectors import (
    former_members,
    invitations_of,
    members_directory,
    membership_history,
)
from partners.views.access import (
    get_membership_to_manage,
    get_partnership_for_staffing,
    require_to_manage_members,
)
from partners.views.invitations import say_whether_sent

MEMBERS_PER_PAGE = 25
MEMBERSHIP_SAVED = "{person}'s membership has been changed."
MEMBERSHIP_ENDED = "{person}'s membership has ended: they no longer have access to {partnership}."
INVITATION_REVOKED = "The invitation to {email} has been withdrawn: its link no longer works."
INVITATION_ANSWERED = "The invitation to {email} was answered or withdrawn meanwhile."
ENDED_MEANWHILE = "Someone else ended this membership while you were looking at it."


def _members_page(request, slug, selector):
    partnership = get_partnership_for_staffing(request.user, slug)
    search = SearchForm(request.GET)
    query = search.search()
    page = Paginator(selector(partnership, search=query), MEMBERS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    may_manage = request.user.has_perm("partners.manage_members", partnership)
    return partnership, {
        "partnership": partnership,
        "search_form": search,
        "search": query,
        "page": page,
        "may_manage": may_manage,
    }


@require_GET
def members(request, slug):
    partnership, context = _members_page(request, slug, members_directory)
    if context["may_manage"]:
        context["invitations"] = invitations_of(partnership)
    return render(request, "partners/members.html", context)


@require_GET
def members_former(request, slug):
    partnership, context = _members_page(request, slug, former_members)
    require_to_manage_members(request.user, partnership)
    return render(request, "partners/members_former.html", context)


@require_http_methods(["GET", "POST"])
def member_invite(request, slug):
    partnership = get_partnership_for_staffing(request.user, slug)
    require_to_manage_members(request.user, partnership)
    require_recent_authentication(request)
    initial = {"email": request.GET.get("email", "")}
    form = InvitationForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_create(
                partnership=partnership, invited_by=request.user, **form.cleaned_data
            )
        except ValidationError as problems:
            form.add_error(None, problems)
        else:
            say_whether_sent(request, invitation)
            return redirect("partners:members", slug=partnership.slug)
    return render(
        request, "partners/member_invite.html", {"partnership": partnership, "form": form}
    )


def _invitation_to_manage(request, slug, pk) -> Invitation:
    partnership = get_partnership_for_staffing(request.user, slug)
    require_to_manage_members(request.user, partnership)
    return get_object_or_404(partnership.invitations.select_related("partnership"), pk=pk)


@require_POST
def invitation_resend(request, slug, pk):
    invitation = _invitation_to_manage(request, slug, pk)
    require_recent_authentication(request)
    try:
        services.invitation_resend(invitation=invitation)
    except services.InvitationUnusable:
        messages.warning(request, INVITATION_ANSWERED.format(email=invitation.email))
    else:
        say_whether_sent(request, invitation)
    return redirect("partners:members", slug=slug)


@require_POST
def invitation_revoke(request, slug, pk):
    invitation = _invitation_to_manage(request, slug, pk)
    try:
        services.invitation_revoke(invitation=invitation)
    except services.InvitationUnusable:
        messages.warning(request, INVITATION_ANSWERED.format(email=invitation.email))
    else:
        messages.success(request, INVITATION_REVOKED.format(email=invitation.email))
    return redirect("partners:members", slug=slug)


@require_GET
def membership_detail(request, slug, pk):
    membership = get_membership_to_manage(request.user, slug, pk)
    return render(
        request,
        "partners/membership_detail.html",
        {
            "partnership": membership.partnership,
            "membership": membership,
            "history": history_page(membership_history(membership), request.GET.get("page")),
        },
    )


def _edit_page(request, membership, form, template, refusal, problems=()):
    return render(
        request,
        template,
        {
            "partnership": membership.partnership,
            "membership": membership,
            "form": form,
            "problems": problems,
            **(refusal.context() if refusal else {}),
        },
        status=refusal.status if refusal else 200,
    )


def _ended_meanwhile(request, membership):
    messages.warning(request, ENDED_MEANWHILE)
    return redirect(
        "partners:membership-detail", slug=membership.partnership.slug, pk=membership.pk
    )


@require_http_methods(["GET", "POST"])
def membership_edit(request, slug, pk):
    membership = get_membership_to_manage(request.user, slug, pk)
    require_recent_authentication(request)
    if not membership.is_current:
        return _ended_meanwhile(request, membership)
    form = MembershipEditForm(posted(request), record=membership)
    refusal = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        edited = {"role": data["role"], "strands": list(data["strands"])}
        try:
            refusal = save_unless_changed_meanwhile(
                lambda: services.membership_update(
                    membership=membership, expected_version=data["version"], **edited
                ),
                started_at=data["version"],
                edited=edited,
                form_over=lambda current, initial: MembershipEditForm(
                    record=current, initial=initial
                ),
            )
        except ValidationError as problems:
            form.add_error(None, problems)
        else:
            if refusal is None:
                messages.success(request, MEMBERSHIP_SAVED.format(person=membership.person))
                return redirect("partners:members", slug=slug)
            if not refusal.form.record.is_current:
                return _ended_meanwhile(request, membership)
            form = refusal.form
    return _edit_page(request, membership, form, "partners/membership_edit.html", refusal)


@require_http_methods(["GET", "POST"])
def membership_end(request, slug, pk):
    membership = get_membership_to_manage(request.user, slug, pk)
    require_recent_authentication(request)
    if not membership.is_current:
        return _ended_meanwhile(request, membership)
    form = MembershipEndForm(posted(request), record=membership)
    changes = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.membership_end(
                membership=membership,
                expected_version=data["version"],
                ended_on=data["ended_on"],
            )
        except ChangedMeanwhile as conflict:
            if not conflict.current.is_current:
                return _ended_meanwhile(request, membership)
            changes = changes_since(conflict.current, data["version"])
            membership = conflict.current
            form = MembershipEndForm(record=membership, initial={"ended_on": data["ended_on"]})
        except ValidationError as problems:
            form.add_error(None, problems)
        else:
            messages.success(
                request,
                MEMBERSHIP_ENDED.format(
                    person=membership.person, partnership=membership.partnership.name
                ),
            )
            return redirect("partners:members", slug=slug)
    return render(
        request,
        "partners/membership_end.html",
        {
            "partnership": membership.partnership,
            "membership": membership,
            "form": form,
            "changes_meanwhile": changes,
        },
        status=409 if changes else 200,
    )

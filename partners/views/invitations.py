"""Following the link in an invitation: setting up an account, or signing in, to accept."""

from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from hcag.http import posted
from partners import services
from partners.forms import NewAccountForm
from partners.models import Invitation
from partners.selectors import person_with_email

SENT = "An invitation has been sent to {email}."
WELCOME = "Welcome to {partnership}: you are now a member."
UNUSABLE_STATUS = 410


def say_whether_sent(request, invitation: Invitation) -> None:
    """The invitation is in the mail queue; the queue's failures page says if it bounces."""
    messages.success(request, SENT.format(email=invitation.email))


def _unusable(request, invitation: Invitation | None):
    status = 404 if invitation is None else UNUSABLE_STATUS
    return render(
        request, "partners/invitation_unusable.html", {"invitation": invitation}, status=status
    )


def _welcome(request, membership):
    messages.success(request, WELCOME.format(partnership=membership.partnership.name))
    return redirect(membership.partnership)


@login_not_required
@never_cache
@sensitive_post_parameters("password1", "password2")
@require_http_methods(["GET", "POST"])
def invitation(request, token):
    """One link for everyone invited: a new person sets up an account; someone with an
    account for the address signs in (and comes back here) to accept. The link works once,
    until it expires or is revoked; a wrong one is not found."""
    invitation = services.invitation_for_token(token)
    if invitation is None or invitation.status != Invitation.Status.WAITING:
        return _unusable(request, invitation)
    person = person_with_email(invitation.email)
    context = {"invitation": invitation, "token": token}
    if person is None:
        return _set_up_account(request, invitation, context)
    if not request.user.is_authenticated:
        return render(request, "partners/invitation_sign_in.html", context)
    if request.user.pk != person.pk:
        return render(request, "partners/invitation_someone_else.html", context, status=403)
    if request.method == "POST":
        try:
            membership = services.invitation_accept(invitation=invitation, person=request.user)
        except services.InvitationUnusable:
            invitation.refresh_from_db()
            return _unusable(request, invitation)
        except ValidationError as problems:
            context["problems"] = problems.messages
        else:
            return _welcome(request, membership)
    return render(request, "partners/invitation_accept.html", context)


def _set_up_account(request, invitation, context):
    if request.user.is_authenticated:
        return render(request, "partners/invitation_someone_else.html", context, status=403)
    form = NewAccountForm(posted(request), invitation=invitation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person, membership = services.invitation_accept_with_new_account(
                invitation=invitation,
                username=data["username"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                password=data["password1"],
            )
        except services.InvitationUnusable:
            invitation.refresh_from_db()
            return _unusable(request, invitation)
        except ValidationError as problems:
            form.add_error(None, problems.messages)
        else:
            get_adapter(request).login(request, person)
            return _welcome(request, membership)
    return render(request, "partners/invitation_new_account.html", {**context, "form": form})

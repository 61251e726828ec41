"""Signing in and out (django-allauth's views, with django-axes' lockout), and a person's
own account page."""

from allauth.account import views as allauth_views
from allauth.mfa.utils import is_mfa_enabled
from axes.decorators import axes_dispatch, axes_form_invalid
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import services, sessions
from accounts.forms import NameForm, SecondFactorResetForm
from hcag.http import posted
from hcag.reauthentication import require_recent_authentication
from partners import services as partners_services
from partners.models import Membership, Person
from partners.selectors import memberships_of_person
from partners.views.access import require_service_administrator

DETAILS_SAVED = "Your name has been saved."
SIGNED_OUT_ELSEWHERE = "You have been signed out everywhere else ({count} other sign-in ended)."
NOWHERE_ELSE = "You were not signed in anywhere else."
SECOND_FACTOR_RESET = (
    "{person}'s two-factor sign-in has been reset, they have been signed out everywhere "
    "and e-mailed"
)
CALENDAR_ADDRESS_RENEWED = (
    "Your calendar address for {partnership} has changed: the old one no longer works. "
    "Subscribe to the new one in your calendar program."
)


@method_decorator(axes_dispatch, name="dispatch")
@method_decorator(axes_form_invalid, name="form_invalid")
class SignInView(allauth_views.LoginView):
    """allauth's sign-in, refused by django-axes while the username is locked out from
    the address it comes from."""


sign_out = require_POST(allauth_views.logout)


def password_change(request):
    """allauth's page for changing one's password, after a recent password or code."""
    if request.user.is_authenticated:
        require_recent_authentication(request)
    return allauth_views.password_change(request)


def email_change(request):
    """allauth's page for changing one's address (it asks for the password first, then
    confirms the new address from its mailbox)."""
    if request.user.is_authenticated:
        services.current_address_recorded(person=request.user)
    return allauth_views.email(request)


@require_GET
def account(request):
    memberships = memberships_of_person(request.user)
    for membership in memberships:
        membership.calendar_url = request.build_absolute_uri(
            reverse("meetings:calendar-feed", args=[membership.calendar_token])
        )
    context = {
        "person": request.user,
        "memberships": memberships,
        "sessions": sessions.sessions_of(person=request.user, request=request),
        "has_second_factor": is_mfa_enabled(request.user),
    }
    return render(request, "accounts/account.html", context)


@require_POST
def sign_out_elsewhere(request):
    ended = services.other_sessions_sign_out(person=request.user, request=request)
    if ended:
        messages.success(request, SIGNED_OUT_ELSEWHERE.format(count=ended))
    else:
        messages.info(request, NOWHERE_ELSE)
    return redirect("accounts:account")


@require_http_methods(["GET", "POST"])
def details_edit(request):
    form = NameForm(posted(request), instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.person_details_update(person=request.user, **form.cleaned_data)
        messages.success(request, DETAILS_SAVED)
        return redirect("accounts:account")
    return render(request, "accounts/details_edit.html", {"form": form})


@require_POST
def calendar_address_renew(request, pk):
    membership = get_object_or_404(
        Membership.objects.current().select_related("partnership"), pk=pk, person=request.user
    )
    partners_services.calendar_address_renew(membership=membership)
    messages.success(
        request, CALENDAR_ADDRESS_RENEWED.format(partnership=membership.partnership.name)
    )
    return redirect("accounts:account")


@require_http_methods(["GET", "POST"])
def second_factor_reset(request, pk):
    """A service administrator removes the second factor of someone who has lost both
    their authenticator app and their recovery codes, after a page that says what
    follows."""
    require_service_administrator(request.user)
    person = get_object_or_404(Person, pk=pk)
    require_recent_authentication(request)
    form = SecondFactorResetForm(posted(request))
    if request.method == "POST" and form.is_valid():
        services.person_second_factor_reset(person=person, by=request.user)
        messages.success(request, SECOND_FACTOR_RESET.format(person=person))
        return redirect("partners:partnership-list")
    return render(
        request,
        "accounts/second_factor_reset.html",
        {
            "person": person,
            "form": form,
            "has_second_factor": is_mfa_enabled(person),
        },
    )

"""Whose account a sign-in attempt is for, whichever of its names was typed.

A person signs in with their username or their e-mail address. Counting failures against
what was typed would give a guesser two separate allowances for one account, so the
lockout (django-axes) and the back-off (accounts.backoff) both count against the account.
"""

from datetime import datetime

from axes.conf import settings as axes_settings
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.db.models import Max, Q
from django.shortcuts import render
from django.utils import timezone

from partners.models import Person


def account_key(login: str) -> str:
    """The account's username (lower case) if `login` is its username or e-mail address;
    otherwise what was typed, in lower case, so that guesses at names that do not exist
    are counted and answered the same way."""
    typed = login.strip().lower()
    if not typed:
        return ""
    username = (
        Person.objects.filter(Q(username__iexact=typed) | Q(email__iexact=typed))
        .order_by("pk")
        .values_list("username", flat=True)
        .first()
    )
    return (username or typed).lower()


def typed_login(request, credentials) -> str:
    """What the person typed in the sign-in form (or a re-authentication supplies)."""
    credentials = credentials or {}
    return (
        credentials.get("username")
        or credentials.get("email")
        or (request.POST.get("login", "") if request is not None else "")
    )


def username_for_lockout(request, credentials) -> str:
    """django-axes' AXES_USERNAME_CALLABLE."""
    return account_key(typed_login(request, credentials))


def lockout_ends_at(request, credentials) -> datetime:
    """When the lockout of this account from this address ends: the cool-off counts from
    the failure that tripped it."""
    last_failure = AccessAttempt.objects.filter(
        username=get_client_username(request, credentials),
        ip_address=getattr(request, "axes_ip_address", None),
    ).aggregate(last=Max("attempt_time"))["last"]
    return (last_failure or timezone.now()) + get_cool_off(request)


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' AXES_LOCKOUT_CALLABLE: the page that says when to try again."""
    ends_at = lockout_ends_at(request, credentials)
    minutes = max(1, -(-int((ends_at - timezone.now()).total_seconds()) // 60))
    return render(
        request,
        "registration/locked_out.html",
        {"try_again_at": timezone.localtime(ends_at), "minutes": minutes},
        status=axes_settings.AXES_HTTP_RESPONSE_CODE,
    )

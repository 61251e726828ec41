"""Those who must sign in with a second factor (partners.rules.needs_second_factor) and
have none are sent to set one up, and can reach nothing else until they have."""

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from partners.rules import needs_second_factor

SECOND_FACTOR_SESSION_KEY = "accounts.has_second_factor"
SET_UP_FIRST = "Your role needs two-factor sign-in: set up an authenticator app before you carry on"
# Setting up (its re-authentication included), the recovery codes it ends with, signing
# out and the accessibility statement.
ALLOWED_URL_NAMES = [
    "mfa_activate_totp",
    "mfa_add_webauthn",
    "mfa_index",
    "mfa_reauthenticate",
    "account_reauthenticate",
    "mfa_view_recovery_codes",
    "mfa_download_recovery_codes",
    "logout",
    "accessibility-statement",
]


class SecondFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.allowed_paths = None

    def __call__(self, request):
        if self._must_set_up(request) and not self._allowed(request.path):
            if request.method == "GET":
                messages.warning(request, SET_UP_FIRST)
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    def _allowed(self, path: str) -> bool:
        if self.allowed_paths is None:
            self.allowed_paths = {reverse(name) for name in ALLOWED_URL_NAMES}
        return path in self.allowed_paths or path.startswith("/" + settings.STATIC_URL.lstrip("/"))

    def _must_set_up(self, request) -> bool:
        return (
            settings.SECOND_FACTOR_REQUIRED
            and request.user.is_authenticated
            and needs_second_factor(request.user)
            and not has_second_factor(request)
        )


def has_second_factor(request) -> bool:
    """Whether the person has a second factor, looked up once a session: it is removed
    only by the person (accounts.apps forgets it then) or by a reset, which ends every
    session of theirs."""
    if request.session.get(SECOND_FACTOR_SESSION_KEY):
        return True
    if not is_mfa_enabled(request.user):
        return False
    request.session[SECOND_FACTOR_SESSION_KEY] = True
    return True


def second_factor_forgotten(sender, request, user, **kwargs) -> None:
    """allauth.mfa's authenticator_removed: the person turned their app off."""
    if request is not None and getattr(request, "user", None) == user:
        request.session.pop(SECOND_FACTOR_SESSION_KEY, None)

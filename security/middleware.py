"""Session limits enforced on the server, and refused access recorded."""

import time

from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from accounts.sessions import idle_seconds, lifetime_seconds
from security.services import Kind, Outcome, security_event_record

SIGNED_IN_AT = "security.signed_in_at"
LAST_SEEN_AT = "security.last_seen_at"
# Activity is written to the session at most this often, so that a page's requests
# write it once; the warning counts down from the time the server holds.
ACTIVITY_RESOLUTION_SECONDS = 60
TIMED_OUT = (
    "You were signed out because you had not done anything for {minutes} minutes: "
    "sign in again to carry on"
)
LIFETIME_OVER = "You were signed out because you signed in {hours} hours ago: sign in again"


def session_started(session, *, now: float | None = None) -> None:
    """Start the clocks of a sign-in."""
    now = int(now if now is not None else time.time())
    session[SIGNED_IN_AT] = now
    session[LAST_SEEN_AT] = now


def activity_recorded(request, *, now: float | None = None, force: bool = False) -> None:
    now = int(now if now is not None else time.time())
    if not force and now - request.session[LAST_SEEN_AT] < ACTIVITY_RESOLUTION_SECONDS:
        return
    request.session[LAST_SEEN_AT] = now
    UserSession.objects.filter(session_key=request.session.session_key).update(
        last_seen_at=timezone.now()
    )


def seconds_left(session, *, now: float | None = None) -> int:
    """Until the session ends by the idle timeout or its lifetime, whichever is first."""
    now = now if now is not None else time.time()
    return int(
        min(
            session[LAST_SEEN_AT] + idle_seconds() - now,
            session[SIGNED_IN_AT] + lifetime_seconds() - now,
        )
    )


def _limit_passed(session, now: float) -> str:
    if now - session[SIGNED_IN_AT] >= lifetime_seconds():
        return "lifetime"
    if now - session[LAST_SEEN_AT] >= idle_seconds():
        return "idle"
    return ""


class SessionLimitsMiddleware:
    """Sign a person out once they have done nothing for SESSION_IDLE_TIMEOUT_MINUTES
    or SESSION_ABSOLUTE_HOURS after they signed in; the request then goes on
    signed out, so LoginRequiredMiddleware sends it to the sign-in page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            self._check(request)
        return self.get_response(request)

    def _check(self, request) -> None:
        now = time.time()
        session = request.session
        if SIGNED_IN_AT not in session:
            session_started(session, now=now)
            return
        passed = _limit_passed(session, now)
        if not passed:
            activity_recorded(request, now=now)
            return
        security_event_record(
            kind=Kind.SESSION_TIMED_OUT, outcome=Outcome.FAILURE, request=request, detail=passed
        )
        logout(request)
        message = (
            TIMED_OUT.format(minutes=settings.SESSION_IDLE_TIMEOUT_MINUTES)
            if passed == "idle"
            else LIFETIME_OVER.format(hours=settings.SESSION_ABSOLUTE_HOURS)
        )
        messages.info(request, message)


class AccessRefusedMiddleware:
    """Record each 403 and each 404 a view answers a signed-in person. The service
    answers 404 alike for another partnership's object and for one that does not exist,
    so that neither reveals the other, and the log records both."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not request.user.is_authenticated:
            return
        if isinstance(exception, PermissionDenied):
            status = 403
        elif isinstance(exception, Http404):
            status = 404
        else:
            return
        security_event_record(
            kind=Kind.ACCESS_REFUSED,
            outcome=Outcome.FAILURE,
            request=request,
            detail=f"{status} {request.method} {request.path}"[:1000],
        )

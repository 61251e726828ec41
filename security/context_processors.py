"""What the idle-timeout warning needs on every signed-in page: no query."""

from django.conf import settings

from security.middleware import SIGNED_IN_AT, seconds_left


def session_clock(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or SIGNED_IN_AT not in request.session:
        return {}
    return {
        "session_seconds_left": max(seconds_left(request.session), 0),
        "session_warning_seconds": settings.SESSION_TIMEOUT_WARNING_SECONDS,
    }

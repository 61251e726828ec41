"""Ending a person's sessions, through django-allauth's record of them
(allauth.usersessions), which knows each session's key."""

import datetime
import re
from dataclasses import dataclass

from allauth.usersessions.models import UserSession
from django.conf import settings
from django.utils import timezone

# Checked in this order: Edge and Opera say "Chrome" too, and Chrome says "Safari".
BROWSERS = [
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("Firefox/", "Firefox"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
]
SYSTEMS = [
    ("Windows", "Windows"),
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Android", "Android"),
    ("Mac OS X", "Mac"),
    ("CrOS", "ChromeOS"),
    ("Linux", "Linux"),
]


def idle_seconds() -> int:
    return settings.SESSION_IDLE_TIMEOUT_MINUTES * 60


def lifetime_seconds() -> int:
    return settings.SESSION_ABSOLUTE_HOURS * 60 * 60


@dataclass(frozen=True)
class SignedIn:
    """One browser a person is signed in on, as their account page lists it."""

    device: str
    address: str
    signed_in_at: datetime.datetime
    last_seen_at: datetime.datetime
    current: bool


def device_described(user_agent: str) -> str:
    """ "Firefox on Windows", as far as the browser's own description says."""
    browser = next((name for token, name in BROWSERS if token in user_agent), "")
    system = next((name for token, name in SYSTEMS if re.search(token, user_agent)), "")
    if browser and system:
        return f"{browser} on {system}"
    return browser or system or "An unknown browser"


def sessions_of(*, person, request) -> list[SignedIn]:
    """Where the person is signed in, this browser first, then the most recently seen."""
    current_key = _current_key(person, request)
    listed = [
        SignedIn(
            device=device_described(session.user_agent),
            address=session.ip,
            signed_in_at=session.created_at,
            last_seen_at=session.last_seen_at,
            current=session.session_key == current_key,
        )
        for session in _live_sessions(person)
    ]
    return sorted(
        listed, key=lambda signed_in: (not signed_in.current, -signed_in.last_seen_at.timestamp())
    )


def _live_sessions(person):
    """Sessions within both limits: the server ends any other at its next request
    (security.middleware), so they are not shown as signed in. last_seen_at is written
    at most a minute late, well inside the idle time."""
    now = timezone.now()
    return UserSession.objects.filter(
        user_id=person.pk,
        last_seen_at__gt=now - datetime.timedelta(seconds=idle_seconds()),
        created_at__gt=now - datetime.timedelta(seconds=lifetime_seconds()),
    )


def _current_key(person, request) -> str | None:
    if request is None or getattr(request, "user", None) != person:
        return None
    return request.session.session_key


def other_sessions_end(*, person, request=None) -> int:
    """End every session of the person but the one answering this request (if it is
    theirs); return how many were ended."""
    sessions = UserSession.objects.filter(user_id=person.pk).exclude(
        session_key=_current_key(person, request) or ""
    )
    return _end(sessions)


def all_sessions_end(*, person) -> int:
    return _end(UserSession.objects.filter(user_id=person.pk))


def _end(sessions) -> int:
    ended = 0
    for session in sessions:
        session.end()
        ended += 1
    return ended

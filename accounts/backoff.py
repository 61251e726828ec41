"""Slowing down guesses at one account made from many addresses.

django-axes locks a username out from one address after a few failures, so a guesser who
keeps changing address is never stopped by it. Failures are therefore also counted per
account across every address (in the cache, which REDIS_URL shares between processes).
Once SIGN_IN_BACKOFF_AFTER of them fall within SIGN_IN_BACKOFF_WINDOW_MINUTES, each
further try must wait: 30 seconds after the failure that reached the limit, then twice as
long after each further one, up to 15 minutes; a try made sooner is refused without
looking at the password. This slows guessing to a few tries an hour without locking the
person out: a browser that has signed in to the account before carries a signed cookie
(KNOWN_BROWSER_COOKIE) and never waits. The person is e-mailed when the waiting starts,
once a window.
"""

import hashlib
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache

FIRST_WAIT_SECONDS = 30
LONGEST_WAIT_SECONDS = 15 * 60
KNOWN_BROWSER_COOKIE = "known_browser"
KNOWN_BROWSER_DAYS = 365
_SALT = "accounts.backoff.known-browser"


@dataclass(frozen=True)
class Failures:
    count: int
    first_at: float
    last_at: float


def _key(account: str) -> str:
    return "sign-in-failures:" + hashlib.sha256(account.encode()).hexdigest()


def _window_seconds() -> int:
    return settings.SIGN_IN_BACKOFF_WINDOW_MINUTES * 60


def failures_of(account: str, *, now: float | None = None) -> Failures | None:
    now = time.time() if now is None else now
    failures = cache.get(_key(account))
    if failures is None or now - failures.first_at > _window_seconds():
        return None
    return failures


def wait_seconds(account: str, *, now: float | None = None) -> int:
    """How long a try to sign in to `account` must still wait; 0 if it may go ahead."""
    now = time.time() if now is None else now
    failures = failures_of(account, now=now)
    if failures is None or failures.count < settings.SIGN_IN_BACKOFF_AFTER:
        return 0
    steps = failures.count - settings.SIGN_IN_BACKOFF_AFTER
    wait = min(FIRST_WAIT_SECONDS * 2 ** min(steps, 16), LONGEST_WAIT_SECONDS)
    return max(0, math.ceil(failures.last_at + wait - now))


def failure_recorded(account: str, *, now: float | None = None) -> int:
    """Count a failed try; the number of failures in the window so far."""
    now = time.time() if now is None else now
    earlier = failures_of(account, now=now)
    failures = Failures(
        count=(earlier.count if earlier else 0) + 1,
        first_at=earlier.first_at if earlier else now,
        last_at=now,
    )
    cache.set(_key(account), failures, timeout=_window_seconds() + LONGEST_WAIT_SECONDS)
    return failures.count


def starts_waiting(count: int) -> bool:
    """The failure that makes every further try wait: the moment to tell the person."""
    return count == settings.SIGN_IN_BACKOFF_AFTER


def known_browser_value(account: str) -> str:
    return signing.dumps(account, salt=_SALT)


def is_known_browser(request, account: str) -> bool:
    value = request.COOKIES.get(KNOWN_BROWSER_COOKIE)
    if not value:
        return False
    try:
        known = signing.loads(value, salt=_SALT, max_age=KNOWN_BROWSER_DAYS * 24 * 60 * 60)
    except signing.BadSignature:
        return False
    return known == account


def remember_browser(response, account: str) -> None:
    response.set_cookie(
        KNOWN_BROWSER_COOKIE,
        known_browser_value(account),
        max_age=KNOWN_BROWSER_DAYS * 24 * 60 * 60,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )

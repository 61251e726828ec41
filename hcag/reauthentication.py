"""Sensitive changes need a recent password or second-factor code.

A person who entered their password or a code within ACCOUNT_REAUTHENTICATION_TIMEOUT
(10 minutes), at sign-in or when asked since, goes ahead; anyone else is asked for one
first (django-allauth's re-authentication pages, by password or second factor), and a
form they posted is then carried out as posted. allauth keeps the record of each
authentication in the session; `accounts.adapter` makes allauth's own checks (before
changing the e-mail address or the second factor) follow this same rule.
"""

import time

from allauth.account.internal.flows.login import get_authentication_records
from allauth.core.exceptions import ReauthenticationRequired
from django.conf import settings


def authenticated_recently(request) -> bool:
    records = [
        record
        for record in get_authentication_records(request, request.user)
        if record.get("method") in settings.ACCOUNT_REAUTHENTICATION_METHODS
    ]
    return bool(records) and (
        time.time() - records[-1]["at"] < settings.ACCOUNT_REAUTHENTICATION_TIMEOUT
    )


def require_recent_authentication(request) -> None:
    """Called by a view after its permission checks (so that someone refused is refused,
    not asked for their password first); allauth's middleware answers the exception with
    the re-authentication page, which comes back to the request, a POST included."""
    if not authenticated_recently(request):
        raise ReauthenticationRequired

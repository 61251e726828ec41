"""Sensitive changes need a recent password or second-factor code.

A person who entered their password or a code within ACCOUNT_REAUTHENTICATION_TIMEOUT
(10 minutes), at sign-in or when asked since, goes ahead; anyone else is asked for one
first (django-allauth's re-authentication pages, by password or second factor), and a
form they posted is then carried out as posted. django-allauth keeps the record of each
authentication in the session; `accounts.adapter` makes its own checks (changing the
e-mail address or the second factor) count the sign-in too, as these do.
"""

import time

from allauth.account.decorators import reauthentication_required
from allauth.account.internal.flows.login import get_authentication_records
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


def recent_authentication_required(view):
    """Decorate a view whose every request (a download's GET too) changes or reveals
    something sensitive."""
    return reauthentication_required(view)

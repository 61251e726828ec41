"""Reads of the security event log, scoped to who is reading."""

from django.db.models import QuerySet

from partners.models import Membership
from partners.rules import is_service_administrator
from partners.selectors import partnerships_of
from security.models import SecurityEvent


def security_events_visible_to(user) -> QuerySet[SecurityEvent]:
    """A service administrator sees every event; the secretariat the events of the
    partnerships it runs (membership changes, exports, refused access to them), not
    members' sign-ins, which belong to the person and the service."""
    events = SecurityEvent.objects.select_related("person", "partnership")
    if is_service_administrator(user):
        return events
    return events.filter(partnership__in=partnerships_of(user, roles=[Membership.Role.SECRETARIAT]))

"""Writes to the security event log, and its retention."""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from security.context import current_request
from security.models import SecurityEvent

logger = logging.getLogger("hcag.security")

Kind = SecurityEvent.Kind
Outcome = SecurityEvent.Outcome


def _client(request) -> tuple[str | None, str]:
    if request is None:
        return None, ""
    address = request.META.get("REMOTE_ADDR") or None
    user_agent = request.META.get("HTTP_USER_AGENT", "")[:500]
    return address, user_agent


def _signed_in(request):
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def security_event_record(
    *,
    kind: str,
    outcome: str = Outcome.SUCCESS,
    request=None,
    person=None,
    username: str = "",
    partnership=None,
    detail: str = "",
) -> SecurityEvent:
    """Record one event, from the request being answered unless another is given, and
    write it to the `hcag.security` log once the transaction it belongs to commits."""
    request = request if request is not None else current_request.get()
    person = person if person is not None else _signed_in(request)
    address, user_agent = _client(request)
    event = SecurityEvent.objects.create(
        kind=kind,
        outcome=outcome,
        person=person,
        username=(username or (person.get_username() if person else ""))[:254],
        address=address,
        user_agent=user_agent,
        partnership=partnership,
        detail=detail[:1000],
    )
    transaction.on_commit(lambda: _log(event))
    return event


def _log(event: SecurityEvent) -> None:
    logger.info(
        "%s %s",
        event.kind,
        event.outcome,
        extra={
            "event": {
                "event_id": event.pk,
                "occurred_at": event.occurred_at.isoformat(),
                "kind": event.kind,
                "outcome": event.outcome,
                "person_id": event.person_id,
                "username": event.username,
                "address": event.address,
                "user_agent": event.user_agent,
                "partnership_id": event.partnership_id,
                "detail": event.detail,
            }
        },
    )


def retention_cutoff(*, now: datetime.datetime | None = None) -> datetime.datetime:
    now = now or timezone.now()
    return now - datetime.timedelta(days=settings.SECURITY_EVENT_RETENTION_DAYS)


def security_events_prune(*, dry_run: bool = False, now: datetime.datetime | None = None) -> int:
    """Delete the events older than the retention period; return how many (or, with
    `dry_run`, how many would be)."""
    expired = SecurityEvent.objects.filter(occurred_at__lt=retention_cutoff(now=now))
    if dry_run:
        return expired.count()
    deleted, _ = expired.delete()
    return deleted


def export_downloaded(*, request, partnership, filename: str, small_numbers_hidden: bool) -> None:
    """Who downloaded which export, and whether its small numbers were hidden."""
    hidden = "small numbers hidden" if small_numbers_hidden else "small numbers shown"
    security_event_record(
        kind=Kind.EXPORT_DOWNLOADED,
        request=request,
        partnership=partnership,
        detail=f"{filename} ({hidden})",
    )

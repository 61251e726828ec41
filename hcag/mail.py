"""The mail queue (django-mailer): each message the service sends is a row written in the
transaction of the change that caused it, so a change that is rolled back sends nothing and a
mail server that is down loses nothing. `manage.py deliver_mail` delivers the queue, retrying
what failed with back-off; addresses the mail server refused for good get nothing more."""

import logging
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import F, Max
from django.template.loader import render_to_string
from django.utils import timezone
from mailer import engine
from mailer.models import (
    PRIORITY_DEFERRED,
    PRIORITY_MEDIUM,
    RESULT_FAILURE,
    DontSendEntry,
    Message,
    MessageLog,
)

logger = logging.getLogger(__name__)

# Which partnership's business a message is, so its secretariat can see it if it fails.
PARTNERSHIP_HEADER = "X-HCAG-Partnership"
# A failed message is tried again after 5, 10, 20 … minutes, at most 6 hours apart, and given
# up after MAX_RETRIES (about a day and a half), when the secretariat's page shows it as failed.
FIRST_RETRY = timedelta(minutes=5)
LONGEST_WAIT = timedelta(hours=6)
MAX_RETRIES = 10


def message(
    *,
    subject: str,
    text: str,
    to: list[str],
    html: str | None = None,
    partnership_id: int | None = None,
    headers: dict[str, str] | None = None,
) -> EmailMultiAlternatives:
    """A message with a plain-text and an HTML part (the text, laid out, if no HTML is given);
    its Message-ID is fixed now so the queue's log can follow it through retries."""
    all_headers = {"Message-ID": make_msgid(domain="hcag"), **(headers or {})}
    if partnership_id is not None:
        all_headers[PARTNERSHIP_HEADER] = str(partnership_id)
    email = EmailMultiAlternatives(
        # On one line whatever the record holds: a title saved before titles were held to
        # one line would otherwise make the message fail to send.
        subject=" ".join(subject.split()),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        headers=all_headers,
    )
    if html is None:
        html = render_to_string("hcag/emails/from_text.html", {"subject": subject, "text": text})
    email.attach_alternative(html, "text/html")
    return email


def queue(*emails: EmailMultiAlternatives) -> int:
    """Write the messages to the queue, leaving out addresses that bounced; how many queued."""
    addresses = {address.lower() for email in emails for address in email.to}
    bounced = {
        address.lower()
        for address in DontSendEntry.objects.filter(to_address__in=addresses).values_list(
            "to_address", flat=True
        )
    }
    rows = []
    for email in emails:
        email.to = [address for address in email.to if address.lower() not in bounced]
        if email.to:
            rows.append(Message(email=email))
    Message.objects.bulk_create(rows)
    return len(rows)


def retry_due() -> int:
    """Put back in the queue each failed message whose wait is over; how many."""
    deferred = list(Message.objects.filter(priority=PRIORITY_DEFERRED, retry_count__lt=MAX_RETRIES))
    last_failure = dict(
        MessageLog.objects.filter(
            message_id__in=[row.email.extra_headers.get("Message-ID") for row in deferred],
            result=RESULT_FAILURE,
        )
        .values_list("message_id")
        .annotate(Max("when_attempted"))
    )
    now = timezone.now()
    due = [
        row.pk
        for row in deferred
        if now >= last_failure.get(row.email.extra_headers.get("Message-ID"), now) + wait(row)
    ]
    return Message.objects.filter(pk__in=due).update(
        priority=PRIORITY_MEDIUM, retry_count=F("retry_count") + 1
    )


def wait(row: Message) -> timedelta:
    return min(FIRST_RETRY * 2**row.retry_count, LONGEST_WAIT)


def deliver() -> None:
    """One pass through the queue. Each message is locked (SELECT … FOR UPDATE NOWAIT) while
    it is sent and deleted in the same transaction, so senders on several servers can run at
    once and none sends a message another has sent or is sending."""
    retry_due()
    deliver_waiting()


def deliver_waiting() -> None:
    engine.send_all()


def handle_delivery_failure(connection, row: Message, exc: Exception):
    """django-mailer's error handler: an address the mail server refuses for good (a 5xx
    reply) goes on the don't-send list and its message is dropped; any other failure leaves
    the message to be tried again. Either way the failure is logged for the secretariat."""
    MessageLog.objects.log(row, RESULT_FAILURE, log_message=str(exc))
    refused = getattr(exc, "recipients", None)
    if isinstance(exc, smtplib.SMTPRecipientsRefused) and all(
        code >= 500 for code, _ in refused.values()
    ):
        now = timezone.now()
        DontSendEntry.objects.bulk_create(
            [DontSendEntry(to_address=address, when_added=now) for address in refused]
        )
        row.delete()
        logger.warning("Mail refused for good to %s: %s", ", ".join(refused), exc)
        return None, "deferred"
    row.defer()
    logger.warning("Mail to %s deferred: %s", ", ".join(row.to_addresses), exc)
    return None, "deferred"


@dataclass(frozen=True)
class Undelivered:
    """A message of a partnership's that the mail server has not taken, as its secretariat
    sees it."""

    subject: str
    to: list[str]
    state: str
    failures: int
    last_error: str
    last_tried: datetime | None


WAITING = "Waiting to be tried again"
GIVEN_UP = "Given up after repeated failures"
REFUSED_FOR_GOOD = "Refused for good: the address gets no more mail"
# How far back the page looks for messages refused for good.
UNDELIVERED_DAYS = 30


def undelivered_for(partnership_id: int) -> list[Undelivered]:
    """The partnership's messages waiting after a failure or given up, and those refused
    for good in the last UNDELIVERED_DAYS days, newest failure first. Reads only failed
    mail: the deferred queue and the failure log, which stay small."""
    mine = str(partnership_id)
    failures = list(
        MessageLog.objects.filter(
            result=RESULT_FAILURE,
            when_attempted__gte=timezone.now() - timedelta(days=UNDELIVERED_DAYS),
        ).order_by("when_attempted")
    )
    by_message: dict[str, list[MessageLog]] = {}
    for log in failures:
        by_message.setdefault(log.message_id, []).append(log)
    listed = []
    queued = set()
    for row in Message.objects.filter(priority=PRIORITY_DEFERRED):
        email = row.email
        if email is None or email.extra_headers.get(PARTNERSHIP_HEADER) != mine:
            continue
        message_id = email.extra_headers.get("Message-ID")
        queued.add(message_id)
        state = GIVEN_UP if row.retry_count >= MAX_RETRIES else WAITING
        listed.append(_undelivered(email, state, by_message.get(message_id, [])))
    refused = set(DontSendEntry.objects.values_list("to_address", flat=True))
    for message_id, logs in by_message.items():
        email = logs[-1].email
        if (
            message_id in queued
            or email is None
            or email.extra_headers.get(PARTNERSHIP_HEADER) != mine
            or not refused.intersection(email.to)
        ):
            continue
        listed.append(_undelivered(email, REFUSED_FOR_GOOD, logs))
    return sorted(listed, key=lambda item: item.last_tried or timezone.now(), reverse=True)


def _undelivered(email, state: str, logs: list[MessageLog]) -> Undelivered:
    return Undelivered(
        subject=email.subject,
        to=list(email.to),
        state=state,
        failures=len(logs),
        last_error=logs[-1].log_message[:300] if logs else "",
        last_tried=logs[-1].when_attempted if logs else None,
    )

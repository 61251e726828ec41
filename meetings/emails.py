"""E-mail to members between meetings. Services send these with transaction.on_commit,
so nothing is sent for a change that is rolled back."""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mass_mail
from django.template.loader import render_to_string

from meetings.models import Meeting
from partners.models import Person
from partners.selectors import current_members

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Recipients:
    """Who an e-mail about a meeting goes to, as a page asking first lists them."""

    people: list[Person]
    without_address: list[Person]  # members who cannot be e-mailed


def recipients(meeting: Meeting) -> Recipients:
    """The partnership's current members whose accounts are active, with their
    organisations; those with no e-mail address are named apart, and not sent to."""
    members = list(
        current_members(meeting.partnership)
        .filter(is_active=True)
        .select_related("organisation")
        .order_by("last_name", "first_name", "pk")
    )
    return Recipients(
        people=[person for person in members if person.email],
        without_address=[person for person in members if not person.email],
    )


def _send(meeting: Meeting, subject: str, template: str) -> int:
    """Send one message to each member; the number sent. This runs after the commit, when
    the change is saved and its page has still to answer, so a failure of the mail server
    is logged for the administrators rather than raised as an error page."""
    body = render_to_string(
        template, {"meeting": meeting, "url": settings.SITE_URL + meeting.get_absolute_url()}
    )
    # On one line whatever the record holds: a title saved before titles were held to
    # one line would otherwise make every message fail to send.
    subject = " ".join(subject.split())
    addresses = sorted({person.email for person in recipients(meeting).people})
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in addresses]
    try:
        return send_mass_mail(messages, fail_silently=False)
    except Exception:  # any backend's failure: SMTP, connection, or an e-mail service's API
        logger.exception("Could not e-mail the members: %s (meeting %s)", subject, meeting.pk)
        return 0


def send_papers_published(meeting: Meeting) -> int:
    return _send(
        meeting,
        f"Papers for the {meeting.display_title.lower()} on {meeting.date:%d %B %Y}",
        "meetings/emails/papers_published.txt",
    )


def send_minutes_approved(meeting: Meeting) -> int:
    return _send(
        meeting,
        f"Approved minutes of the {meeting.display_title.lower()} on {meeting.date:%d %B %Y}",
        "meetings/emails/minutes_approved.txt",
    )

"""E-mail to members between meetings. Services send these with transaction.on_commit,
so nothing is sent for a change that is rolled back."""

import logging

from django.conf import settings
from django.core.mail import send_mass_mail
from django.template.loader import render_to_string

from meetings.models import Meeting
from partners.selectors import current_members

logger = logging.getLogger(__name__)


def _recipients(meeting: Meeting) -> list[str]:
    people = current_members(meeting.partnership).filter(is_active=True).exclude(email="")
    return sorted(set(people.values_list("email", flat=True)))


def _send(meeting: Meeting, subject: str, template: str) -> int:
    """Send one message to each member; the number sent. This runs after the commit, when
    the change is saved and its page has still to answer, so a failure of the mail server
    is logged for the administrators rather than raised as an error page."""
    body = render_to_string(
        template, {"meeting": meeting, "url": settings.SITE_URL + meeting.get_absolute_url()}
    )
    messages = [
        (subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in _recipients(meeting)
    ]
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

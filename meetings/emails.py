"""E-mail to members between meetings, queued in the transaction of the change (hcag.mail),
so nothing is sent for a change that is rolled back and nothing is lost if the mail server
is down."""

from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string

from hcag import mail
from meetings.models import Meeting
from partners.models import Person
from partners.selectors import current_members


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
    """Queue one message to each member; the number queued."""
    text = render_to_string(
        template, {"meeting": meeting, "url": settings.SITE_URL + meeting.get_absolute_url()}
    )
    addresses = sorted({person.email for person in recipients(meeting).people})
    return mail.queue(
        *(
            mail.message(
                subject=subject, text=text, to=[address], partnership_id=meeting.partnership_id
            )
            for address in addresses
        )
    )


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

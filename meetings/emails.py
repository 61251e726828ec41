"""E-mail to members between meetings. Services send these with transaction.on_commit,
so nothing is sent for a change that is rolled back."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.template.loader import render_to_string

from meetings.models import Meeting
from partners.models import Person


def _recipients(meeting: Meeting) -> list[str]:
    people = Person.objects.filter(
        memberships__partnership=meeting.partnership_id,
        memberships__ended_on__isnull=True,
        is_active=True,
    ).exclude(email="")
    return sorted(set(people.values_list("email", flat=True)))


def _send(meeting: Meeting, subject: str, template: str) -> int:
    body = render_to_string(
        template, {"meeting": meeting, "url": settings.SITE_URL + meeting.get_absolute_url()}
    )
    messages = [
        (subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in _recipients(meeting)
    ]
    return send_mass_mail(messages, fail_silently=False)


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

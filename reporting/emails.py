"""E-mail of the optional kinds (reporting.models.OPTIONAL_NOTIFICATIONS), queued in the
transaction of the change, each with its one-click unsubscribe link and headers, and only
to those who still receive that kind."""

from collections import defaultdict

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse

from hcag import mail
from partners.models import Membership, Person
from reporting.models import Notification, NotificationSettings
from reporting.notifications import unsubscribe_headers, unsubscribe_url
from workstreams.models import StatusReview

# Reviews that tell the lead something they act on or may like to know.
TOLD_TO_THE_LEAD = {StatusReview.Outcome.CHALLENGED, StatusReview.Outcome.CONFIRMED}


def receiving(kind: str, people_ids, *, partnership_id: int) -> list[Person]:
    """Of the people, those who can be e-mailed, are current members of the partnership
    and have not switched `kind` off. One query."""
    switched_off = NotificationSettings.objects.filter(person=OuterRef("pk"), **{kind: False})
    return list(
        Person.objects.filter(pk__in=people_ids, is_active=True)
        .exclude(email="")
        .filter(
            Exists(
                Membership.objects.current().filter(
                    person=OuterRef("pk"), partnership_id=partnership_id
                )
            )
        )
        .exclude(Exists(switched_off))
        .order_by("pk")
    )


def optional_message(
    *, person: Person, kind: str, subject: str, template: str, context: dict, partnership_id: int
):
    """A message of an optional kind to one person, with the link and headers that stop it."""
    context = {
        **context,
        "person": person,
        "unsubscribe_url": unsubscribe_url(person=person, kind=kind),
        "settings_url": settings.SITE_URL + reverse("reporting:notification-settings"),
    }
    return mail.message(
        subject=subject,
        text=render_to_string(template, context),
        to=[person.email],
        headers=unsubscribe_headers(person=person, kind=kind),
        partnership_id=partnership_id,
    )


def send_status_reviewed(reviews: list[StatusReview]) -> int:
    """Tell each lead whose status was challenged or confirmed: one message per lead
    and outcome, listing the actions, with a link to each. The number queued."""
    grouped = defaultdict(list)
    for review in reviews:
        if review.outcome in TOLD_TO_THE_LEAD and review.update.author_id != review.reviewer_id:
            grouped[(review.update.author_id, review.outcome)].append(review)
    if not grouped:
        return 0
    partnership_id = reviews[0].update.action.workstream.plan.partnership_id
    people = {
        person.pk: person
        for person in receiving(
            Notification.STATUS_REVIEWED,
            {author_id for author_id, _ in grouped},
            partnership_id=partnership_id,
        )
    }
    messages = []
    for (author_id, outcome), own in grouped.items():
        if author_id not in people:
            continue
        count = len(own)
        verb = StatusReview.Outcome(outcome).label.lower()
        subject = (
            f"Your status for {own[0].update.action.reference} was {verb}"
            if count == 1
            else f"{count} of your statuses were {verb}"
        )
        entries = [
            {
                "review": review,
                "action": review.update.action,
                "url": settings.SITE_URL
                + review.update.action.get_absolute_url()
                + ("#add-update-heading" if outcome == StatusReview.Outcome.CHALLENGED else ""),
            }
            for review in own
        ]
        messages.append(
            optional_message(
                person=people[author_id],
                kind=Notification.STATUS_REVIEWED,
                subject=subject,
                template="reporting/emails/status_reviewed.txt",
                context={
                    "entries": entries,
                    "outcome": outcome,
                    "reviewer": own[0].reviewer,
                },
                partnership_id=partnership_id,
            )
        )
    return mail.queue(*messages)


def round_digest_message(*, person: Person, digest) -> EmailMultiAlternatives:
    meeting = digest.meeting_round.meeting
    return optional_message(
        person=person,
        kind=Notification.ROUND_DIGEST,
        subject=f"Reporting round closed: {digest.reported} of {digest.due} actions reported "
        f"for the {meeting.display_title.lower()} on {meeting.date:%d %B %Y}",
        template="reporting/emails/round_digest.txt",
        context={
            "digest": digest,
            "meeting": meeting,
            "meeting_url": settings.SITE_URL + meeting.get_absolute_url(),
        },
        partnership_id=meeting.partnership_id,
    )


def send_paper_added(paper) -> int:
    """Tell the members that a paper was added to a meeting whose papers were published,
    all but the person who added it. The number queued."""
    meeting = paper.agenda_item.meeting
    members = Membership.objects.current().filter(partnership_id=meeting.partnership_id)
    people = receiving(
        Notification.PAPERS_ADDED,
        members.exclude(person=paper.uploaded_by).values("person_id"),
        partnership_id=meeting.partnership_id,
    )
    subject = (
        f"Paper added to the {meeting.display_title.lower()} on {meeting.date:%d %B %Y}: "
        f"{paper.title}"
    )
    context = {
        "paper": paper,
        "meeting": meeting,
        "meeting_url": f"{settings.SITE_URL}{meeting.get_absolute_url()}#agenda",
    }
    return mail.queue(
        *(
            optional_message(
                person=person,
                kind=Notification.PAPERS_ADDED,
                subject=subject,
                template="reporting/emails/paper_added.txt",
                context=context,
                partnership_id=meeting.partnership_id,
            )
            for person in people
        )
    )

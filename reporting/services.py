"""Changes to when updates are due (the partnership's usual notice, and one round's date),
to which e-mail a person receives, and the reminders of updates due."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import date_format

from hcag import mail
from hcag.editing import version_claim
from meetings.models import Meeting
from partners.models import Membership, Partnership, Person
from partners.rules import CHAIR_ROLES, LEAD_ROLES
from reporting.emails import receiving, round_digest_message
from reporting.models import (
    OPTIONAL_NOTIFICATIONS,
    Notification,
    NotificationSettings,
    SentReminder,
)
from reporting.rounds import reminder_due
from reporting.selectors import (
    MeetingRound,
    RatingChange,
    RoundAction,
    last_closed_rounds,
    numbered_action_reported,
    open_rounds,
    rating_changes,
    round_actions,
    round_of_meeting,
)
from workstreams.models import Action

DUE_AFTER_MEETING = "The due date must be on or before the day of the meeting, {day}"
DUE_BEFORE_ROUND = (
    "The due date must be on or after {day}, the day after the previous meeting, when the "
    "round opens"
)


@transaction.atomic
def partnership_update_due_set(*, partnership: Partnership, working_days: int) -> Partnership:
    partnership.update_due_working_days = working_days
    others = [f.name for f in Partnership._meta.fields if f.name != "update_due_working_days"]
    partnership.clean_fields(exclude=others)
    partnership.save(update_fields=["update_due_working_days"])
    return partnership


@transaction.atomic
def meeting_updates_due_move(
    *, meeting: Meeting, expected_version: int, due_on: datetime.date | None
) -> Meeting:
    """Move the due date of the meeting's round, inside the round; None moves it back to
    the partnership's usual number of working days before the meeting."""
    version_claim(meeting, expected_version)
    if due_on is not None:
        opens_on = round_of_meeting(meeting).round.opens_on
        if due_on > meeting.date:
            raise ValidationError(
                {"updates_due_on": DUE_AFTER_MEETING.format(day=date_format(meeting.date))}
            )
        if opens_on is not None and due_on < opens_on:
            raise ValidationError(
                {"updates_due_on": DUE_BEFORE_ROUND.format(day=date_format(opens_on))}
            )
    meeting.updates_due_on = due_on
    meeting.full_clean()
    meeting.save(update_fields=["updates_due_on", "version"])
    return meeting


@transaction.atomic
def notification_settings_update(*, person: Person, **choices: bool) -> NotificationSettings:
    """Save which optional kinds of e-mail the person receives (OPTIONAL_NOTIFICATIONS);
    reminders are not among them, and cannot be switched off."""
    unknown = set(choices) - set(OPTIONAL_NOTIFICATIONS)
    if unknown:
        raise ValueError(f"Not an optional kind of e-mail: {', '.join(sorted(unknown))}")
    found, _ = NotificationSettings.objects.get_or_create(person=person)
    for kind, receives in choices.items():
        setattr(found, kind, receives)
    found.full_clean()
    found.save()
    return found


def notification_unsubscribe(*, person: Person, kind: str) -> NotificationSettings:
    return notification_settings_update(person=person, **{kind: False})


@dataclass
class Reminder:
    """A reminder to one lead: every update due from them and not yet given, across their
    partnerships, sent because `sent_for` (meeting, which reminder) have come."""

    person: Person
    items: list[RoundAction]
    sent_for: list[tuple[Meeting, str]] = field(default_factory=list)


def _leads_by_partnership(partnership_ids) -> dict[int, list[Person]]:
    """Who reports for their organisation in each partnership, and can be e-mailed. One query."""
    seats = (
        Membership.objects.current()
        .filter(partnership_id__in=partnership_ids, role__in=LEAD_ROLES)
        .filter(person__is_active=True, person__organisation__isnull=False)
        .exclude(person__email="")
        .select_related("person")
        .order_by("person_id")
    )
    leads = defaultdict(list)
    for seat in seats:
        leads[seat.partnership_id].append(seat.person)
    return leads


def reminders_due(*, today: datetime.date) -> list[Reminder]:
    """The reminders that have come by `today` and were not sent yet: one per lead with
    updates due and not given in an open round whose reminder has come. Six queries."""
    rounds = open_rounds(Partnership.objects.values_list("pk", flat=True), today=today)
    days_before = settings.REMINDER_DAYS_BEFORE
    kinds = {
        pk: kind
        for pk, meeting_round in rounds.items()
        if (kind := reminder_due(meeting_round.round, today, days_before=days_before))
    }
    if not kinds:
        return []
    items = [
        item
        for item in round_actions(
            Action.objects.filter(workstream__plan__partnership_id__in=list(rounds)), rounds
        )
        if not item.is_reported
    ]
    leads = _leads_by_partnership(list(rounds))
    sent = set(
        SentReminder.objects.filter(meeting__in=[rounds[pk].meeting for pk in kinds]).values_list(
            "person_id", "meeting_id", "kind"
        )
    )
    reminders: dict[int, Reminder] = {}
    for item in items:
        partnership_id = item.action.partnership_id
        responsible = item.action.responsible_organisation_ids()
        for person in leads[partnership_id]:
            if person.organisation_id in responsible:
                reminder = reminders.setdefault(person.pk, Reminder(person, []))
                reminder.items.append(item)
                meeting, kind = item.meeting_round.meeting, kinds.get(partnership_id)
                if (
                    kind
                    and (person.pk, meeting.pk, kind) not in sent
                    and (meeting, kind) not in reminder.sent_for
                ):
                    reminder.sent_for.append((meeting, kind))
    return [reminder for reminder in reminders.values() if reminder.sent_for]


def reminder_message(reminder: Reminder, *, today: datetime.date) -> EmailMultiAlternatives:
    context = {
        "person": reminder.person,
        "rounds": _by_round(reminder.items, today),
        "settings_url": settings.SITE_URL + reverse("reporting:notification-settings"),
    }
    count = len(reminder.items)
    return mail.message(
        subject=f"{count} update{'s' if count != 1 else ''} due from you",
        text=render_to_string("reporting/emails/reminder.txt", context),
        html=render_to_string("reporting/emails/reminder.html", context),
        to=[reminder.person.email],
    )


def _by_round(items: list[RoundAction], today: datetime.date) -> list[dict]:
    """The items grouped by round, soonest due first, each with its link."""
    rounds: dict[int, dict] = {}
    for item in items:
        meeting_round = item.meeting_round
        group = rounds.setdefault(
            meeting_round.meeting.pk,
            {
                "meeting": meeting_round.meeting,
                "round": meeting_round.round,
                "when_due": meeting_round.round.when_due(today),
                "actions": [],
            },
        )
        url = f"{settings.SITE_URL}{item.action.get_absolute_url()}#add-update-heading"
        group["actions"].append({"action": item.action, "url": url})
    return sorted(rounds.values(), key=lambda group: group["round"].due_on)


def reminders_send(*, today: datetime.date, dry_run: bool = False) -> list[Reminder]:
    """Queue each reminder that has come by `today` (reminders_due), recording it first
    under a unique constraint in the same transaction: a reminder another process is
    sending, or has sent, is left to it. The reminders queued (or, with `dry_run`, that
    would be)."""
    queued = []
    for reminder in reminders_due(today=today):
        if dry_run:
            queued.append(reminder)
            continue
        try:
            with transaction.atomic():
                SentReminder.objects.bulk_create(
                    SentReminder(person=reminder.person, meeting=meeting, kind=kind)
                    for meeting, kind in reminder.sent_for
                )
                mail.queue(reminder_message(reminder, today=today))
        except IntegrityError:
            continue
        queued.append(reminder)
    return queued


# A round's digest goes out in the week after its meeting, and not for older rounds (the
# first run on a new server sends none for the rounds of years past).
DIGEST_WITHIN = datetime.timedelta(days=7)
DIGEST = "digest"


@dataclass
class RoundDigest:
    """How a closed round went, for the chair and secretariat."""

    meeting_round: MeetingRound
    due: int
    reported: int
    not_reported: list[Action]
    changes: list[RatingChange]
    recipients: list[Person] = field(default_factory=list)


def round_digests_due(*, today: datetime.date) -> list[RoundDigest]:
    """The digest of each round that closed in the last week, with the chair, vice-chairs
    and secretariat who still receive it and were not sent it yet."""
    rounds = {
        pk: meeting_round
        for pk, meeting_round in last_closed_rounds(
            Partnership.objects.values_list("pk", flat=True), today=today
        ).items()
        if today - meeting_round.meeting.date <= DIGEST_WITHIN
    }
    if not rounds:
        return []
    items = round_actions(
        Action.objects.filter(workstream__plan__partnership_id__in=list(rounds)), rounds
    )
    sent = set(
        SentReminder.objects.filter(
            kind=DIGEST, meeting__in=[meeting_round.meeting for meeting_round in rounds.values()]
        ).values_list("person_id", "meeting_id")
    )
    seats = Membership.objects.current().filter(
        partnership_id__in=list(rounds), role__in=[*CHAIR_ROLES, Membership.Role.SECRETARIAT]
    )
    runners = defaultdict(set)
    for partnership_id, person_id in seats.values_list("partnership_id", "person_id"):
        runners[partnership_id].add(person_id)
    digests = []
    for partnership_id, meeting_round in rounds.items():
        own = [item for item in items if item.action.partnership_id == partnership_id]
        reported = numbered_action_reported(own)
        recipients = [
            person
            for person in receiving(
                Notification.ROUND_DIGEST, runners[partnership_id], partnership_id=partnership_id
            )
            if (person.pk, meeting_round.meeting.pk) not in sent
        ]
        if recipients:
            digests.append(
                RoundDigest(
                    meeting_round=meeting_round,
                    due=len(reported),
                    reported=sum(reported.values()),
                    not_reported=[item.action for item in own if not item.is_reported],
                    changes=rating_changes(own),
                    recipients=recipients,
                )
            )
    return digests


def round_digests_send(*, today: datetime.date, dry_run: bool = False) -> list[RoundDigest]:
    """Queue each digest due (round_digests_due), recorded under the same unique
    constraint as reminders, so each person gets each round's digest once."""
    digests = round_digests_due(today=today)
    if dry_run:
        return digests
    for digest in digests:
        meeting = digest.meeting_round.meeting
        sent_to = []
        for person in digest.recipients:
            try:
                with transaction.atomic():
                    SentReminder.objects.create(person=person, meeting=meeting, kind=DIGEST)
                    mail.queue(round_digest_message(person=person, digest=digest))
            except IntegrityError:
                continue
            sent_to.append(person)
        digest.recipients = sent_to
    return digests

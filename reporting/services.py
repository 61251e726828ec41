"""Changes to when updates are due: the partnership's usual notice, and one round's date."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format

from hcag.editing import version_claim
from meetings.models import Meeting
from partners.models import Partnership, Person
from reporting.models import OPTIONAL_NOTIFICATIONS, NotificationSettings
from reporting.selectors import round_of_meeting

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

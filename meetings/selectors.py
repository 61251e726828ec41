"""Reads of a partnership's governance: terms of reference and meetings."""

import datetime
from dataclasses import dataclass

from meetings.models import Meeting, TermsOfReference
from partners.models import Partnership
from partners.selectors import partnerships_visible_to


def meetings_visible_to(user):
    return Meeting.objects.filter(partnership__in=partnerships_visible_to(user))


def current_terms_of_reference(partnership: Partnership) -> TermsOfReference | None:
    return (
        partnership.terms_of_reference.filter(status=TermsOfReference.Status.CURRENT)
        .prefetch_related("clauses")
        .first()
    )


@dataclass(frozen=True)
class MeetingsAround:
    last: Meeting | None
    next: Meeting | None


def meetings_around(partnership: Partnership, today: datetime.date) -> MeetingsAround:
    """The partnership's latest meeting before today and its next one from today."""
    meetings = Meeting.objects.filter(partnership=partnership)
    return MeetingsAround(
        last=meetings.before(today).first(), next=meetings.on_or_after(today).first()
    )

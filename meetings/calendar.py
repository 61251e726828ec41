"""Meetings as iCalendar, in London time, for calendar programs."""

import datetime

from django.conf import settings
from icalendar import Calendar, Event

from meetings.models import LONDON, Meeting

DEFAULT_LENGTH = datetime.timedelta(hours=2)
# For a meeting with no change in the audit log (written with the log off): a fixed
# time, so that every fetch gives the same stamp.
UNKNOWN_CHANGE = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def meetings_calendar(meetings: list[Meeting], *, name: str) -> bytes:
    """`meetings` from meetings.selectors.with_last_change."""
    calendar = Calendar()
    calendar.add("prodid", "-//Partnership action plans//Meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/London")
    for meeting in meetings:
        calendar.add_component(_event(meeting))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _event(meeting: Meeting) -> Event:
    """The meeting as an event (`meeting` from meetings.selectors.with_last_change). A
    calendar program knows it by its UID, and takes a higher SEQUENCE for a change."""
    event = Event()
    event.add("uid", meeting.calendar_uid)
    event.add("sequence", meeting.version - 1)
    changed = meeting.last_changed_at or UNKNOWN_CHANGE
    event.add("dtstamp", changed)
    event.add("last-modified", changed)
    event.add("summary", f"{meeting.partnership.short_name or meeting.partnership.name}: "
                         f"{meeting.display_title}")  # fmt: skip
    if meeting.starts_at is None:
        event.add("dtstart", meeting.date)  # all day
    else:
        event.add("dtstart", meeting.starts_at)
        end = (
            datetime.datetime.combine(meeting.date, meeting.end_time, tzinfo=LONDON)
            if meeting.end_time
            else meeting.starts_at + DEFAULT_LENGTH
        )
        event.add("dtend", end)
    if meeting.location:
        event.add("location", meeting.location)
    event.add("url", settings.SITE_URL + meeting.get_absolute_url())
    event.add("status", "CANCELLED" if meeting.status == Meeting.Status.CANCELLED else "CONFIRMED")
    return event

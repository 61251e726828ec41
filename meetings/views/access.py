"""How the meetings views find what a person may see and refuse what they may not do.

The predicates are in meetings/rules.py; these helpers apply them: 404 for a partnership
or meeting the person cannot see, 403 for a change they may not make.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from meetings.models import Meeting
from meetings.selectors import meetings_visible_to
from meetings.services import MINUTES_ARE_FIXED


def get_meeting_for_user(user, pk) -> Meeting:
    return get_object_or_404(
        meetings_visible_to(user).select_related("partnership", "minutes_approved_at"), pk=pk
    )


def may_run(user, partnership) -> bool:
    return user.has_perm("meetings.run_meetings", partnership)


def require_to_run(user, partnership) -> None:
    if not may_run(user, partnership):
        raise PermissionDenied


def require_to_change_record(user, meeting) -> None:
    """A meeting's record (Meeting.is_fixed) changes only until its minutes are
    approved, and only by those who run the group."""
    if not user.has_perm("meetings.change_meeting_record", meeting):
        raise PermissionDenied(MINUTES_ARE_FIXED)

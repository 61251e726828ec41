"""Ending a person's sessions, through django-allauth's record of them
(allauth.usersessions), which knows each session's key."""

from allauth.usersessions.models import UserSession


def _current_key(person, request) -> str | None:
    if request is None or getattr(request, "user", None) != person:
        return None
    return request.session.session_key


def other_sessions_end(*, person, request=None) -> int:
    """End every session of the person but the one answering this request (if it is
    theirs); return how many were ended."""
    sessions = UserSession.objects.filter(user_id=person.pk).exclude(
        session_key=_current_key(person, request) or ""
    )
    return _end(sessions)


def all_sessions_end(*, person) -> int:
    return _end(UserSession.objects.filter(user_id=person.pk))


def _end(sessions) -> int:
    ended = 0
    for session in sessions:
        session.end()
        ended += 1
    return ended

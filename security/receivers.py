"""What the security event log hears: signals from Django, django-allauth and its MFA,
django-axes, partners and accounts."""

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.utils import timezone

from accounts import sessions
from accounts.signals import other_sessions_signed_out, second_factor_reset
from accounts.signin import account_key
from partners.models import Person
from partners.signals import membership_changed
from security.middleware import session_started
from security.models import SecurityEvent
from security.services import Kind, Outcome, security_event_record


def _person_named(username: str) -> Person | None:
    key = account_key(username)
    return Person.objects.filter(username__iexact=key).first() if key else None


def session_clocks_started(sender, request, user, **kwargs):
    session_started(request.session)


def signed_in(sender, request, user, **kwargs):
    security_event_record(kind=Kind.SIGN_IN, request=request, person=user)


def sign_in_failed(sender, credentials, request=None, **kwargs):
    typed = credentials.get("username") or credentials.get("email") or ""
    security_event_record(
        kind=Kind.SIGN_IN,
        outcome=Outcome.FAILURE,
        request=request,
        person=_person_named(typed),
        username=typed,
    )


def locked_out(sender, request, username, ip_address, **kwargs):
    """django-axes says so on the failure that locks the account and again on each try
    while it is locked; the lockout is one event, the tries are sign-in failures."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    already = SecurityEvent.objects.filter(
        kind=Kind.LOCKOUT, username=username, address=ip_address, occurred_at__gte=since
    )
    if already.exists():
        return
    security_event_record(
        kind=Kind.LOCKOUT,
        outcome=Outcome.FAILURE,
        request=request,
        person=_person_named(username),
        username=username,
    )


def signed_out(sender, request, user, **kwargs):
    security_event_record(kind=Kind.SIGN_OUT, request=request, person=user)
    sessions.other_sessions_end(person=user, request=request)


def password_event(kind):
    def record(sender, request, user, **kwargs):
        security_event_record(kind=kind, request=request, person=user)
        sessions.other_sessions_end(person=user, request=request)

    return record


def other_sessions_event(sender, request, person, ended, **kwargs):
    security_event_record(
        kind=Kind.SESSIONS_ENDED, request=request, person=person, detail=f"{ended} ended"
    )


def membership_event(sender, membership, change, detail, **kwargs):
    security_event_record(
        kind=Kind.MEMBERSHIP_CHANGED,
        person=None,
        username=membership.person.get_username(),
        partnership=membership.partnership,
        detail=f"{membership.person.get_username()}: {detail}",
    )
    if change in {"role", "ended"}:
        sessions.all_sessions_end(person=membership.person)


def _authenticator_kind(authenticator) -> str:
    return getattr(authenticator, "type", "")


def second_factor_event(kind, *, end_sessions=False):
    def record(sender, request, user, authenticator, **kwargs):
        if kind in {Kind.SECOND_FACTOR_ADDED, Kind.SECOND_FACTOR_REMOVED} and (
            _authenticator_kind(authenticator) == "recovery_codes"
        ):
            # Recovery codes come and go with the app they back up: one event.
            return
        security_event_record(
            kind=kind,
            request=request,
            person=user,
            detail=_authenticator_kind(authenticator),
        )
        if end_sessions:
            sessions.other_sessions_end(person=user, request=request)

    return record


def second_factor_used(sender, request, user, authenticator, **kwargs):
    recovery = _authenticator_kind(authenticator) == "recovery_codes"
    security_event_record(
        kind=Kind.RECOVERY_CODE_USED if recovery else Kind.SECOND_FACTOR_USED,
        request=request,
        person=user,
        detail="re-authentication" if kwargs.get("reauthenticated") else "sign-in",
    )


def second_factor_failed(sender, request, user, authenticator, **kwargs):
    security_event_record(
        kind=Kind.SECOND_FACTOR_USED,
        outcome=Outcome.FAILURE,
        request=request,
        person=user,
        detail=_authenticator_kind(authenticator),
    )


def second_factor_reset_by_administrator(sender, person, by, **kwargs):
    security_event_record(
        kind=Kind.SECOND_FACTOR_RESET,
        person=person,
        detail=f"reset by {by.get_username()}",
    )


def _connect_second_factor():
    for signal, receiver in [
        (mfa_signals.authenticator_added, second_factor_event(Kind.SECOND_FACTOR_ADDED)),
        (
            mfa_signals.authenticator_removed,
            second_factor_event(Kind.SECOND_FACTOR_REMOVED, end_sessions=True),
        ),
        (
            mfa_signals.authenticator_reset,
            second_factor_event(Kind.SECOND_FACTOR_RESET, end_sessions=True),
        ),
        (mfa_signals.authenticator_used, second_factor_used),
        (mfa_signals.authentication_failed, second_factor_failed),
    ]:
        signal.connect(receiver, weak=False, dispatch_uid=f"security-{id(signal)}")


def connect():
    user_logged_in.connect(session_clocks_started, dispatch_uid="security-session-clocks")
    account_signals.user_logged_in.connect(signed_in, dispatch_uid="security-signed-in")
    account_signals.user_logged_out.connect(signed_out, dispatch_uid="security-signed-out")
    user_login_failed.connect(sign_in_failed, dispatch_uid="security-sign-in-failed")
    user_locked_out.connect(locked_out, dispatch_uid="security-locked-out")
    account_signals.password_changed.connect(
        password_event(Kind.PASSWORD_CHANGED), weak=False, dispatch_uid="security-password-changed"
    )
    account_signals.password_reset.connect(
        password_event(Kind.PASSWORD_RESET), weak=False, dispatch_uid="security-password-reset"
    )
    membership_changed.connect(membership_event, dispatch_uid="security-membership")
    other_sessions_signed_out.connect(other_sessions_event, dispatch_uid="security-sessions")
    second_factor_reset.connect(
        second_factor_reset_by_administrator, dispatch_uid="security-second-factor-reset"
    )
    _connect_second_factor()

"""Writes to a person's own account."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from auditlog.models import LogEntry
from django.db import transaction

from accounts import emails, sessions
from accounts.signals import other_sessions_signed_out, second_factor_reset
from partners.models import Person
from partners.rules import needs_second_factor


@transaction.atomic
def person_details_update(
    *, person: Person, first_name: str, last_name: str, job_title: str
) -> Person:
    person.first_name = first_name
    person.last_name = last_name
    person.job_title = job_title
    person.full_clean()
    person.save(update_fields=["first_name", "last_name", "job_title"])
    return person


@transaction.atomic
def current_address_recorded(*, person: Person) -> None:
    """allauth replaces an address only once the new one is confirmed, but takes an
    unconfirmed current address for a change still to be confirmed, and would drop it.
    The address on an account came from an invitation that was followed, an
    administrator or the demo, so it is recorded as confirmed before any change."""
    if not person.email:
        return
    address = EmailAddress.objects.filter(user=person, email__iexact=person.email).first()
    if address is None:
        EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
    elif not (address.verified and address.primary):
        address.verified = address.primary = True
        address.save(update_fields=["verified", "primary"])


def password_change_logger(how: str):
    """A receiver of allauth's password signals that logs the change on the person."""

    def log(sender, request, user, **kwargs):
        LogEntry.objects.log_create(
            user, action=LogEntry.Action.UPDATE, changes={"password": ["(hidden)", f"({how})"]}
        )

    return log


@transaction.atomic
def other_sessions_sign_out(*, person: Person, request) -> int:
    """Sign the person out of every browser but this one; how many sessions ended."""
    ended = sessions.other_sessions_end(person=person, request=request)
    other_sessions_signed_out.send(sender=Person, request=request, person=person, ended=ended)
    return ended


@transaction.atomic
def person_second_factor_reset(*, person: Person, by: Person) -> None:
    """Remove the person's authenticator app, security keys and recovery codes, so that
    one who has lost them can set them up again; sign them out everywhere and e-mail
    them."""
    Authenticator.objects.filter(user=person).delete()
    sessions.all_sessions_end(person=person)
    second_factor_reset.send(sender=Person, person=person, by=by)
    if person.email:
        emails.send_second_factor_reset(
            email=person.email,
            name=str(person),
            by=str(by),
            required=needs_second_factor(person),
        )

"""Writes to partnerships, the organisations register, memberships and invitations.

Every write here is in the audit log with who made it (django-auditlog), so each
membership's history, and each merge of organisations, can be shown from it.
"""

import datetime
import secrets
import uuid

from allauth.account.models import EmailAddress
from auditlog.models import LogEntry
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from hcag.editing import ChangedMeanwhile, version_claim
from partners import emails
from partners.models import (
    Invitation,
    Membership,
    Organisation,
    Partnership,
    Person,
    Strand,
    invitation_token_hash,
)
from partners.selectors import person_with_email
from partners.signals import membership_changed

RESERVED_SLUGS = {"new"}
PARTNERSHIP_NAME_TAKEN = "A partnership called “{name}” already exists"
SLUG_TAKEN = "Another partnership has this short address: choose another"
SLUG_RESERVED = "Choose a different short address: “{slug}” is used by the service itself"
ALREADY_A_MEMBER = "{person} is already a member of this partnership"
INVITATION_WAITING = (
    "An invitation to {email} is already waiting for an answer: resend it from the list of "
    "invitations"
)
ORGANISATION_DIFFERS = (
    "{email} already has an account, for {organisation}: a person represents one "
    "organisation in every partnership, so choose {organisation}"
)
COMMUNITY_MEMBER_ALREADY = (
    "{email} already has an account as a community member, with no organisation: leave "
    "the organisation empty"
)
ORGANISATION_RETIRED = "{organisation} is retired: choose another organisation"
ONE_CHAIR = "The partnership already has a chair: to change the chair, record the chair review"
LAST_SECRETARIAT = (
    "{person} is the partnership's only secretariat member: appoint or invite another "
    "before changing this"
)
ENDS_BEFORE_START = "The end date must be on or after the day the membership started, {started}"
MERGE_INTO_ITSELF = "Choose a different organisation to keep"
MERGE_INTO_RETIRED = "Choose an organisation that is not retired to keep"
ALREADY_RETIRED = "This organisation is retired already"
CALENDAR_RENEWED = {"calendar address": ["(the old secret)", "(a new secret)"]}


class InvitationUnusable(Exception):
    """The invitation was accepted, revoked or expired before this use of it."""


# Partnerships -----------------------------------------------------------------------


@transaction.atomic
def partnership_create(
    *,
    name: str,
    short_name: str,
    slug: str,
    small_number_threshold: int,
    reports_to: list[Organisation],
    advised_by: list[Organisation],
    secretariat_email: str,
    secretariat_organisation: Organisation | None,
    created_by: Person,
) -> tuple[Partnership, Invitation]:
    """A new partnership, and the invitation of its first secretariat member."""
    if slug in RESERVED_SLUGS:
        raise ValidationError({"slug": SLUG_RESERVED.format(slug=slug)})
    if Partnership.objects.filter(name__iexact=name.strip()).exists():
        raise ValidationError({"name": PARTNERSHIP_NAME_TAKEN.format(name=name.strip())})
    if Partnership.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": SLUG_TAKEN})
    partnership = Partnership(
        name=name,
        short_name=short_name,
        slug=slug,
        small_number_threshold=small_number_threshold,
    )
    partnership.full_clean()
    partnership.save()
    partnership.reports_to.set(reports_to)
    partnership.advised_by.set(advised_by)
    invitation = invitation_create(
        partnership=partnership,
        email=secretariat_email,
        role=Membership.Role.SECRETARIAT,
        organisation=secretariat_organisation,
        strands=[],
        invited_by=created_by,
        email_field="secretariat_email",
        organisation_field="secretariat_organisation",
    )
    return partnership, invitation


# The organisations register ---------------------------------------------------------


@transaction.atomic
def organisation_add(*, name: str, short_name: str, kind: str, website: str) -> Organisation:
    organisation = Organisation(name=name, short_name=short_name, kind=kind, website=website)
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def organisation_update(
    *,
    organisation: Organisation,
    expected_version: int,
    name: str,
    short_name: str,
    kind: str,
    website: str,
) -> Organisation:
    """Rename an organisation (or change its other details) for every partnership, if
    nobody else changed it since the editor opened it."""
    version_claim(organisation, expected_version)
    organisation.name = name
    organisation.short_name = short_name
    organisation.kind = kind
    organisation.website = website
    organisation.full_clean()
    organisation.save(update_fields=[*Organisation.EDITABLE_FIELDS, "version"])
    return organisation


@transaction.atomic
def organisation_retire(*, organisation: Organisation) -> Organisation:
    """No longer offered for anything new; records that name it keep it."""
    if organisation.is_retired:
        raise ValidationError(ALREADY_RETIRED)
    version_claim(organisation, None, retired_on__isnull=True)
    organisation.retired_on = timezone.localdate()
    organisation.save(update_fields=["retired_on", "version"])
    return organisation


@transaction.atomic
def organisation_restore(*, organisation: Organisation) -> Organisation:
    """Offer a retired organisation again (not one merged into another)."""
    version_claim(organisation, None, retired_on__isnull=False, merged_into__isnull=True)
    organisation.retired_on = None
    organisation.save(update_fields=["retired_on", "version"])
    return organisation


def _records_naming(organisation: Organisation):
    """(relation, records) for every record in any app that names the organisation:
    people, workstream leads, action owners, reports, attendance, partnership boards and
    advisory groups, invitations. Found from the model's relations, so an app added later
    is covered without this module knowing it."""
    for relation in Organisation._meta.related_objects:
        records = relation.related_model._base_manager.filter(**{relation.field.name: organisation})
        yield relation, records.distinct().order_by("pk")


@transaction.atomic
def organisation_merge(*, duplicate: Organisation, survivor: Organisation) -> dict[str, int]:
    """Move everything that names `duplicate` to `survivor`, one record at a time so that
    each move is in the audit log, then mark the duplicate as merged (and retired). The
    number of records moved, by the verbose name of their kind."""
    if duplicate.pk == survivor.pk:
        raise ValidationError({"survivor": MERGE_INTO_ITSELF})
    if survivor.is_retired:
        raise ValidationError({"survivor": MERGE_INTO_RETIRED})
    version_claim(survivor, None, retired_on__isnull=True)
    version_claim(duplicate, None, merged_into__isnull=True)
    moved: dict[str, int] = {}
    for relation, records in _records_naming(duplicate):
        field = relation.field
        for record in records:
            if relation.many_to_many:
                related = getattr(record, field.name)
                related.remove(duplicate)
                related.add(survivor)
            else:
                setattr(record, field.name, survivor)
                record.save(update_fields=[field.name])
            label = str(field.model._meta.verbose_name_plural)
            moved[label] = moved.get(label, 0) + 1
    duplicate.merged_into = survivor
    duplicate.retired_on = duplicate.retired_on or timezone.localdate()
    duplicate.save(update_fields=["merged_into", "retired_on", "version"])
    return moved


def organisation_merge_preview(duplicate: Organisation) -> dict[str, int]:
    """What a merge would move, by kind of record, for the confirmation page."""
    counts = {}
    for relation, records in _records_naming(duplicate):
        number = records.count()
        if number:
            counts[str(relation.field.model._meta.verbose_name_plural)] = number
    return counts


# Invitations ------------------------------------------------------------------------


def _check_organisation(
    *, email: str, person: Person | None, organisation: Organisation | None, field: str
) -> None:
    """A person represents one organisation in every partnership (Person.organisation,
    which the leads' rights follow), so an invitation of someone who has an account must
    name their organisation; it never moves them to another."""
    if organisation is not None and organisation.is_retired:
        raise ValidationError({field: ORGANISATION_RETIRED.format(organisation=organisation)})
    if person is None or person.organisation_id == (organisation.pk if organisation else None):
        return
    if person.organisation is None:
        raise ValidationError({field: COMMUNITY_MEMBER_ALREADY.format(email=email)})
    raise ValidationError(
        {field: ORGANISATION_DIFFERS.format(email=email, organisation=person.organisation)}
    )


def _has_current_chair(partnership: Partnership) -> bool:
    return partnership.memberships.current().filter(role=Membership.Role.CHAIR).exists()


def _new_token(invitation: Invitation) -> str:
    token = secrets.token_urlsafe(32)
    invitation.token_hash = invitation_token_hash(token)
    invitation.expires_at = timezone.now() + datetime.timedelta(days=settings.INVITATION_DAYS)
    invitation.sent_at = None
    return token


@transaction.atomic
def invitation_create(
    *,
    partnership: Partnership,
    email: str,
    role: str,
    organisation: Organisation | None,
    strands: list[Strand],
    invited_by: Person,
    email_field: str = "email",
    organisation_field: str = "organisation",
) -> Invitation:
    """Invite someone to a seat, and e-mail them the link once this is committed. Whether
    it went is in `sent_at` after the commit (None if the mail server failed)."""
    email = email.strip()
    person = person_with_email(email)
    if person and partnership.memberships.current().filter(person=person).exists():
        raise ValidationError({email_field: ALREADY_A_MEMBER.format(person=person)})
    _check_organisation(
        email=email, person=person, organisation=organisation, field=organisation_field
    )
    if role == Membership.Role.CHAIR and _has_current_chair(partnership):
        raise ValidationError({"role": ONE_CHAIR})
    if partnership.invitations.open().filter(email__iexact=email).exists():
        raise ValidationError({email_field: INVITATION_WAITING.format(email=email)})
    invitation = Invitation(
        partnership=partnership,
        email=email,
        role=role,
        organisation=organisation,
        invited_by=invited_by,
    )
    token = _new_token(invitation)
    invitation.full_clean()
    invitation.save()
    invitation.strands.set(strands)
    emails.send_invitation(invitation, token)
    return invitation


@transaction.atomic
def invitation_resend(*, invitation: Invitation) -> Invitation:
    """A new link, valid for INVITATION_DAYS again; the old link stops working."""
    if not invitation.is_open:
        raise InvitationUnusable
    token = _new_token(invitation)
    claimed = (
        Invitation.objects.open()
        .filter(pk=invitation.pk)
        .update(token_hash=invitation.token_hash, expires_at=invitation.expires_at, sent_at=None)
    )
    if not claimed:
        raise InvitationUnusable
    invitation.save(update_fields=["token_hash", "expires_at", "sent_at"])
    emails.send_invitation(invitation, token)
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation) -> Invitation:
    now = timezone.now()
    if not Invitation.objects.open().filter(pk=invitation.pk).update(revoked_at=now):
        raise InvitationUnusable
    invitation.revoked_at = now
    invitation.save(update_fields=["revoked_at"])
    return invitation


def invitation_for_token(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("partnership", "organisation")
        .filter(token_hash=invitation_token_hash(token))
        .first()
    )


def _claim(invitation: Invitation, person: Person) -> None:
    """Use the invitation once: of two acceptances at the same moment, one wins."""
    now = timezone.now()
    claimed = (
        Invitation.objects.open()
        .filter(pk=invitation.pk, expires_at__gt=now)
        .update(accepted_at=now, accepted_by=person)
    )
    if not claimed:
        raise InvitationUnusable
    invitation.accepted_at, invitation.accepted_by = now, person
    invitation.save(update_fields=["accepted_at", "accepted_by"])


@transaction.atomic
def invitation_accept(*, invitation: Invitation, person: Person) -> Membership:
    """The invited seat, for a person who has (or has just made) an account with the
    invitation's address. They keep their own organisation (see _check_organisation)."""
    _claim(invitation, person)
    membership = Membership(
        partnership=invitation.partnership,
        person=person,
        role=invitation.role,
        started_on=timezone.localdate(),
    )
    membership.full_clean()
    membership.save()
    membership.strands.set(invitation.strands.all())
    membership_changed.send(
        Membership, membership=membership, change="joined", detail=f"joined as {membership.role}"
    )
    return membership


@transaction.atomic
def invitation_accept_with_new_account(
    *,
    invitation: Invitation,
    username: str,
    first_name: str,
    last_name: str,
    password: str,
) -> tuple[Person, Membership]:
    """An account for someone the service does not know yet, with the invitation's
    address (confirmed, since they followed the link sent to it) and organisation."""
    if person_with_email(invitation.email) is not None:
        raise InvitationUnusable
    person = Person(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=invitation.email,
        organisation=invitation.organisation,
    )
    person.set_password(password)
    person.full_clean()
    person.save()
    EmailAddress.objects.create(user=person, email=invitation.email, verified=True, primary=True)
    return person, invitation_accept(invitation=invitation, person=person)


# Memberships ------------------------------------------------------------------------


def _require_another_secretariat(membership: Membership) -> None:
    """A partnership always keeps a secretariat member: it is who staffs it."""
    if membership.role != Membership.Role.SECRETARIAT:
        return
    others = (
        Membership.objects.current()
        .select_for_update()
        .filter(partnership_id=membership.partnership_id, role=Membership.Role.SECRETARIAT)
        .exclude(pk=membership.pk)
    )
    if not others.exists():
        raise ValidationError(LAST_SECRETARIAT.format(person=membership.person))


@transaction.atomic
def membership_update(
    *, membership: Membership, expected_version: int, role: str, strands: list[Strand]
) -> Membership:
    """Change a current member's role and the strands they represent, if nobody else
    changed the membership since the editor opened it."""
    version_claim(membership, expected_version, ended_on__isnull=True)
    old_role = membership.role
    if role != old_role:
        _require_another_secretariat(membership)
        if role == Membership.Role.CHAIR and _has_current_chair(membership.partnership):
            raise ValidationError({"role": ONE_CHAIR})
    old_strands = set(membership.strands.values_list("pk", flat=True))
    membership.role = role
    membership.full_clean()
    membership.save(update_fields=["role", "version"])
    membership.strands.set(strands)
    if role != old_role:
        membership_changed.send(
            Membership, membership=membership, change="role", detail=f"{old_role} to {role}"
        )
    if old_strands != {strand.pk for strand in strands}:
        membership_changed.send(
            Membership, membership=membership, change="strands", detail="strands changed"
        )
    return membership


@transaction.atomic
def membership_end(
    *, membership: Membership, expected_version: int, ended_on: datetime.date
) -> Membership:
    """End a seat on a day no later than today: the person loses access to the
    partnership (and their calendar address stops working) at once; the seat stays as
    history."""
    version_claim(membership, expected_version, ended_on__isnull=True)
    if membership.started_on and ended_on < membership.started_on:
        raise ValidationError(
            {"ended_on": ENDS_BEFORE_START.format(started=date_format(membership.started_on))}
        )
    _require_another_secretariat(membership)
    membership.ended_on = ended_on
    membership.full_clean()
    membership.save(update_fields=["ended_on", "version"])
    membership_changed.send(
        Membership, membership=membership, change="ended", detail=f"ended on {ended_on}"
    )
    return membership


@transaction.atomic
def calendar_address_renew(*, membership: Membership) -> Membership:
    """A new secret for the member's calendar subscription: the old address stops working.
    The secret is kept out of the audit log, so the log says only that it changed."""
    membership.calendar_token = uuid.uuid4()
    membership.save(update_fields=["calendar_token"])
    LogEntry.objects.log_create(
        membership,
        action=LogEntry.Action.UPDATE,
        changes=CALENDAR_RENEWED,
        additional_data=membership.get_additional_data(),
    )
    return membership


@transaction.atomic
def partnership_plan_authors_set(
    *, partnership: Partnership, chairs_may_author_plan: bool, shown: bool
) -> Partnership:
    """Let the chair and vice-chairs write the plan, or stop them, if the setting is still
    `shown` (what the form showed): else ChangedMeanwhile, and nothing changes. The
    conditional update is logged as a save would be."""
    claimed = Partnership.objects.filter(pk=partnership.pk, chairs_may_author_plan=shown).update(
        chairs_may_author_plan=chairs_may_author_plan
    )
    if not claimed:
        raise ChangedMeanwhile(Partnership.objects.get(pk=partnership.pk))
    partnership.chairs_may_author_plan = chairs_may_author_plan
    if chairs_may_author_plan != shown:
        LogEntry.objects.log_create(
            partnership,
            action=LogEntry.Action.UPDATE,
            changes={"chairs_may_author_plan": [str(shown), str(chairs_may_author_plan)]},
        )
    return partnership


def strands_ensure() -> int:
    """Make sure the fixed vocabulary of strands exists (after every `migrate` and
    `flush`, see PartnersConfig, and before the demo loads); returns how many were created."""
    created = 0
    for position, code in enumerate(Strand.Code.values, start=1):
        _, was_created = Strand.objects.update_or_create(code=code, defaults={"position": position})
        created += was_created
    return created

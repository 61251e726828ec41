"""Creating and revoking personal API tokens, each recorded in the security event log."""

import datetime
import secrets

from django.db import transaction
from django.utils import timezone

from api.models import ApiToken, key_hash
from security.services import Kind, security_event_record

KEY_PREFIX = "hcag_"


@transaction.atomic
def api_token_create(*, person, name: str, days: int) -> tuple[ApiToken, str]:
    """A new token and its key, which is not kept: only its hash is."""
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        person=person,
        name=name,
        key_hash=key_hash(key),
        key_start=key[: len(KEY_PREFIX) + 4],
        expires_on=timezone.localdate() + datetime.timedelta(days=days),
    )
    token.full_clean()
    token.save()
    security_event_record(
        kind=Kind.API_TOKEN_CREATED,
        person=person,
        detail=f"{token.name} ({token.key_start}…), expires {token.expires_on.isoformat()}",
    )
    return token, key


@transaction.atomic
def api_token_revoke(*, token: ApiToken, revoked_by=None) -> ApiToken:
    """Revoked by its owner, or, when `revoked_by` names someone else (an administrator
    in the Django admin), by them, which the security event says."""
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    by_someone_else = revoked_by is not None and revoked_by != token.person
    security_event_record(
        kind=Kind.API_TOKEN_REVOKED,
        person=token.person,
        detail=f"{token.name} ({token.key_start}…)"
        + (f", revoked by {revoked_by.get_username()}" if by_someone_else else ""),
    )
    return token

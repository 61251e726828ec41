"""`Authorization: Bearer <token>` (or `Token <token>`) with a personal API token."""

from django.utils import timezone
from rest_framework import authentication, exceptions

from api.models import ApiToken, key_hash

KEYWORDS = {"bearer", "token"}
TOKEN_REFUSED = "The token is not valid: it may be mistyped, expired or revoked."  # noqa: S105


class ApiTokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].decode(errors="replace").lower() not in KEYWORDS:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(TOKEN_REFUSED)
        today = timezone.localdate()
        token = (
            ApiToken.objects.usable(today)
            .select_related("person")
            .filter(key_hash=key_hash(parts[1].decode(errors="replace")))
            .first()
        )
        if token is None or not token.person.is_active:
            raise exceptions.AuthenticationFailed(TOKEN_REFUSED)
        if token.last_used_on != today:
            # Once a day at most, so that polling does not write on every request.
            ApiToken.objects.filter(pk=token.pk).update(last_used_on=today)
            token.last_used_on = today
        return token.person, token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'

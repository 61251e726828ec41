"""`Authorization: Bearer <token>` (or `Token <token>`) with a personal API token."""

from django.utils import timezone
from rest_framework import authentication, exceptions

from api.models import ApiToken, key_hash
from api.throttling import RefusedTokenThrottle
from security.services import Kind, Outcome, security_event_record

KEYWORDS = {"bearer", "token"}
TOKEN_REFUSED = "The token is not valid: it may be mistyped, expired or revoked."  # noqa: S105


class ApiTokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].decode(errors="replace").lower() not in KEYWORDS:
            return None
        if len(parts) != 2:
            self._refuse(request, None, "malformed header")
        today = timezone.localdate()
        token = (
            ApiToken.objects.select_related("person")
            .filter(key_hash=key_hash(parts[1].decode(errors="replace")))
            .first()
        )
        if token is None:
            self._refuse(request, None, "unknown token")
        if not token.is_usable(today) or not token.person.is_active:
            self._refuse(request, token, _why_refused(token))
        if token.last_used_on != today:
            # Once a day at most, so that polling does not write on every request.
            ApiToken.objects.filter(pk=token.pk).update(last_used_on=today)
            token.last_used_on = today
        return token.person, token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'

    def _refuse(self, request, token: ApiToken | None, why: str):
        """Record the refusal in the security log, up to the refusals' rate limit per
        address; past it, answer 429 and record nothing, so that nobody can fill the
        log (or try keys) faster than the limit, which a token's own limit cannot count."""
        throttle = RefusedTokenThrottle()
        if not throttle.allow_request(request, None):
            raise exceptions.Throttled(throttle.wait())
        described = f" “{token.name}” ({token.key_start}…)" if token else ""
        security_event_record(
            kind=Kind.API_TOKEN_REFUSED,
            outcome=Outcome.FAILURE,
            # Django's request: DRF's would try to authenticate again to name its user.
            request=request._request,
            person=token.person if token else None,
            detail=f"{why}{described}: {request.method} {request.path}"[:1000],
        )
        raise exceptions.AuthenticationFailed(TOKEN_REFUSED)


def _why_refused(token: ApiToken) -> str:
    if token.revoked_at is not None:
        return "revoked token"
    if not token.person.is_active:
        return "token of a deactivated account"
    return "expired token"

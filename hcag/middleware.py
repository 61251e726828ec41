"""Who is asking: the client's address, as far as the service can trust it."""

from django.conf import settings
from django.utils.cache import add_never_cache_headers


class ClientAddressMiddleware:
    """Set REMOTE_ADDR to the client's address and drop X-Forwarded-For, so that the
    sign-in lockout (django-axes) and the audit log both see an address nobody can forge.

    With PROXY_COUNT reverse proxies in front, each of which appends the address it was
    connected from, the client is the entry that many places from the right; anything to
    its left was written by the client. With none, the header is the client's own words.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        forwarded = request.META.pop("HTTP_X_FORWARDED_FOR", "")
        proxies = settings.PROXY_COUNT
        if proxies:
            hops = [address.strip() for address in forwarded.split(",") if address.strip()]
            if len(hops) >= proxies:
                request.META["REMOTE_ADDR"] = hops[-proxies]
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """Headers Django's SecurityMiddleware does not send: a Permissions-Policy that turns
    off the browser features the service never uses, and `Cache-Control: no-store` on
    everything a signed-in person is sent (pages and downloads alike), so that a shared
    computer's browser cache or a proxy keeps no copy of partnership records."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response

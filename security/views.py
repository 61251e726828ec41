"""The security event log, for service administrators and the secretariat."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from security.filters import SecurityEventFilter
from security.middleware import activity_recorded, seconds_left
from security.selectors import security_events_visible_to

EVENTS_PER_PAGE = 50


@require_GET
def security_events(request):
    if not request.user.has_perm("security.view_events"):
        raise PermissionDenied("Only service administrators and the secretariat see the log.")
    filterset = SecurityEventFilter(
        request.GET or None, queryset=security_events_visible_to(request.user)
    )
    page = Paginator(filterset.qs, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "filterset": filterset,
        "page": page,
        "retention_days": settings.SECURITY_EVENT_RETENTION_DAYS,
    }
    return render(request, "security/events.html", context)


@require_POST
def session_keep(request):
    """ "Stay signed in" on the timeout warning: the request itself is the activity. The
    warning's script asks for JSON; without it the person goes back to their page."""
    activity_recorded(request, force=True)
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"seconds_left": seconds_left(request.session)})
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "overview:home"
    return redirect(next_url)

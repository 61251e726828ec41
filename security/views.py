"""The security event log, for service administrators and the secretariat."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from security.filters import SecurityEventFilter
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

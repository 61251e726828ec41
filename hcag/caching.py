"""Rendered fragments, cached until anything they show changes.

Every change to the records the service shows is written to the audit log (see
hcag.audit and each app's apps.py), so the log's latest entry is a revision number for
the whole database: a fragment cached under a key that includes it is never served
after a change. Keys also carry whatever else the fragment depends on (the day, the
filters chosen, what the reader may do).
"""

import hashlib
from collections.abc import Callable

from auditlog.models import LogEntry
from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe

TIMEOUT = 60 * 60


def data_revision() -> int:
    return LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def cached_html(name: str, *depends_on, render: Callable[[], str]) -> SafeString:
    """The fragment from the cache, or `render()`ed and cached. Read the revision before
    rendering, so that a change made meanwhile leads to a fresh render next time."""
    parts = repr((data_revision(), *depends_on)).encode()
    key = f"hcag:{name}:{hashlib.sha256(parts).hexdigest()}"
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, str(html), TIMEOUT)
    return mark_safe(html)  # noqa: S308 - rendered by our own templates, escaped there

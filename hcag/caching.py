"""Rendered fragments, cached until anything they show changes.

A fragment is keyed on the revision of the partnership it shows (hcag.revisions), which
moves on with every audited change to that partnership's records and to the things
every partnership shows, and on nothing else: an update in one partnership leaves the
others' pages cached. Keys also carry whatever else the fragment depends on (the day,
the filters chosen, what the reader may do).
"""

import hashlib
from collections.abc import Callable

from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe

from hcag import revisions

TIMEOUT = 60 * 60


def cached_html(
    name: str, *depends_on, partnership: int | None = None, render: Callable[[], str]
) -> SafeString:
    """The fragment from the cache, or `render()`ed and cached. `partnership` is the id of
    the one whose records it shows; without it, any change anywhere renews it. The
    revision is read before rendering, so that a change committed meanwhile leads to a
    fresh render next time."""
    parts = repr((revisions.current(partnership), *depends_on)).encode()
    key = f"hcag:{name}:{hashlib.sha256(parts).hexdigest()}"
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, str(html), TIMEOUT)
    return mark_safe(html)  # noqa: S308 - rendered by our own templates, escaped there

"""Rendered fragments, cached until anything they show changes.

A fragment is keyed on the revision of the partnership it shows (hcag.revisions), which
moves on with every audited change to that partnership's records and to the things
every partnership shows, and on nothing else: an update in one partnership leaves the
others' pages cached. Keys also carry whatever else the fragment depends on (the day,
the filters chosen, what the reader may do).
"""

import hashlib
import time
from collections.abc import Callable

from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe

from hcag import revisions

TIMEOUT = 60 * 60
# How long a request waits for another's render of the same fragment before rendering it
# itself (the other may have failed).
RENDER_WAIT = 10


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
        html = _rendered_once(key, render)
    return mark_safe(html)  # noqa: S308 - rendered by our own templates, escaped there


def _rendered_once(key: str, render: Callable[[], str]) -> str:
    """Render and cache the fragment, unless another request is rendering it already: then
    wait for that one's, which read the same revision and so shows the same. When updates
    keep renewing a busy dashboard, its readers then share one render per revision instead
    of each rendering it alongside the others."""
    rendering = f"{key}:rendering"
    if not cache.add(rendering, True, RENDER_WAIT):
        deadline = time.monotonic() + RENDER_WAIT
        while time.monotonic() < deadline:
            time.sleep(0.02)
            if (html := cache.get(key)) is not None:
                return html
    try:
        html = str(render())
        cache.set(key, html, TIMEOUT)
    finally:
        cache.delete(rendering)
    return html

"""PDFs drawn by WeasyPrint from the same HTML the service shows.

WeasyPrint fetches only the service's own static files (its stylesheet, for instance),
read from disk: it never makes a network request, whatever the HTML refers to. The
service's stylesheet, which every page links to, is parsed once per process rather than
for each PDF, where parsing it took a quarter of a briefing's time.
"""

import functools
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.templatetags.static import static
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Pages are rendered with links relative to this made-up origin.
BASE_URL = "https://pdf.invalid/"
SERVICE_STYLESHEET = "build/hcag.css"


class StaticFilesFetcher(URLFetcher):
    def fetch(self, url, headers=None):
        path = unquote(urlsplit(url).path)
        prefix = "/" + settings.STATIC_URL.lstrip("/")
        if not url.startswith(BASE_URL) or not path.startswith(prefix):
            raise ValueError(f"PDFs only use the service's own static files, not {url}")
        if path == urlsplit(static(SERVICE_STYLESHEET)).path:
            # Applied from its parsed copy instead (html_to_pdf).
            return URLFetcherResponse(url, b"", {"Content-Type": "text/css"})
        name = path.removeprefix(prefix)
        file = _static_file(name)
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, file.read_bytes(), {"Content-Type": content_type})


def _static_file(name: str) -> Path:
    """The source file while developing; in production, the collected (hashed) copy."""
    found = finders.find(name)
    if found:
        return Path(found)
    if staticfiles_storage.exists(name):
        return Path(staticfiles_storage.path(name))
    raise FileNotFoundError(name)


def html_to_pdf(html: str) -> bytes:
    """An A4, tagged PDF (headings and tables marked up for screen readers)."""
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesFetcher())
    stylesheets = [_service_stylesheet()] if static(SERVICE_STYLESHEET) in html else []
    return document.write_pdf(pdf_tags=True, stylesheets=stylesheets)


@functools.cache
def _service_stylesheet() -> CSS:
    return CSS(
        string=_static_file(SERVICE_STYLESHEET).read_text(encoding="utf-8"),
        base_url=BASE_URL + static(SERVICE_STYLESHEET).lstrip("/"),
        url_fetcher=StaticFilesFetcher(),
    )

"""PDFs drawn by WeasyPrint from the same HTML the service shows.

WeasyPrint fetches only the service's own static files (its stylesheet, for instance),
read from disk: it never makes a network request, whatever the HTML refers to.
"""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Pages are rendered with links relative to this made-up origin.
BASE_URL = "https://pdf.invalid/"


class StaticFilesFetcher(URLFetcher):
    def fetch(self, url, headers=None):
        path = unquote(urlsplit(url).path)
        prefix = "/" + settings.STATIC_URL.lstrip("/")
        if not url.startswith(BASE_URL) or not path.startswith(prefix):
            raise ValueError(f"PDFs only use the service's own static files, not {url}")
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
    return document.write_pdf(pdf_tags=True)

"""PDFs drawn from the service's pages, with its own stylesheet and nothing from elsewhere."""

import re
import zlib

import pytest
from django.templatetags.static import static

from hcag.pdf import StaticFilesFetcher, html_to_pdf

PARAGRAPHS = "".join(
    f'<p class="govuk-body govuk-!-margin-bottom-9">Paragraph {n}</p>' for n in range(40)
)


def page_count(pdf: bytes) -> int:
    """The pages, counted in the PDF's objects, which WeasyPrint compresses into streams."""
    streams = re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL)
    objects = b"".join(zlib.decompress(stream) for stream in streams if stream[:1] == b"x")
    return len(re.findall(rb"/Type\s*/Page\b", pdf + objects))


def page(*, linked: bool) -> str:
    link = f'<link rel="stylesheet" href="{static("build/hcag.css")}">' if linked else ""
    return f"<!DOCTYPE html><html lang='en'><head>{link}</head><body>{PARAGRAPHS}</body></html>"


def test_the_service_stylesheet_applies_each_time_it_is_linked():
    """It is parsed once and kept, and applied to every PDF whose page links to it."""
    unstyled = page_count(html_to_pdf(page(linked=False)))

    styled = [page_count(html_to_pdf(page(linked=True))) for _ in range(2)]

    assert styled[0] == styled[1] > unstyled, "its margins spread the paragraphs over more pages"


def test_nothing_outside_the_service_is_fetched():
    with pytest.raises(ValueError, match="own static files"):
        StaticFilesFetcher().fetch("https://example.com/tracker.css")

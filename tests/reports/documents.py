"""Making and reading the documents in tests."""

import io
import re

from django.utils import timezone
from pypdf import PdfReader

from reports.selectors import committee_report_start_from_latest, latest_committee_report
from reports.services import render_document


def document(plan, format):
    return render_document(
        plan=plan, format=format, report=latest_committee_report(plan), today=timezone.localdate()
    )


def document_dated_today(plan, format):
    """The document of a report dated today, worded as the plan's latest."""
    today = timezone.localdate()
    report = committee_report_start_from_latest(plan=plan, today=today)
    return render_document(plan=plan, format=format, report=report, today=today)


def assert_in_order(text, expected):
    text = " ".join(text.split())
    position = 0
    for words in expected:
        found = text.find(" ".join(words.split()), position)
        assert found >= 0, f"not found after position {position}: {words!r}"
        position = found + 1


def pdf_text(data):
    """The PDF's words, without its page numbers, and with words broken after a hyphen at
    the end of a line joined again."""
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return re.sub(r"-\n", "-", re.sub(r"Page \d+ of \d+", " ", text))

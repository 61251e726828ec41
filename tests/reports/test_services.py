"""Keeping generated documents."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from reports.models import GeneratedReport
from reports.services import generated_report_create

pytestmark = pytest.mark.django_db


def test_a_document_that_cannot_be_kept_leaves_no_file_behind(personas, settings):
    with pytest.raises(ValidationError):
        generated_report_create(
            plan=personas.plan,
            format="exe",
            data=b"MZ",
            report=None,
            generated_by=personas.secretariat,
            today=datetime.date(2026, 11, 27),
        )
    assert not GeneratedReport.objects.exists()
    assert not [path for path in settings.MEDIA_ROOT.rglob("*") if path.is_file()]

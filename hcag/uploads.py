"""Checks on uploaded documents: only real PDF, Word (.docx) and Excel (.xlsx) files, of a
limited size. The file's own bytes are checked, not only its name, so a renamed program
is refused."""

import zipfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

WRONG_TYPE = "The file must be a PDF, a Word document (.docx) or an Excel workbook (.xlsx)"
TOO_LARGE = "The file must be smaller than {limit}"
NOT_WHAT_IT_SAYS = "The file is not a real {kind}: it may be damaged or renamed"
EMPTY = "The file is empty"

# Each allowed kind's name. PDFs begin with "%PDF-"; Word and Excel files are zip
# archives that hold the part named in OFFICE_PARTS.
KINDS = {".pdf": "PDF", ".docx": "Word document", ".xlsx": "Excel workbook"}
OFFICE_PARTS = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml"}


def validate_document(upload) -> None:
    suffix = Path(upload.name).suffix.lower()
    if suffix not in KINDS:
        raise ValidationError(WRONG_TYPE, code="wrong_type")
    if upload.size == 0:
        raise ValidationError(EMPTY, code="empty")
    if upload.size > settings.UPLOAD_MAX_BYTES:
        limit = filesizeformat(settings.UPLOAD_MAX_BYTES)
        raise ValidationError(TOO_LARGE.format(limit=limit), code="too_large")
    if not _looks_like(upload, suffix):
        raise ValidationError(NOT_WHAT_IT_SAYS.format(kind=KINDS[suffix]), code="disguised")


def _looks_like(upload, suffix: str) -> bool:
    upload.seek(0)
    try:
        if suffix == ".pdf":
            return upload.read(5) == b"%PDF-"
        try:
            with zipfile.ZipFile(upload) as archive:
                return OFFICE_PARTS[suffix] in archive.namelist()
        except zipfile.BadZipFile:
            return False
    finally:
        upload.seek(0)

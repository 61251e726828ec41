"""What the apps' views share in answering a request: the data of a form that was
posted, and files to download."""

from pathlib import Path

from django.http import HttpResponse

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def posted(request):
    """The form data of a POST, even an empty one (which must be checked, to say what is
    missing, not shown again as if nothing had been sent); None for a GET."""
    return request.POST if request.method == "POST" else None


def posted_files(request):
    return request.FILES if request.method == "POST" else None


def content_type_for(name: str) -> str:
    """The content type of a file the service serves, from its name's extension."""
    return CONTENT_TYPES.get(Path(name).suffix.lower().lstrip("."), "application/octet-stream")


def attachment(content: bytes, filename: str) -> HttpResponse:
    """`content` to download as `filename`."""
    response = HttpResponse(content, content_type=content_type_for(filename))
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

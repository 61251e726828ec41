"""The views' forms: what was posted, and what an editor sees when someone else saved
the same record after they opened it."""

from django import forms


def posted(request):
    """The form data of a POST, even an empty one (which must be checked, to say what is
    missing, not shown again as if nothing had been sent); None for a GET."""
    return request.POST if request.method == "POST" else None


def posted_files(request):
    return request.FILES if request.method == "POST" else None


def form_over_newer_version(form_class, data, current, *, counter: str, **kwargs) -> forms.Form:
    """The editor's own words, now based on the version someone else saved (its
    `counter` field), so that saving again is a deliberate choice made after seeing
    their change. For forms whose fields cannot be moved onto that version field by field
    (hcag.editing.edit_rebased), such as a draft's clause boxes."""
    data = data.copy()
    data[counter] = getattr(current, counter)
    return form_class(data, instance=current, **kwargs)

"""What an editor sees when someone else saved the same record after they opened it."""

from django import forms

CHANGED_MEANWHILE = (
    "Someone else changed this while you were editing it, so your changes were not saved. "
    "Check what they changed, then save yours again if they are still right."
)


def form_over_newer_version(form_class, data, current, *, counter: str, **kwargs) -> forms.Form:
    """The editor's own words, now based on the version someone else saved (its
    `counter` field), so that saving again is a deliberate choice made after seeing
    their change."""
    data = data.copy()
    data[counter] = getattr(current, counter)
    form = form_class(data, instance=current, **kwargs)
    form.is_valid()
    form.add_error(None, CHANGED_MEANWHILE)
    return form

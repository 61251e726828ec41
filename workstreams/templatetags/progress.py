"""Statuses as GOV.UK tags: always words, with colour as a second cue."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from workstreams.models import ProgressUpdate

register = template.Library()

Status = ProgressUpdate.Status
TAG_COLOURS = {
    Status.NOT_STARTED: "grey",
    Status.ON_TRACK: "green",
    Status.AT_RISK: "yellow",
    Status.OFF_TRACK: "red",
    Status.COMPLETE: "blue",
}


@register.simple_tag
def status_tag(status):
    """A tag for a status code; no status at all reads “No update yet”."""
    if not status:
        return mark_safe('<strong class="govuk-tag govuk-tag--grey">No update yet</strong>')
    return format_html(
        '<strong class="govuk-tag govuk-tag--{}">{}</strong>',
        TAG_COLOURS[status],
        Status(status).label,
    )

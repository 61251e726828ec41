"""Statuses as GOV.UK tags: always words, with colour as a second cue."""

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

from hcag.text import in_prose
from workstreams.models import ProgressUpdate, StatusReview, review_state

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


REVIEW_TAG_COLOURS = {
    StatusReview.Outcome.CONFIRMED: "turquoise",
    StatusReview.Outcome.CHALLENGED: "orange",
    StatusReview.Outcome.REVISED: "pink",
    None: "light-blue",
}


@register.simple_tag
def review_tag(outcome):
    """A tag saying whether a reported status is confirmed, challenged, revised or awaiting
    review (workstreams.models.review_state), from the outcome of its latest review."""
    return format_html(
        '<strong class="govuk-tag govuk-tag--{}">{}</strong>',
        REVIEW_TAG_COLOURS[outcome or None],
        review_state(outcome),
    )


@register.simple_tag
def status_label(status):
    """The words of a status, or “No update yet”."""
    return Status(status).label if status else "No update yet"


@register.simple_tag(takes_context=True)
def count_link(context, number, what, **filters):
    """A count linking to the plan's actions it counts: the dashboard's own filters (from
    the request) with `filters` on top. `what` completes the link text for screen readers."""
    hidden = format_html('<span class="govuk-visually-hidden"> {}</span>', what)
    if not number:
        return format_html("0{}", hidden)
    # The list's address and the request's filters are the same for every count on a
    # page (a dashboard has hundreds), so they are worked out once per rendering.
    key = ("count_link", context["plan"].slug)
    if key not in context.render_context:
        chosen = dict(context.request.GET.lists())
        chosen.pop("page", None)
        context.render_context[key] = (
            reverse("overview:plan-actions", args=[context["plan"].slug]),
            chosen,
        )
    url, chosen = context.render_context[key]
    query = {**chosen, **{name: [value] for name, value in filters.items()}}
    return format_html(
        '<a class="govuk-link" href="{}?{}">{}{}</a>',
        url,
        urlencode(query, doseq=True),
        number,
        hidden,
    )


@register.simple_tag
def lead_abbreviations(workstream):
    """A workstream's leads by their short names, each with its full name on hover and for
    screen readers (<abbr title>), or in full where it has no short name."""
    names = [
        format_html('<abbr title="{}">{}</abbr>', leader.name, leader.short_name)
        if leader.short_name
        else conditional_escape(leader.name)
        for leader in workstream.lead_organisations.all()
    ]
    return mark_safe(in_prose(names))  # noqa: S308 - each name escaped above

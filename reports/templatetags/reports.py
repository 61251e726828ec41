"""The report's words for progress, reviews and leads, for the PDF's template."""

from django import template

from reports import selectors

register = template.Library()


@register.simple_tag
def progress_words(progress):
    return selectors.progress_words(progress)


@register.simple_tag
def leads_in_words(workstream):
    return selectors.leads_in_words(workstream)


@register.simple_tag
def lead_names(workstream):
    return selectors.lead_names(workstream)


@register.simple_tag
def standing_words(action):
    return selectors.standing_words(action)


@register.simple_tag
def review_reason_words(action):
    return selectors.review_reason_words(action)


@register.simple_tag
def review_summary(workstream):
    return selectors.review_summary(workstream)

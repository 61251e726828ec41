from django import template

from reports.selectors import names as organisation_names
from reports.selectors import progress_words as words

register = template.Library()


@register.simple_tag
def progress_words(progress):
    return words(progress)


@register.filter
def names(organisations):
    """Organisations' full names as prose: "A, B and C"."""
    return organisation_names(organisations)

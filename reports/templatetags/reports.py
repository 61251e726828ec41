from django import template

from reports.selectors import progress_words as words

register = template.Library()


@register.simple_tag
def progress_words(progress):
    return words(progress)

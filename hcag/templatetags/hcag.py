"""Template helpers shared by every app."""

from django import template
from django.forms import MultiWidget
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe

from hcag.text import in_prose as names_in_prose
from hcag.text import text_blocks

register = template.Library()


@register.filter(is_safe=True)
def prose(text):
    """Render plain text as GOV.UK paragraphs and bulleted lists, escaping it."""
    html = []
    for kind, lines in text_blocks(text or ""):
        if kind == "list":
            items = format_html_join("", "<li>{}</li>", ((item,) for item in lines))
            html.append(format_html('<ul class="govuk-list govuk-list--bullet">{}</ul>', items))
        else:
            html.append(format_html('<p class="govuk-body">{}</p>', lines[0]))
    return mark_safe("".join(conditional_escape(part) for part in html))  # noqa: S308


@register.filter
def in_prose(things, attribute=None):
    """Names as a sentence lists them: "A, B and C"; each thing's `attribute` if given
    (such as an organisation's display_name), else the thing itself."""
    return names_in_prose(getattr(thing, attribute) if attribute else thing for thing in things)


@register.filter
def error_anchor(bound_field):
    """The id an error summary links to: the first option of radios and checkboxes, the
    day box of a date."""
    widget = bound_field.field.widget
    if isinstance(widget, MultiWidget):
        return f"{bound_field.auto_id}_0"
    input_type = getattr(widget, "input_type", None)
    if input_type == "radio" or (input_type == "checkbox" and widget.allow_multiple_selected):
        return f"id_{bound_field.html_name}_1"
    return bound_field.auto_id


class ScrollableNode(template.Node):
    def __init__(self, label, nodelist):
        self.label, self.nodelist = label, nodelist

    def render(self, context):
        return format_html(
            '<div class="hcag-table-scroll" role="region" aria-label="{}" tabindex="0">{}</div>',
            self.label.resolve(context),
            mark_safe(self.nodelist.render(context)),  # noqa: S308 - rendered, so escaped
        )


@register.tag
def scrollable(parser, token):
    """``{% scrollable "Name" %}<table>…</table>{% endscrollable %}``: a wide table in a
    named region that scrolls sideways on a narrow screen instead of the whole page, and
    that keyboard users can focus in order to scroll it."""
    try:
        _, label = token.split_contents()
    except ValueError:
        raise template.TemplateSyntaxError("scrollable takes one argument: a name") from None
    nodelist = parser.parse(("endscrollable",))
    parser.delete_first_token()
    return ScrollableNode(parser.compile_filter(label), nodelist)

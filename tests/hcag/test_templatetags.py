"""Template helpers shared by every app."""

from types import SimpleNamespace

from django.template import Context, Template


def render(source: str, **context) -> str:
    return Template("{% load hcag %}" + source).render(Context(context))


def test_names_read_as_a_sentence_lists_them():
    organisations = [SimpleNamespace(display_name=name) for name in ["CPS", "DBC", "VCAS"]]
    assert render('{{ leads|in_prose:"display_name" }}', leads=organisations) == (
        "CPS, DBC and VCAS"
    )
    assert render("{{ leads|in_prose }}", leads=["Durham Constabulary"]) == "Durham Constabulary"


def test_a_wide_table_scrolls_in_a_named_focusable_region():
    html = render("{% scrollable name %}<table></table>{% endscrollable %}", name="A & B")
    assert html == (
        '<div class="hcag-table-scroll" role="region" aria-label="A &amp; B" tabindex="0">'
        "<table></table></div>"
    )

"""Pages of long, annotated lists, read so that their cost is the page's, not the list's."""

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet


def page_of(queryset: QuerySet, number, per_page: int) -> Page:
    """The page `number` of the queryset (the last for one past the end, the first for
    anything else not a page, as Paginator.get_page does), its rows read in two steps: the
    ids of the page, in the queryset's order, then those rows alone. Sorting only ids lets
    the database leave out the joins and subqueries of annotations that neither filter
    nor sort, which it would otherwise work out for every row before keeping a page."""
    page = Paginator(queryset.values_list("pk", flat=True), per_page).get_page(number)
    ids = list(page.object_list)
    rows = queryset.in_bulk(ids)
    return Page([rows[pk] for pk in ids], page.number, page.paginator)

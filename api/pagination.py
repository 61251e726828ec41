"""Pages of the API's lists. A CSV answers the whole list at once (up to the largest
page), since Excel and Power BI read one answer, not a chain of pages."""

from rest_framework.pagination import PageNumberPagination


class ApiPagination(PageNumberPagination):
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 10_000

    def get_page_size(self, request):
        renderer = getattr(request, "accepted_renderer", None)
        if renderer is not None and renderer.format == "csv":
            return self.max_page_size
        return super().get_page_size(request)

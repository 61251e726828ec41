from django.contrib import admin

from reports.models import CommitteeReport, GeneratedReport


@admin.register(CommitteeReport)
class CommitteeReportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "plan", "title", "saved_by", "saved_at"]
    list_filter = ["plan"]
    search_fields = ["title", "committee", "purpose"]


@admin.register(GeneratedReport)
class GeneratedReportAdmin(admin.ModelAdmin):
    """A record of what was generated: kept as it was, never changed."""

    list_display = ["__str__", "plan", "format", "generated_by", "generated_at"]
    list_filter = ["plan", "format"]
    search_fields = ["document"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request)

from django.contrib import admin

from trends.models import Area, Count, Measure, StatisticsImport


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ["name", "partnership", "good_direction"]
    list_filter = ["partnership", "good_direction"]
    search_fields = ["name", "description"]
    filter_horizontal = ["objectives"]


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "partnership", "part_of"]
    list_filter = ["partnership"]
    list_select_related = ["partnership", "part_of"]
    search_fields = ["name"]


@admin.register(Count)
class CountAdmin(admin.ModelAdmin):
    list_display = ["measure", "area", "strand", "period_kind", "period_start", "value"]
    list_filter = ["measure__partnership", "measure", "area", "strand", "period_kind"]
    list_select_related = ["measure", "area", "strand"]
    search_fields = ["measure__name", "area__name", "source", "note"]
    raw_id_fields = ["imported_in"]
    date_hierarchy = "period_start"


@admin.register(StatisticsImport)
class StatisticsImportAdmin(admin.ModelAdmin):
    """A record of each file imported: kept as it was."""

    list_display = ["filename", "partnership", "imported_by", "imported_at", "rows", "replaced"]
    list_filter = ["partnership"]
    search_fields = ["filename"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request)

from django.contrib import admin

from security.models import SecurityEvent


@admin.register(SecurityEvent)
class SecurityEventAdmin(admin.ModelAdmin):
    """Read only: the log is append-only."""

    list_display = ["occurred_at", "kind", "outcome", "username", "address", "partnership"]
    list_filter = ["kind", "outcome"]
    search_fields = ["username", "address"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

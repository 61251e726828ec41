"""Personal API tokens in the Django admin: read only, and never the key's hash. Its
owner creates a token; an administrator may only revoke one that may have got out."""

from django.contrib import admin, messages

from api.models import ApiToken
from api.services import api_token_revoke

SHOWN = ["name", "person", "key_start", "created_at", "expires_on", "last_used_on", "revoked_at"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = [*SHOWN, "state"]
    list_filter = ["expires_on", "revoked_at"]
    list_select_related = ["person"]
    search_fields = ["name", "key_start", "person__username"]
    fields = SHOWN
    readonly_fields = SHOWN
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Revoked, never deleted, so that its refusals still name it.
        return False

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request, queryset):
        revoking = list(queryset.filter(revoked_at__isnull=True).select_related("person"))
        for token in revoking:
            api_token_revoke(token=token, revoked_by=request.user)
        self.message_user(request, f"{len(revoking)} token(s) revoked.", messages.SUCCESS)

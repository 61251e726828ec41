from django.contrib import admin

from reporting.models import NotificationSettings, SentReminder


@admin.register(NotificationSettings)
class NotificationSettingsAdmin(admin.ModelAdmin):
    list_display = ["person", "status_reviewed", "papers_added", "round_digest"]
    search_fields = ["person__username", "person__email"]


@admin.register(SentReminder)
class SentReminderAdmin(admin.ModelAdmin):
    list_display = ["person", "meeting", "kind", "sent_at"]
    list_filter = ["kind"]
    search_fields = ["person__username"]

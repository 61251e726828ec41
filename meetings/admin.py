from django.contrib import admin

from meetings.models import (
    AgendaItem,
    Attendance,
    ChairReview,
    Clause,
    Decision,
    Meeting,
    MeetingAction,
    Paper,
    ProjectGroup,
    Report,
    TermsOfReference,
)


class ClauseInline(admin.StackedInline):
    model = Clause
    extra = 0


@admin.register(TermsOfReference)
class TermsOfReferenceAdmin(admin.ModelAdmin):
    list_display = ["__str__", "partnership", "version", "status", "approved_on"]
    list_filter = ["partnership", "status"]
    search_fields = ["preamble", "clauses__body"]
    inlines = [ClauseInline]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ["position", "kind", "title", "workstream"]


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    autocomplete_fields = ["person"]


class DecisionInline(admin.TabularInline):
    model = Decision
    extra = 0


class MeetingActionInline(admin.TabularInline):
    model = MeetingAction
    extra = 0
    fields = ["description", "owner_person", "owner_organisation", "due_on", "status"]
    autocomplete_fields = ["owner_person"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "partnership", "kind", "date", "status", "minutes_approved_at"]
    list_filter = ["partnership", "kind", "status"]
    search_fields = ["title", "location", "summary"]
    date_hierarchy = "date"
    inlines = [AgendaItemInline, AttendanceInline, DecisionInline, MeetingActionInline]

    def save_model(self, request, obj, form, change):
        """A change here raises the version as the service's do: calendars take it as a
        new SEQUENCE, and an edit form opened before it is refused."""
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)


@admin.register(MeetingAction)
class MeetingActionAdmin(admin.ModelAdmin):
    list_display = ["description", "meeting", "owner", "due_on", "status"]
    list_filter = ["status", "meeting__partnership"]
    search_fields = ["description"]
    list_select_related = ["meeting", "owner_person", "owner_organisation"]
    autocomplete_fields = ["owner_person"]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["title", "partnership", "direction", "organisation", "date"]
    list_filter = ["partnership", "direction", "organisation"]
    search_fields = ["title", "summary"]
    date_hierarchy = "date"


@admin.register(ProjectGroup)
class ProjectGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "partnership", "status"]
    list_filter = ["partnership", "status"]
    search_fields = ["name", "remit"]
    filter_horizontal = ["members"]


class PaperInline(admin.TabularInline):
    model = Paper
    extra = 0
    fields = ["title", "document", "uploaded_by"]
    raw_id_fields = ["uploaded_by"]


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ["title", "meeting", "kind", "position"]
    list_filter = ["meeting__partnership", "kind"]
    search_fields = ["title"]
    inlines = [PaperInline]


@admin.register(Paper)
class PaperAdmin(admin.ModelAdmin):
    list_display = ["title", "agenda_item", "uploaded_by", "uploaded_at"]
    list_filter = ["agenda_item__meeting__partnership"]
    search_fields = ["title"]
    raw_id_fields = ["agenda_item", "uploaded_by"]


@admin.register(ChairReview)
class ChairReviewAdmin(admin.ModelAdmin):
    list_display = ["partnership", "held_on", "outcome", "chair"]
    list_filter = ["partnership", "outcome"]
    search_fields = ["chair__first_name", "chair__last_name", "notes"]
    autocomplete_fields = ["chair"]


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["person", "meeting", "organisation", "status"]
    list_filter = ["status", "organisation"]
    search_fields = ["person__first_name", "person__last_name"]
    autocomplete_fields = ["person"]


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["text", "meeting"]
    list_filter = ["meeting__partnership"]
    search_fields = ["text"]


@admin.register(Clause)
class ClauseAdmin(admin.ModelAdmin):
    list_display = ["__str__", "terms"]
    list_filter = ["terms__partnership"]
    search_fields = ["body"]

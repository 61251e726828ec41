from django import forms
from django.contrib import admin

from hcag.editing import version_claim
from workstreams.models import (
    Action,
    ActionPlan,
    Objective,
    Priority,
    ProgressSnapshot,
    ProgressUpdate,
    StatusReview,
    Workstream,
    WorkstreamSnapshot,
)

CHANGED_MEANWHILE = (
    "Someone changed this action after you opened this page, so it was not saved. Open the "
    "page again to see their change, then make yours."
)


class ActionAdminForm(forms.ModelForm):
    """Carries the version the action had when the page was opened, so that a save over a
    change made meanwhile, in the service or on another admin page, is refused."""

    opened_at_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Action
        fields = [
            "workstream",
            "parent",
            "label",
            "position",
            "text",
            "owner_organisation",
            "target_date",
            "strands",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opened_at_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self._edits_existing() and cleaned.get("opened_at_version") != self.instance.version:
            raise forms.ValidationError(CHANGED_MEANWHILE)
        return cleaned

    def save(self, commit=True):
        if self._edits_existing():
            version_claim(self.instance, self.cleaned_data["opened_at_version"])
        return super().save(commit)

    def _edits_existing(self) -> bool:
        edited = set(self.changed_data) - {"opened_at_version"}
        return self.instance.pk is not None and bool(edited)


class PriorityInline(admin.TabularInline):
    model = Priority
    extra = 0


class ObjectiveInline(admin.TabularInline):
    model = Objective
    extra = 0
    fields = ["label", "title", "priorities", "priorities_inferred"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if obj is not None:  # an objective serves priorities of its own plan
            formset.form.base_fields["priorities"].queryset = obj.priorities.all()
        return formset


@admin.register(ActionPlan)
class ActionPlanAdmin(admin.ModelAdmin):
    list_display = ["title", "partnership", "adopted_on"]
    list_filter = ["partnership"]
    search_fields = ["title", "partnership__name"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [PriorityInline, ObjectiveInline]


@admin.register(Priority)
class PriorityAdmin(admin.ModelAdmin):
    list_display = ["label", "title", "plan"]
    list_filter = ["plan"]
    search_fields = ["title"]


@admin.register(Objective)
class ObjectiveAdmin(admin.ModelAdmin):
    list_display = ["label", "title", "plan"]
    list_filter = ["plan", "priorities"]
    search_fields = ["title"]
    filter_horizontal = ["priorities"]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is not None:
            form.base_fields["priorities"].queryset = obj.plan.priorities.all()
        return form


class ActionInline(admin.TabularInline):
    model = Action
    form = ActionAdminForm
    extra = 0
    fields = [
        "label",
        "position",
        "text",
        "parent",
        "owner_organisation",
        "target_date",
        "opened_at_version",
    ]

    def get_queryset(self, request):
        """Each action followed by its sub-items, as the plan lists them."""
        return super().get_queryset(request).in_plan_order()

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if obj is not None:
            formset.form.base_fields["parent"].queryset = obj.actions.filter(parent__isnull=True)
        return formset


@admin.register(Workstream)
class WorkstreamAdmin(admin.ModelAdmin):
    list_display = ["letter", "title", "plan"]
    list_filter = ["plan", "lead_organisations", "objectives"]
    search_fields = ["title"]
    filter_horizontal = ["lead_organisations", "objectives"]
    inlines = [ActionInline]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is not None:  # a workstream supports objectives of its own plan
            form.base_fields["objectives"].queryset = obj.plan.objectives.all()
        return form


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    form = ActionAdminForm
    list_display = ["__str__", "workstream", "owner_organisation", "target_date"]
    list_filter = ["workstream__plan", "workstream", "owner_organisation", "strands"]
    search_fields = ["text", "label"]
    list_select_related = ["workstream", "parent", "owner_organisation"]
    filter_horizontal = ["strands"]
    raw_id_fields = ["parent"]


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(admin.ModelAdmin):
    """Updates are append-only: they can be added and read here, never changed or deleted."""

    list_display = ["action", "status", "percent_complete", "confidence", "as_at", "author"]
    list_filter = ["status", "confidence", "action__workstream__plan", "action__workstream"]
    search_fields = ["narrative", "action__text"]
    list_select_related = ["action__workstream", "action__parent", "author"]
    raw_id_fields = ["action", "author"]
    date_hierarchy = "as_at"

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(StatusReview)
class StatusReviewAdmin(admin.ModelAdmin):
    list_display = ["update", "outcome", "reviewer", "created_at"]
    list_filter = ["outcome", "update__action__workstream__plan"]
    search_fields = ["comment", "update__action__text"]
    list_select_related = ["update__action__workstream", "update__action__parent", "reviewer"]
    raw_id_fields = ["update", "reviewer"]


class SnapshotAdmin(admin.ModelAdmin):
    """Snapshots are worked out by the service (workstreams/snapshots.py): they can be read
    here, and deleted to be worked out again, never added or changed by hand."""

    list_display = ["status", "percent"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request)


@admin.register(ProgressSnapshot)
class ProgressSnapshotAdmin(SnapshotAdmin):
    list_display = ["action", "day", *SnapshotAdmin.list_display]
    list_filter = ["day", "status"]
    date_hierarchy = "day"
    search_fields = ["action__text"]
    list_select_related = ["action__workstream", "action__parent"]
    raw_id_fields = ["action"]


@admin.register(WorkstreamSnapshot)
class WorkstreamSnapshotAdmin(SnapshotAdmin):
    list_display = ["workstream", "month_end", *SnapshotAdmin.list_display]
    list_filter = ["month_end", "status"]
    date_hierarchy = "month_end"
    search_fields = ["workstream__title"]
    list_select_related = ["workstream"]
    raw_id_fields = ["workstream"]

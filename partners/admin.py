from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db import models

from partners.models import Invitation, Membership, Organisation, Partnership, Person, Strand


@admin.register(Strand)
class StrandAdmin(admin.ModelAdmin):
    """The strands are a fixed vocabulary: shown, never added or removed here."""

    list_display = ["code", "__str__", "position"]
    search_fields = ["code"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "retired_on"]
    list_filter = ["kind", "retired_on"]
    search_fields = ["name", "short_name"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Person)
class PersonAdmin(UserAdmin):
    list_display = ["username", "first_name", "last_name", "organisation", "email", "is_active"]
    list_filter = ["organisation", "is_active", "is_service_admin", "is_staff", "is_superuser"]
    search_fields = ["username", "first_name", "last_name", "email", "organisation__name"]
    list_select_related = ["organisation"]
    fieldsets = [
        *UserAdmin.fieldsets,
        ("Organisation", {"fields": ["organisation", "job_title"]}),
        ("Running the service", {"fields": ["is_service_admin"]}),
    ]
    add_fieldsets = [
        *UserAdmin.add_fieldsets,
        ("Person", {"fields": ["first_name", "last_name", "email", "organisation", "job_title"]}),
    ]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["person"]
    fields = ["person", "role", "strands", "started_on", "ended_on"]


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "formed_on"]
    list_filter = ["reports_to", "advised_by"]
    search_fields = ["name", "short_name", "purpose"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["reports_to", "advised_by"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["person", "partnership", "role", "started_on", "ended_on"]
    list_filter = ["partnership", "role", "strands"]
    search_fields = ["person__first_name", "person__last_name", "person__username"]
    list_select_related = ["person", "partnership"]
    autocomplete_fields = ["person"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Invitations are made, resent and withdrawn on a partnership's members page; here
    they are only read."""

    list_display = ["email", "partnership", "role", "created_at", "expires_at", "accepted_at"]
    list_filter = ["partnership", "role"]
    search_fields = ["email"]
    list_select_related = ["partnership"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

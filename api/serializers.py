"""What the API answers for each kind of object: flat rows, so that each list reads as a
table in Excel or Power BI as well as JSON."""

from rest_framework import serializers

from meetings.models import Meeting, MeetingAction
from partners.models import Partnership
from publishing.opendata import responsible_organisations
from trends.models import Measure
from workstreams.models import Action, ActionPlan, ProgressUpdate, StatusReview, Workstream

STATUSES = ProgressUpdate.Status.choices


class PartnershipSerializer(serializers.ModelSerializer):
    class Meta:
        model = Partnership
        fields = ["id", "name", "short_name", "slug", "formed_on"]


class PlanSerializer(serializers.ModelSerializer):
    partnership_name = serializers.CharField(source="partnership.name", read_only=True)

    class Meta:
        model = ActionPlan
        fields = [
            "id",
            "partnership",
            "partnership_name",
            "title",
            "slug",
            "description",
            "priorities_source",
            "adopted_on",
            "adopted_at",
        ]


class WorkstreamSerializer(serializers.ModelSerializer):
    lead_organisations = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")

    class Meta:
        model = Workstream
        fields = [
            "id",
            "plan",
            "letter",
            "title",
            "lead_organisations",
            "leads_as_written",
            "public",
            "retired_on",
        ]


class ActionSerializer(serializers.ModelSerializer):
    """An action or sub-item with its current progress: the status that stands (the
    chair's, when they revised the lead's), the lead's own, and the latest update's
    percentage and date; empty when it has no update yet."""

    reference = serializers.CharField(read_only=True)
    plan = serializers.IntegerField(source="workstream.plan_id", read_only=True)
    owner_organisation = serializers.CharField(
        source="owner_organisation.name", read_only=True, allow_null=True, default=None
    )
    named_owner = serializers.CharField(
        source="owner_person.get_full_name", read_only=True, allow_null=True, default=None
    )
    status = serializers.ChoiceField(
        source="latest_status", choices=STATUSES, read_only=True, allow_null=True
    )
    reported_status = serializers.ChoiceField(
        source="latest_reported_status", choices=STATUSES, read_only=True, allow_null=True
    )
    percent_complete = serializers.IntegerField(
        source="latest_percent", read_only=True, allow_null=True
    )
    as_at = serializers.DateField(source="latest_as_at", read_only=True, allow_null=True)
    latest_update = serializers.IntegerField(
        source="latest_update_id", read_only=True, allow_null=True
    )
    has_sub_items = serializers.BooleanField(read_only=True)

    class Meta:
        model = Action
        fields = [
            "id",
            "reference",
            "plan",
            "workstream",
            "parent",
            "label",
            "text",
            "owner_organisation",
            "named_owner",
            "start_date",
            "target_date",
            "retired_on",
            "public",
            "has_sub_items",
            "status",
            "reported_status",
            "percent_complete",
            "as_at",
            "latest_update",
        ]


class ProgressUpdateSerializer(serializers.ModelSerializer):
    """A lead's update: their status (`reported_status`), the one that stands after the
    chair's review (`status`) and that review's outcome (empty while awaiting review)."""

    action_reference = serializers.CharField(source="action.reference", read_only=True)
    author = serializers.CharField(source="author.get_full_name", read_only=True)
    status = serializers.ChoiceField(source="standing_status", choices=STATUSES, read_only=True)
    reported_status = serializers.ChoiceField(source="status", choices=STATUSES, read_only=True)
    review_outcome = serializers.ChoiceField(
        choices=StatusReview.Outcome.choices, read_only=True, allow_null=True
    )

    class Meta:
        model = ProgressUpdate
        fields = [
            "id",
            "action",
            "action_reference",
            "as_at",
            "status",
            "reported_status",
            "review_outcome",
            "percent_complete",
            "confidence",
            "narrative",
            "next_steps",
            "evidence_links",
            "may_be_published",
            "author",
            "created_at",
        ]


class MeetingSerializer(serializers.ModelSerializer):
    minutes_approved = serializers.SerializerMethodField()
    decisions = serializers.SlugRelatedField(many=True, read_only=True, slug_field="text")

    class Meta:
        model = Meeting
        fields = [
            "id",
            "partnership",
            "kind",
            "title",
            "date",
            "start_time",
            "end_time",
            "location",
            "status",
            "summary",
            "minutes_approved",
            "decisions",
        ]

    def get_minutes_approved(self, meeting) -> bool:
        return meeting.minutes_approved_at_id is not None


class MeetingActionSerializer(serializers.ModelSerializer):
    """An entry of the action log, with the meeting that asked for it."""

    partnership = serializers.IntegerField(source="meeting.partnership_id", read_only=True)
    meeting_date = serializers.DateField(source="meeting.date", read_only=True)
    owner = serializers.CharField(read_only=True)

    class Meta:
        model = MeetingAction
        fields = [
            "id",
            "partnership",
            "meeting",
            "meeting_date",
            "description",
            "owner",
            "due_on",
            "status",
            "closed_on",
        ]


class MeasureSerializer(serializers.ModelSerializer):
    class Meta:
        model = Measure
        fields = ["id", "partnership", "name", "slug", "description", "good_direction"]


class CountSerializer(serializers.Serializer):
    """A count; `value` is empty and `hidden` says so when the count is small, or would
    give a small one away, for anyone who may not see small numbers."""

    period = serializers.CharField()
    period_kind = serializers.CharField()
    period_start = serializers.DateField()
    area = serializers.CharField()
    strand = serializers.CharField(help_text="Empty for all strands.")
    value = serializers.IntegerField(allow_null=True)
    hidden = serializers.CharField()
    note = serializers.CharField()
    source = serializers.CharField()
    illustrative = serializers.BooleanField()


class PublicActionSerializer(serializers.Serializer):
    """An action or sub-item as the partnership's public page shows it: its status only
    once the chair confirmed it (empty until then), its narrative only when its author
    agreed to publish it, and organisations, never people."""

    id = serializers.IntegerField(source="action.pk")
    reference = serializers.CharField(source="action.reference")
    plan = serializers.IntegerField(source="plan.pk")
    plan_title = serializers.CharField(source="plan.title")
    workstream = serializers.CharField(source="workstream.letter")
    workstream_title = serializers.CharField(source="workstream.title")
    parent = serializers.IntegerField(source="action.parent_id", allow_null=True)
    text = serializers.CharField(source="action.text")
    responsible_organisations = serializers.SerializerMethodField()
    target_date = serializers.DateField(source="action.target_date", allow_null=True)
    status = serializers.ChoiceField(
        source="action.progress.status", choices=STATUSES, allow_null=True
    )
    percent_complete = serializers.SerializerMethodField()
    as_at = serializers.DateField(source="action.progress.as_at", allow_null=True)
    what_has_happened = serializers.CharField(source="action.published_narrative")

    def get_responsible_organisations(self, published) -> list[str]:
        return responsible_organisations(published.workstream, published.action)

    def get_percent_complete(self, published) -> int | None:
        progress = published.action.progress
        return progress.percent if progress.status else None

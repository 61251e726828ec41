"""The API lists' filters (django-filter), by id so that an unknown or unseen id
filters to nothing rather than telling the two apart."""

import django_filters

from meetings.models import Meeting, MeetingAction
from trends.models import Measure
from workstreams.models import Action, ActionPlan, ProgressUpdate, Workstream

Status = ProgressUpdate.Status


class PlanFilter(django_filters.FilterSet):
    partnership = django_filters.NumberFilter(field_name="partnership_id")

    class Meta:
        model = ActionPlan
        fields = ["partnership"]


class WorkstreamFilter(django_filters.FilterSet):
    plan = django_filters.NumberFilter(field_name="plan_id")
    partnership = django_filters.NumberFilter(field_name="plan__partnership_id")
    live = django_filters.BooleanFilter(field_name="retired_on", lookup_expr="isnull")

    class Meta:
        model = Workstream
        fields = ["plan", "partnership", "live"]


class ActionFilter(django_filters.FilterSet):
    plan = django_filters.NumberFilter(field_name="workstream__plan_id")
    workstream = django_filters.NumberFilter(field_name="workstream_id")
    owner_organisation = django_filters.NumberFilter(field_name="owner_organisation_id")
    status = django_filters.ChoiceFilter(field_name="latest_status", choices=Status.choices)
    live = django_filters.BooleanFilter(field_name="retired_on", lookup_expr="isnull")

    class Meta:
        model = Action
        fields = ["plan", "workstream", "owner_organisation", "status", "live"]


class ProgressUpdateFilter(django_filters.FilterSet):
    action = django_filters.NumberFilter(field_name="action_id")
    workstream = django_filters.NumberFilter(field_name="action__workstream_id")
    plan = django_filters.NumberFilter(field_name="action__workstream__plan_id")
    status = django_filters.ChoiceFilter(field_name="standing_status", choices=Status.choices)
    as_at_from = django_filters.DateFilter(field_name="as_at", lookup_expr="gte")
    as_at_to = django_filters.DateFilter(field_name="as_at", lookup_expr="lte")

    class Meta:
        model = ProgressUpdate
        fields = ["action", "workstream", "plan", "status", "as_at_from", "as_at_to"]


class MeetingFilter(django_filters.FilterSet):
    partnership = django_filters.NumberFilter(field_name="partnership_id")
    status = django_filters.ChoiceFilter(choices=Meeting.Status.choices)
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte")

    class Meta:
        model = Meeting
        fields = ["partnership", "status", "date_from", "date_to"]


class MeetingActionFilter(django_filters.FilterSet):
    partnership = django_filters.NumberFilter(field_name="meeting__partnership_id")
    meeting = django_filters.NumberFilter(field_name="meeting_id")
    status = django_filters.ChoiceFilter(choices=MeetingAction.Status.choices)

    class Meta:
        model = MeetingAction
        fields = ["partnership", "meeting", "status"]


class MeasureFilter(django_filters.FilterSet):
    partnership = django_filters.NumberFilter(field_name="partnership_id")

    class Meta:
        model = Measure
        fields = ["partnership"]

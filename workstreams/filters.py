"""Filters for lists of reportable actions and for the plan dashboard.

They filter querysets from selectors.reportable_actions(), whose annotations they rely on.
"""

import django_filters
from crispy_forms_gds.layout import Field
from django import forms

from hcag.forms import filter_form_helper
from partners.models import Organisation, Strand
from workstreams.models import Action, Objective, ProgressUpdate, Workstream
from workstreams.selectors import AT_RISK, CHALLENGED, NEEDS_ATTENTION

Status = ProgressUpdate.Status
NO_UPDATE_YET = "none"  # the status filter's value for actions with no update
STATUS_CHOICES = [*Status.choices, (NO_UPDATE_YET, "No update yet")]


class CheckboxFilter(django_filters.BooleanFilter):
    """A filter that applies only when its box is ticked (an unticked box means “any”)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.CheckboxInput)
        super().__init__(*args, **kwargs)

    def filter(self, queryset, value):
        return super().filter(queryset, True) if value else queryset


def filter_by_status(queryset, name, value):
    if value == NO_UPDATE_YET:
        return queryset.filter(latest_status__isnull=True)
    return queryset.filter(latest_status=value)


class MyActionsFilter(django_filters.FilterSet):
    workstream = django_filters.ModelChoiceFilter(
        queryset=Workstream.objects.none(), empty_label="All workstreams", label="Workstream"
    )
    status = django_filters.ChoiceFilter(
        label="Status", choices=STATUS_CHOICES, empty_label="Any status", method=filter_by_status
    )
    is_overdue = CheckboxFilter(label="Overdue")
    is_stale = CheckboxFilter(label="No update since the last meeting")
    at_risk = CheckboxFilter(label="At risk or off track", method="filter_at_risk")
    challenged = CheckboxFilter(label="Status challenged", method="filter_challenged")
    needs_attention = CheckboxFilter(label="Needs attention", method="filter_needs_attention")

    class Meta:
        model = Action
        fields = [
            "workstream",
            "status",
            "is_overdue",
            "is_stale",
            "at_risk",
            "challenged",
            "needs_attention",
        ]

    def __init__(self, *args, workstream_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["workstream"].queryset = workstream_choices
        self.form.helper = filter_form_helper(
            Field.select("workstream"),
            Field.select("status"),
            Field.checkbox("is_overdue", small=True),
            Field.checkbox("is_stale", small=True),
            Field.checkbox("at_risk", small=True),
            Field.checkbox("challenged", small=True),
            Field.checkbox("needs_attention", small=True),
            legend="Filter actions",
            button="Apply filters",
        )

    def filter_at_risk(self, queryset, name, value):
        return queryset.filter(AT_RISK) if value else queryset

    def filter_challenged(self, queryset, name, value):
        return queryset.filter(CHALLENGED) if value else queryset

    def filter_needs_attention(self, queryset, name, value):
        return queryset.filter(NEEDS_ATTENTION) if value else queryset


class DashboardFilter(django_filters.FilterSet):
    """What the dashboard counts: the actions of some lead organisation's workstreams, of
    one status, of the workstreams serving an objective, or concerning a strand."""

    lead_organisation = django_filters.ModelChoiceFilter(
        queryset=Organisation.objects.none(),
        empty_label="Any lead organisation",
        label="Lead organisation",
        method="filter_lead_organisation",
    )
    status = django_filters.ChoiceFilter(
        label="Status", choices=STATUS_CHOICES, empty_label="Any status", method=filter_by_status
    )
    objective = django_filters.ModelChoiceFilter(
        queryset=Objective.objects.none(),
        empty_label="Any objective",
        label="Objective",
        method="filter_objective",
    )
    strand = django_filters.ModelChoiceFilter(
        queryset=Strand.objects.all(),
        empty_label="Any strand",
        label="Strand",
        method="filter_strand",
    )

    legend = "What to count"

    class Meta:
        model = Action
        fields = ["lead_organisation", "status", "objective", "strand"]

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self._limit_choices_to(plan)
        self.form.helper = filter_form_helper(
            *self._layout_fields(), legend=self.legend, button="Apply filters"
        )

    def _limit_choices_to(self, plan):
        """Offer only the plan's own organisations and objectives (before the form exists)."""
        self.filters["lead_organisation"].queryset = Organisation.objects.filter(
            workstreams_led__plan=plan
        ).distinct()
        self.filters["objective"].queryset = plan.objectives.live()

    def _layout_fields(self):
        return [
            Field.select("lead_organisation"),
            Field.select("status"),
            Field.select("objective"),
            Field.select("strand"),
        ]

    def filter_lead_organisation(self, queryset, name, organisation):
        led = Workstream.objects.filter(lead_organisations=organisation)
        return queryset.filter(workstream__in=led)

    def filter_objective(self, queryset, name, objective):
        return queryset.filter(workstream__in=objective.workstreams.all())

    def filter_strand(self, queryset, name, strand):
        concerned = Action.objects.filter(strands=strand) | Action.objects.filter(
            parent__strands=strand
        )
        return queryset.filter(pk__in=concerned.values("pk"))


class PlanActionsFilter(DashboardFilter):
    """The plan's actions that a dashboard number counts."""

    workstream = django_filters.ModelChoiceFilter(
        queryset=Workstream.objects.none(), empty_label="All workstreams", label="Workstream"
    )
    is_overdue = CheckboxFilter(label="Overdue")
    is_stale = CheckboxFilter(label="No update since the last meeting")
    challenged = CheckboxFilter(label="Status challenged", method="filter_challenged")
    is_awaiting_review = CheckboxFilter(label="Status awaiting review")
    legend = "Filter actions"

    class Meta(DashboardFilter.Meta):
        fields = [*DashboardFilter.Meta.fields, "workstream", "is_overdue", "is_stale"]

    def filter_challenged(self, queryset, name, value):
        return queryset.filter(CHALLENGED) if value else queryset

    def _limit_choices_to(self, plan):
        super()._limit_choices_to(plan)
        self.filters["workstream"].queryset = plan.workstreams.live()

    def _layout_fields(self):
        return [
            Field.select("workstream"),
            *super()._layout_fields(),
            Field.checkbox("is_overdue", small=True),
            Field.checkbox("is_stale", small=True),
            Field.checkbox("challenged", small=True),
            Field.checkbox("is_awaiting_review", small=True),
        ]

"""Filters for lists of actions."""

import django_filters
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fieldset, Layout, Size, Submit
from django import forms

from workstreams.models import Action, ProgressUpdate, Workstream
from workstreams.selectors import NEEDS_ATTENTION

Status = ProgressUpdate.Status


class CheckboxFilter(django_filters.BooleanFilter):
    """A filter that applies only when its box is ticked (an unticked box means “any”)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.CheckboxInput)
        super().__init__(*args, **kwargs)

    def filter(self, queryset, value):
        return super().filter(queryset, True) if value else queryset


class MyActionsFilter(django_filters.FilterSet):
    NO_UPDATE = "none"

    workstream = django_filters.ModelChoiceFilter(
        queryset=Workstream.objects.none(), empty_label="All workstreams", label="Workstream"
    )
    status = django_filters.ChoiceFilter(
        field_name="latest_status",
        label="Status",
        choices=[*Status.choices, (NO_UPDATE, "No update yet")],
        empty_label="Any status",
        method="filter_status",
    )
    is_overdue = CheckboxFilter(label="Overdue")
    is_stale = CheckboxFilter(label="No update since the last meeting")
    needs_attention = CheckboxFilter(label="Needs attention", method="filter_needs_attention")

    class Meta:
        model = Action
        fields = ["workstream", "status", "is_overdue", "is_stale", "needs_attention"]

    def __init__(self, *args, workstream_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["workstream"].queryset = workstream_choices
        self.form.helper = FormHelper()
        self.form.helper.form_method = "get"
        self.form.helper.layout = Layout(
            Fieldset(
                Field.select("workstream"),
                Field.select("status"),
                Field.checkbox("is_overdue", small=True),
                Field.checkbox("is_stale", small=True),
                Field.checkbox("needs_attention", small=True),
                legend="Filter actions",
                legend_size=Size.MEDIUM,
            ),
            Submit("filter", "Apply filters", css_class="govuk-button--secondary"),
        )

    def filter_needs_attention(self, queryset, name, value):
        return queryset.filter(NEEDS_ATTENTION) if value else queryset

    def filter_status(self, queryset, name, value):
        if value == self.NO_UPDATE:
            return queryset.filter(latest_status__isnull=True)
        return queryset.filter(latest_status=value)

"""Filters for the security event log."""

import django_filters
from crispy_forms_gds.layout import Field

from hcag.forms import GovukDateField, filter_form_helper
from security.models import SecurityEvent


class DayFilter(django_filters.DateFilter):
    """A day in GOV.UK's date input."""

    field_class = GovukDateField


class SecurityEventFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        choices=SecurityEvent.Kind.choices, empty_label="Any kind", label="Kind"
    )
    outcome = django_filters.ChoiceFilter(
        choices=SecurityEvent.Outcome.choices, empty_label="Any outcome", label="Outcome"
    )
    username = django_filters.CharFilter(
        lookup_expr="iexact", label="Username or what was typed", max_length=254
    )
    address = django_filters.CharFilter(label="Address", max_length=45)
    since = DayFilter(
        field_name="occurred_at",
        lookup_expr="date__gte",
        label="From",
        label_text="first day",
    )
    until = DayFilter(
        field_name="occurred_at",
        lookup_expr="date__lte",
        label="To",
        label_text="last day",
    )

    class Meta:
        model = SecurityEvent
        fields = ["kind", "outcome", "username", "address", "since", "until"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.helper = filter_form_helper(
            Field.select("kind"),
            Field.select("outcome"),
            Field.text("username"),
            Field.text("address", field_width=20),
            Field("since"),
            Field("until"),
            legend="Filter events",
            button="Apply filters",
        )

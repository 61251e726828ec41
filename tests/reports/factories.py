"""Factories for the reports app's models."""

import datetime

import factory
from factory.django import DjangoModelFactory

from reports.models import CommitteeReport
from tests.factories import ActionPlanFactory


class CommitteeReportFactory(DjangoModelFactory):
    class Meta:
        model = CommitteeReport

    plan = factory.SubFactory(ActionPlanFactory)
    title = "Hate crime update"
    committee = "Scrutiny Committee"
    committee_date = datetime.date(2018, 9, 21)
    report_of = "A. Officer, Chief of Staff"
    purpose = "To update the committee."
    recommendations = "To note the report."

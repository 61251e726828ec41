"""The audit log read back in words: who changed which field from what to what."""

import re

import pytest
from auditlog.models import LogEntry

from hcag.audit import describe
from tests import factories

pytestmark = pytest.mark.django_db


def created_fields(instance) -> dict[str, str]:
    entry = LogEntry.objects.get_for_object(instance).get(action=LogEntry.Action.CREATE)
    return {change.field: change.new for change in describe([entry])[0].changes}


def test_a_new_update_lists_what_was_reported_not_bookkeeping(personas):
    action = factories.ActionFactory(workstream=personas.police_workstream)
    fields = created_fields(factories.ProgressUpdateFactory(action=action, percent_complete=40))
    assert fields["Percent complete"] == "40"
    assert "Created at" not in fields
    assert "Submission" not in fields


def test_times_read_as_times(personas):
    action = factories.ActionFactory(workstream=personas.police_workstream)
    review = factories.StatusReviewFactory(update=factories.ProgressUpdateFactory(action=action))
    assert re.fullmatch(
        r"\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2}", created_fields(review)["Created at"]
    )

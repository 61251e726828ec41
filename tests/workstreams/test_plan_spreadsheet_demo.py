"""The demo plan exported and imported again, in its own module: the demo is loaded
once per module, and other tests of the spreadsheet build their own partnership."""

import pytest

from tests.workstreams.test_plan_spreadsheet import as_read, exported
from workstreams.importing import plan_create_from_sheet
from workstreams.models import Action, ActionPlan
from workstreams.spreadsheet import plan_changes, read_plan_sheet

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("format", ["xlsx", "csv"])
def test_the_demo_plan_exported_and_imported_into_a_new_plan_is_the_same_plan(demo, format):
    plan = ActionPlan.objects.get(slug="durham-darlington-hate-crime-2018")
    sheet = read_plan_sheet(f"plan.{format}", exported(plan, format))
    copy = plan_create_from_sheet(
        partnership=plan.partnership, title="Copy", description="", sheet=sheet
    )
    assert as_read(copy) == as_read(plan)
    structure = [
        (a.workstream.letter, a.parent.label if a.parent else None, a.label)
        for a in Action.objects.live().filter(workstream__plan=plan).in_plan_order()
    ]
    assert structure == [
        (a.workstream.letter, a.parent.label if a.parent else None, a.label)
        for a in Action.objects.live().filter(workstream__plan=copy).in_plan_order()
    ]
    assert plan_changes(plan, sheet).changes == []

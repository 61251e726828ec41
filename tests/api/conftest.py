"""A second partnership beside the personas', whose objects must never reach them."""

from dataclasses import dataclass

import pytest

from tests import factories
from workstreams.models import Action, ProgressUpdate


@dataclass
class Plans:
    own_action: Action
    own_update: ProgressUpdate
    other_action: Action
    other_update: ProgressUpdate


@pytest.fixture
def plans(personas) -> Plans:
    own_action = factories.ActionFactory(workstream=personas.police_workstream)
    own_update = factories.ProgressUpdateFactory(
        action=own_action, author=personas.police_lead, narrative="Police progress"
    )
    other_partnership = factories.PartnershipFactory(name="Another Partnership")
    other_person = factories.PersonFactory(username="other.member")
    factories.MembershipFactory(partnership=other_partnership, person=other_person)
    other_workstream = factories.WorkstreamFactory(
        plan=factories.ActionPlanFactory(partnership=other_partnership, title="Other plan")
    )
    other_action = factories.ActionFactory(workstream=other_workstream, text="Secret action")
    other_update = factories.ProgressUpdateFactory(
        action=other_action, author=other_person, narrative="Other progress"
    )
    return Plans(own_action, own_update, other_action, other_update)

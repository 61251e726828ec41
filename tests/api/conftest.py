"""A second partnership beside the personas', whose objects must never reach them."""

from dataclasses import dataclass, field

import pytest

from tests import factories
from workstreams.models import Action, ProgressUpdate

LISTS = [
    "partnerships",
    "plans",
    "workstreams",
    "actions",
    "progress-updates",
    "meetings",
    "meeting-actions",
    "measures",
]


@dataclass
class Plans:
    own_action: Action
    own_update: ProgressUpdate
    other_action: Action
    other_update: ProgressUpdate
    # Per endpoint, the id of one object of the personas' partnership and one of the other.
    own: dict[str, int] = field(default_factory=dict)
    other: dict[str, int] = field(default_factory=dict)


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
    own_meeting = factories.MeetingFactory(partnership=personas.partnership)
    factories.DecisionFactory(meeting=own_meeting, text="Adopt the plan")
    own_logged = factories.MeetingActionFactory(
        meeting=own_meeting, owner_organisation=personas.police
    )
    other_meeting = factories.MeetingFactory(partnership=other_partnership)
    other_logged = factories.MeetingActionFactory(meeting=other_meeting)
    own_measure = factories.MeasureFactory(partnership=personas.partnership)
    other_measure = factories.MeasureFactory(partnership=other_partnership)
    own = {
        "partnerships": personas.partnership.pk,
        "plans": personas.plan.pk,
        "workstreams": personas.police_workstream.pk,
        "actions": own_action.pk,
        "progress-updates": own_update.pk,
        "meetings": own_meeting.pk,
        "meeting-actions": own_logged.pk,
        "measures": own_measure.pk,
    }
    other = {
        "partnerships": other_partnership.pk,
        "plans": other_workstream.plan_id,
        "workstreams": other_workstream.pk,
        "actions": other_action.pk,
        "progress-updates": other_update.pk,
        "meetings": other_meeting.pk,
        "meeting-actions": other_logged.pk,
        "measures": other_measure.pk,
    }
    return Plans(own_action, own_update, other_action, other_update, own, other)

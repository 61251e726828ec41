"""Who may change which action, and "my actions" agreeing with it."""

import datetime

import pytest

from partners.models import Membership
from tests import factories
from workstreams.selectors import actions_led_by

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2019, 1, 15)
CHANGE = "workstreams.change_action"
UPDATE = "workstreams.add_progressupdate"


@pytest.fixture
def actions(personas):
    police_action = factories.ActionFactory(workstream=personas.police_workstream, label="i")
    council_action = factories.ActionFactory(workstream=personas.council_workstream, label="i")
    owned_by_police = factories.ActionFactory(
        workstream=personas.council_workstream, label="ii", owner_organisation=personas.police
    )
    parent = factories.ActionFactory(
        workstream=personas.council_workstream, label="iii", owner_organisation=personas.police
    )
    sub_item = factories.SubItemFactory(parent=parent, label="a")
    return {
        "police": police_action,
        "council": council_action,
        "owned_by_police": owned_by_police,
        "parent": parent,
        "sub_item": sub_item,
    }


@pytest.mark.parametrize(
    ("persona", "may_change"),
    [
        ("secretariat", {"police", "council", "owned_by_police", "parent", "sub_item"}),
        ("chair", set()),
        ("police_lead", {"police", "owned_by_police", "parent", "sub_item"}),
        ("council_lead", {"council", "owned_by_police", "parent", "sub_item"}),
        ("community_member", set()),
        ("outsider", set()),
    ],
)
def test_who_may_change_and_update_which_action(personas, actions, persona, may_change):
    user = getattr(personas, persona)
    assert {name for name, action in actions.items() if user.has_perm(CHANGE, action)} == (
        may_change
    )
    assert {name for name, action in actions.items() if user.has_perm(UPDATE, action)} == (
        may_change
    )


@pytest.mark.parametrize(
    "role",
    [
        Membership.Role.CHAIR,
        Membership.Role.VICE_CHAIR,
        Membership.Role.ADVISER,
        Membership.Role.OBSERVER,
    ],
)
def test_only_members_report_for_their_organisation(personas, actions, role):
    """A chair, vice-chair, adviser or observer from the leading organisation reads only."""
    if role == Membership.Role.CHAIR:
        Membership.objects.filter(person=personas.chair).delete()
    police_officer = factories.PersonFactory(organisation=personas.police)
    factories.MembershipFactory(partnership=personas.partnership, person=police_officer, role=role)
    assert not police_officer.has_perm(UPDATE, actions["police"])
    assert not police_officer.has_perm(CHANGE, actions["police"])
    assert not actions_led_by(police_officer).exists()


def test_a_lead_of_another_partnership_has_no_say(personas, actions):
    other_police_officer = factories.PersonFactory(organisation=personas.police)
    factories.MembershipFactory(person=other_police_officer)  # elsewhere
    assert not other_police_officer.has_perm(UPDATE, actions["police"])
    assert not actions_led_by(other_police_officer).exists()


def test_a_lead_whose_membership_ended_loses_the_right(personas, actions):
    Membership.objects.filter(person=personas.police_lead).update(ended_on=TODAY)
    assert not personas.police_lead.has_perm(UPDATE, actions["police"])
    assert not actions_led_by(personas.police_lead).exists()


@pytest.mark.parametrize("persona", ["police_lead", "council_lead", "secretariat", "chair"])
def test_my_actions_are_exactly_the_updatable_actions_without_sub_items(personas, actions, persona):
    user = getattr(personas, persona)
    listed = set(actions_led_by(user).reportable())
    responsible = {
        action
        for action in actions.values()
        if action.pk != actions["parent"].pk
        and user.organisation_id in action.responsible_organisation_ids()
    }
    assert listed == responsible
    assert all(user.has_perm(UPDATE, action) for action in listed)


def test_the_secretariat_reports_for_its_own_organisation(personas, actions):
    """The commissioner's office leads workstreams too (A and E of the demo): its
    secretariat member's "Your actions" are that office's actions, as a member's would be."""
    commissioners = factories.WorkstreamFactory(
        plan=personas.plan, letter="A", lead_organisations=[personas.commissioner]
    )
    own = factories.ActionFactory(workstream=commissioners, label="i")
    assert set(actions_led_by(personas.secretariat)) == {own}
    assert personas.secretariat.has_perm(UPDATE, actions["police"]), "and may update any other"
    assert not actions_led_by(personas.chair).exists(), "the chair, of the same office, reviews"

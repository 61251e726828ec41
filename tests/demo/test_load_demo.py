"""The demonstration partnership is the seed report's group, word for word."""

import datetime
import io
import json

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.urls import reverse

from meetings.models import Meeting, TermsOfReference
from partners.models import Membership, Organisation, Partnership, Person, Strand
from tests import factories
from tests.conftest import load_demo
from tests.demo.seed import (
    SEED_ACTION_SAMPLE,
    SEED_ACTION_TEXTS,
    SEED_PARAGRAPH_2,
    SEED_PARAGRAPH_7,
    SEED_PARAGRAPH_8,
    SEED_PRIORITIES_SOURCE,
    SEED_WORKSTREAMS,
)
from workstreams.models import Action, ActionPlan, Workstream

pytestmark = pytest.mark.django_db


def dump():
    output = io.StringIO()
    call_command(
        "dumpdata",
        "partners",
        "workstreams",
        "meetings",
        exclude=["partners.strand"],
        stdout=output,
    )
    return json.loads(output.getvalue())


def test_a_second_run_changes_nothing(demo):
    before = dump()
    second = load_demo()
    assert "already loaded" in second
    assert dump() == before


def test_the_command_prints_progress_and_the_demo_accounts(demo):
    assert "Loading action plan" in demo
    for username in ["secretariat", "chair", "police.lead", "council.lead", "community.member"]:
        assert f"{username}-demo-2018" in demo
    assert "outsider-demo-2018" in demo


def test_a_service_administrator_can_sign_in_to_set_up_partnerships(client, demo):
    """`make run` is enough to create and staff a new partnership, without the admin."""
    assert "service.admin-demo-2018" in demo
    service_admin = Person.objects.get(username="service.admin")
    assert service_admin.is_service_admin
    assert not service_admin.is_staff
    assert not service_admin.memberships.exists()
    response = client.post(
        reverse("login"), {"login": "service.admin", "password": "service.admin-demo-2018"}
    )
    assert response["Location"] == reverse("mfa_authenticate"), "then their app's code"
    client.post(reverse("mfa_authenticate"), {"code": factories.totp_code(service_admin)})
    assert client.get(reverse("partners:partnership-create")).status_code == 200


def test_member_organisations_boards_and_advisory_groups(demo):
    partnership = Partnership.objects.get()
    member_organisations = set(
        Organisation.objects.filter(people__memberships__partnership=partnership)
        .exclude(kind=Organisation.Kind.ADVISORY_GROUP)
        .values_list("short_name", flat=True)
    )
    assert member_organisations == {"", "DCC", "DBC", "CPS", "VCAS", "ODPCVC", "LCJB"}
    police = Organisation.objects.get(name="Durham Constabulary")
    assert police.display_name == "Durham Constabulary", 'not "Led by Constabulary"'
    assert sorted(partnership.reports_to.values_list("name", flat=True)) == [
        "Darlington Community Safety Partnership",
        "Safe Durham Partnership",
    ]
    assert partnership.advised_by.count() == 3
    assert Organisation.objects.get(short_name="VCAS").name == "Victim Care and Advice Service"


def test_priorities_objectives_and_workstreams(demo):
    plan = ActionPlan.objects.get()
    assert list(plan.priorities.values_list("label", "title")) == [
        ("a", "Tackle and Reduce Hate Crime"),
        ("b", "Ensure that victims are supported at all stages of the criminal justice system"),
        ("c", "Safeguard vulnerable people"),
    ]
    assert list(plan.objectives.values_list("label", "title")) == [
        ("a", "Understand and reduce the true level of hate crimes and incidents"),
        ("b", "Increase reporting of hate incidents"),
        ("c", "Provide effective support for victims"),
        ("d", "Ensure effective prosecutions"),
    ]
    assert dict(plan.workstreams.values_list("letter", "title")) == SEED_WORKSTREAMS
    assert plan.workstreams.get(letter="A").lead_in == "The strategy will:"


def test_the_group_and_its_plan_describe_themselves_in_the_seeds_words(demo):
    assert Partnership.objects.get().purpose == SEED_PARAGRAPH_2
    plan = ActionPlan.objects.get()
    assert plan.description.splitlines() == [SEED_PARAGRAPH_7, SEED_PARAGRAPH_8]
    assert plan.priorities_source == SEED_PRIORITIES_SOURCE


def test_lead_organisations(demo):
    leads = {
        workstream.letter: sorted(o.name for o in workstream.lead_organisations.all())
        for workstream in Workstream.objects.all()
    }
    commissioner = "Office of the Durham Police, Crime and Victims' Commissioner"
    assert leads == {
        "A": [commissioner],
        "B": ["Durham Constabulary"],
        "C": ["Durham Constabulary"],
        "D": ["Crown Prosecution Service", "Darlington Borough Council"],
        "E": [commissioner],
    }


def test_actions_and_sub_items_keep_their_labels_order_and_words(demo):
    counts = {w.letter: w.actions.filter(parent=None).count() for w in Workstream.objects.all()}
    assert counts == {"A": 6, "B": 4, "C": 4, "D": 4, "E": 1}
    assert Action.objects.count() == 24
    audiences = Action.objects.get(workstream__letter="A", label="ii").sub_items.all()
    assert [(a.label, a.text) for a in audiences] == [
        ("a", "Victims"),
        ("b", "Offenders"),
        ("c", "Partner organisations"),
        ("d", "General public"),
        ("e", "Young people"),
    ]
    labels = Action.objects.filter(workstream__letter="A", parent=None).values_list("label")
    assert [label for (label,) in labels] == ["i", "ii", "iii", "iv", "v", "vi"]
    for letter, parent_label, label, text in SEED_ACTION_SAMPLE:
        action = Action.objects.get(
            workstream__letter=letter, parent__label=parent_label, label=label
        )
        assert action.text == text


def test_terms_of_reference(demo):
    terms = TermsOfReference.objects.get()
    assert terms.status == TermsOfReference.Status.CURRENT
    assert (terms.meetings_per_year, terms.chair_review_season) == (4, "spring")
    assert terms.preamble.endswith("Tackle and reduce hate crime")
    clauses = list(terms.clauses.all())
    assert [clause.number for clause in clauses] == [1, 2, 3, 4, 5, 6, 7]
    assert "- Victim Care and Advice Service (VCAS)" in clauses[1].body
    assert clauses[2].body.startswith("The Group will review and decide who its chair should be")
    assert clauses[6].body.endswith("covering: LGBTQ+, BME and Disability")


def test_held_and_scheduled_meetings(demo):
    held = Meeting.objects.filter(status=Meeting.Status.HELD)
    assert [(m.date, m.kind) for m in held] == [
        (datetime.date(2018, 7, 4), Meeting.Kind.CONFERENCE),
        (datetime.date(2018, 9, 10), Meeting.Kind.QUARTERLY),
    ]
    assert "Xcel Centre, Newton Aycliffe" in held[0].location
    assert [meeting.summary for meeting in held] == [SEED_PARAGRAPH_7, SEED_PARAGRAPH_8]
    scheduled = [m.date for m in Meeting.objects.filter(status=Meeting.Status.SCHEDULED)]
    today = datetime.date.today()
    assert len(scheduled) == 4
    assert scheduled == sorted(scheduled)
    assert all(today < date <= today + datetime.timedelta(days=366) for date in scheduled)
    assert {date.month for date in scheduled} == {3, 6, 9, 12}
    assert all(date.weekday() == 0 for date in scheduled), "meetings fall on Mondays"


def test_one_account_per_role(demo):
    roles = dict(
        Membership.objects.filter(person__username__in=["secretariat", "chair"]).values_list(
            "person__username", "role"
        )
    )
    assert roles == {"secretariat": "secretariat", "chair": "chair"}
    assert Person.objects.get(username="police.lead").organisation.name == "Durham Constabulary"
    assert Person.objects.get(username="council.lead").organisation.short_name == "DBC"
    community = Membership.objects.get(person__username="community.member")
    assert community.person.organisation is None
    assert community.strands.count() == 2
    assert not Person.objects.get(username="outsider").memberships.exists()
    for username in ["secretariat", "chair", "police.lead", "outsider"]:
        assert Person.objects.get(username=username).check_password(f"{username}-demo-2018")
    assert not Person.objects.get(username="helen.ward").has_usable_password()


def test_dumpdata_contains_every_word_of_the_action_plan(demo):
    output = io.StringIO()
    call_command("dumpdata", "workstreams", stdout=output)
    fields = [record["fields"] for record in json.loads(output.getvalue())]
    action_texts = [f["text"] for f in fields if "text" in f]
    titles = {f["title"] for f in fields if "title" in f}
    assert sorted(action_texts) == sorted(SEED_ACTION_TEXTS)
    assert set(SEED_WORKSTREAMS.values()) <= titles


def test_the_action_covering_every_protected_characteristic_concerns_every_strand(demo):
    action = Action.objects.get(workstream__letter="A", label="vi")
    assert set(action.strands.all()) == set(Strand.objects.all())


def test_the_history_names_who_reported_each_illustrative_update(demo):
    update = Action.objects.get(workstream__letter="B", label="ii").updates.get()
    entry = LogEntry.objects.get_for_object(update).get()
    assert entry.actor.username == "police.lead"


def test_each_demo_lead_may_change_exactly_their_organisations_actions(demo):
    """Durham Constabulary leads B and C; Darlington Borough Council co-leads D; the
    secretariat changes everything; the chair, the community member and the outsider
    only read."""
    actions = list(Action.objects.select_related("workstream__plan", "parent"))
    expected = {
        "secretariat": {action.pk for action in actions},
        "police.lead": {a.pk for a in actions if a.workstream.letter in "BC"},
        "council.lead": {a.pk for a in actions if a.workstream.letter == "D"},
        "chair": set(),
        "community.member": set(),
        "outsider": set(),
    }
    for username, may_change in expected.items():
        person = Person.objects.get(username=username)
        assert {
            a.pk for a in actions if person.has_perm("workstreams.add_progressupdate", a)
        } == may_change, username
        assert {
            a.pk for a in actions if person.has_perm("workstreams.change_action", a)
        } == may_change, username

"""Importing a plan from its text: who may, and the seed's outline saved as the demo plan."""

import pytest
from django.urls import reverse

from demo import data
from partners.models import Organisation
from tests.workstreams.test_outline import SEED_OUTLINE
from workstreams.models import ActionPlan

pytestmark = pytest.mark.django_db


def url(partnership):
    return reverse("workstreams:plan-import-outline", args=[partnership.slug])


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("secretariat", 200), ("chair", 403), ("police_lead", 403), ("outsider", 404)],
)
def test_only_the_secretariat_imports_a_plan(client, personas, persona, expected):
    client.force_login(getattr(personas, persona))
    before = ActionPlan.objects.count()
    post = client.post(url(personas.partnership), {"title": "New", "text": "A. One", "save": ""})
    assert client.get(url(personas.partnership)).status_code == expected
    assert post.status_code == expected
    assert ActionPlan.objects.count() == before


def test_the_seed_outline_is_saved_as_the_demo_plan_once_the_leads_are_chosen(client, personas):
    for name, short, kind in data.MEMBER_ORGANISATIONS:
        Organisation.objects.get_or_create(name=name, defaults={"short_name": short, "kind": kind})
    commissioner = Organisation.objects.get(name=data.COMMISSIONER)
    client.force_login(personas.secretariat)
    fields = {"title": "Plan from the report", "text": SEED_OUTLINE}
    preview = client.post(url(personas.partnership), {**fields, "check": ""})
    assert "Workstream E has no lead line" in preview.content.decode()
    choices = {"lead-A-0": commissioner.pk, "lead-E-missing": commissioner.pk}
    saved = client.post(url(personas.partnership), {**fields, **choices, "save": ""})
    plan = ActionPlan.objects.get(title="Plan from the report")
    assert saved.status_code == 302
    leads = {
        w.letter: (
            [o.name for o in w.lead_organisations.all()],
            w.leads_as_written,
            w.leads_inferred,
        )
        for w in plan.workstreams.all()
    }
    assert leads == {
        s["letter"]: (s["leads"], s.get("leads_as_written", ""), s.get("leads_inferred", False))
        for s in data.WORKSTREAMS
    }
    actions = plan.workstreams.get(letter="A").actions.filter(parent=None).order_by("position")
    assert [a.label for a in actions] == ["i", "ii", "iii", "iv", "v", "vi"]
    assert actions[1].sub_items.count() == 5


def test_a_plan_with_unplaced_lines_is_not_saved(client, personas):
    client.force_login(personas.secretariat)
    text = "A. One\na Before any action\nLead organisation: Nobody"
    response = client.post(
        url(personas.partnership), {"title": "Bad", "text": text, "lead-A-0": "new", "save": ""}
    )
    assert "Line 2" in response.content.decode()
    assert not ActionPlan.objects.filter(title="Bad").exists()

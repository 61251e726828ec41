"""The secretariat pastes the report's plan into a new plan, fixes a misspelt lead, saves
it, and the police lead finds workstreams B and C among their actions."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in
from tests.workstreams.test_outline import SEED_OUTLINE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", allow_without_debug=True, stdout=io.StringIO())


def test_the_secretariat_imports_the_seed_outline_and_the_police_lead_sees_it(
    page, demo, live_server
):
    sign_in(page, "secretariat", "secretariat-demo-2018")
    page.goto(
        live_server.url
        + reverse("workstreams:plan-import-outline", args=["durham-darlington-jhcag"])
    )
    assert_accessible(page)
    page.get_by_label("Title").fill("Plan pasted from the report")
    misspelt = SEED_OUTLINE.replace(
        "Lead organisation: Durham Constabulary\n\n- B",
        "Lead organisation: Durham Constabulary\n\n- B",
        1,
    ).replace(
        "Lead organisation: Durham Constabulary", "Lead organisation: Durham Constabullary", 1
    )
    page.get_by_label("The plan's text").fill(misspelt)
    page.get_by_role("button", name="Check the text").click()
    expect(page.get_by_text("Workstream E has no lead line")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Choose the organisation “Durham Constabullary” means").select_option(
        label="Durham Constabulary"
    )
    commissioner = "Office of the Durham Police, Crime and Victims' Commissioner"
    page.get_by_label(
        "Choose the organisation “Office of Police, Crime and Victims Commissioner” means"
    ).select_option(label=commissioner)
    page.get_by_label("Choose the lead organisation of workstream E").select_option(
        label=commissioner
    )
    page.get_by_role("button", name="Save the plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Plan pasted from the report")
    assert_accessible(page)

    page.context.clear_cookies()
    sign_in(page, "police.lead", "police.lead-demo-2018")
    page.goto(live_server.url + reverse("overview:my-actions"))
    new_plan_rows = page.get_by_role("row").filter(has_text="Plan pasted from the report")
    expect(new_plan_rows).to_have_count(8)  # B's four actions and C's four
    expect(new_plan_rows.filter(has_text="Map the sharing of intelligence")).to_have_count(1)

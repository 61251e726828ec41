"""The secretariat creates a plan in the browser, adds a workstream with two leads and
its actions, moves one, retires one and weighs the other, with every page checked by axe."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in
from workstreams.models import Action

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", allow_without_debug=True, stdout=io.StringIO())


def add_action(page, text):
    page.get_by_role("link", name="Add an action to workstream A").click()
    assert_accessible(page)
    page.get_by_label("What the action is").fill(text)
    page.get_by_role("button", name="Add the action").click()
    expect(page.get_by_text("has been added")).to_be_visible()


def test_the_secretariat_writes_a_plan_in_the_browser(page, demo, live_server):
    sign_in(page, "secretariat", "secretariat-demo-2018")
    page.goto(live_server.url + "/partnerships/durham-darlington-jhcag/")
    page.get_by_role("link", name="Who writes the action plan").click()
    assert_accessible(page)
    page.get_by_label("The chair and vice-chairs may write the action plan too").check()
    page.get_by_role("button", name="Save the setting").click()
    expect(page.get_by_text("Who writes the action plan has been saved.")).to_be_visible()
    page.get_by_role("link", name="Create an action plan").click()
    assert_accessible(page)
    page.get_by_label("Title").fill("Action plan 2019 to 2020")
    page.get_by_label("Day").fill("10")
    page.get_by_label("Month").fill("9")
    page.get_by_label("Year").fill("2019")
    page.get_by_label("The meeting that adopted it (optional)").fill("JHCAG, 10 September 2019")
    page.get_by_role("button", name="Create the plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Write the plan: Action plan 2019 to 2020"
    )
    assert_accessible(page)

    page.get_by_role("link", name="Add a workstream").click()
    assert_accessible(page)
    page.get_by_label("What the workstream is").fill("Improve the reporting of hate crime")
    page.get_by_label("Durham Constabulary").check()
    page.get_by_label("Darlington Borough Council").check()
    page.get_by_role("button", name="Add the workstream").click()
    expect(page.get_by_role("heading", name="Workstream A")).to_be_visible()
    leads = page.locator(".govuk-summary-list__row").filter(has_text="Lead organisations")
    expect(leads).to_contain_text("Durham Constabulary")
    expect(leads).to_contain_text("Darlington Borough Council")
    assert_accessible(page)

    add_action(page, "Map the third-party reporting centres")
    add_action(page, "Train the reporting centres' staff")
    # Keyboard only: the move button is reached and pressed without a mouse.
    move_down = page.get_by_role("button", name="Move down A.i")
    move_down.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Action A.i has been moved: it is now A.ii.")).to_be_visible()
    assert_accessible(page)
    first_row = page.get_by_role("row").filter(has_text="Train the reporting centres' staff")
    expect(first_row.get_by_role("cell").first).to_have_text("A.i")

    page.get_by_role("link", name="Retire A.i", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Retire action A.i?")
    assert_accessible(page)
    page.get_by_role("button", name="Retire action A.i").click()
    expect(page.get_by_text("Action A.i has been retired.")).to_be_visible()
    retired = page.get_by_role("row").filter(has_text="Train the reporting centres' staff")
    expect(retired.get_by_text("Retired")).to_be_visible()
    remaining = page.get_by_role("row").filter(has_text="Map the third-party reporting centres")
    expect(remaining.get_by_role("cell").first).to_have_text("A.i")
    assert_accessible(page)

    page.get_by_role("link", name="Change how progress rolls up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("How progress rolls up")
    assert_accessible(page)
    page.get_by_label("Yes: each percentage counts by the weight below").check()
    page.get_by_label("A.i Map the third-party reporting centres").fill("3")
    page.get_by_role("button", name="Save changes").click()
    expect(
        page.get_by_text("How progress rolls up has been saved (1 weight changed).")
    ).to_be_visible()
    expect(page.get_by_text("actions are weighted")).to_be_visible()
    page.get_by_role("link", name="Changes to the plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Changes to the plan")
    assert_accessible(page)
    assert (
        Action.objects.live().filter(workstream__plan__title="Action plan 2019 to 2020").count()
        == 1
    )

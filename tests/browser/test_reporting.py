"""Reporting rounds in the browser: a lead reports an action due from the home page, and
the secretariat moves a round's due date."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", allow_without_debug=True, stdout=io.StringIO())


def test_a_lead_reports_an_action_due_and_it_leaves_needs_your_attention(page, demo):
    sign_in(page, "police.lead", "police.lead-demo-2018")
    expect(page.get_by_role("heading", name="Needs your attention")).to_be_visible()
    assert_accessible(page)
    due = page.get_by_role("link", name="Update C.iv: Make recommendations")
    expect(due).to_be_visible()

    due.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Action C.iv")
    page.get_by_label("On track").check()
    page.get_by_label("Percentage complete").fill("10")
    page.get_by_label("High").check()
    page.get_by_role("button", name="Add update").click()
    expect(page.get_by_role("alert")).to_contain_text("Your update has been added.")

    page.goto("/")
    expect(page.get_by_role("heading", name="Needs your attention")).to_be_visible()
    expect(page.get_by_role("link", name="Update C.iv: Make recommendations")).to_have_count(0)
    expect(page.get_by_role("link", name="Update B.iii", exact=False)).to_be_visible()
    assert_accessible(page)


def test_the_secretariat_moves_a_rounds_due_date(page, demo):
    sign_in(page, "secretariat", "secretariat-demo-2018")
    page.get_by_role(
        "link", name=re.compile(r"^Durham Constabulary: \d+ of \d+ actions not reported yet")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reporting rounds")
    assert_accessible(page)

    page.get_by_role("link", name="Move the due date", exact=False).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("When updates are due")
    assert_accessible(page)
    page.get_by_label("Year").fill("1999")
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("1")
    page.get_by_role("button", name="Save due date").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The due date must be on or after")
    assert_accessible(page)

    page.get_by_label("Day").fill("")
    page.get_by_label("Month").fill("")
    page.get_by_label("Year").fill("")
    page.get_by_role("button", name="Save due date").click()
    expect(page.get_by_role("alert")).to_contain_text("are now due on the usual date")

"""A police lead reports progress on a workstream B action in the browser."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, assert_fits_a_narrow_screen, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", allow_without_debug=True, stdout=io.StringIO())


def test_the_police_lead_reports_progress_after_correcting_an_error(page, demo):
    sign_in(page, "police.lead", "police.lead-demo-2018")
    page.get_by_role("link", name="Your actions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your actions")
    assert_accessible(page)
    assert_fits_a_narrow_screen(page)

    page.get_by_label("Workstream").select_option(
        label="B. A review of reporting mechanisms and pathways"
    )
    page.get_by_role("button", name="Apply filters").click()
    page.get_by_role("link", name="B.ii Identify any gaps, and how they might be filled").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Action B.ii")

    page.get_by_label("At risk").check()
    page.get_by_label("Percentage complete").fill("20")
    page.get_by_label("Low").check()
    page.get_by_role("button", name="Add update").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Explain why the action is at risk")
    expect(summary).to_be_focused()
    # htmx swapped the section in place: the address is still the action's, and the
    # title announces the error as a full page would.
    expect(page).to_have_url(re.compile(r"/actions/\d+/$"))
    expect(page).to_have_title(re.compile(r"^Error: Action B\.ii"))
    assert_accessible(page)

    summary.get_by_role("link", name="Explain why the action is at risk").click()
    expect(page.get_by_label("What has happened")).to_be_focused()
    page.get_by_label("What has happened").fill("Third-party reporting centres have not replied.")
    page.get_by_role("button", name="Add update").click()

    expect(page.get_by_role("alert")).to_contain_text("Your update has been added.")
    timeline = page.locator(".hcag-timeline")
    expect(timeline).to_contain_text("Third-party reporting centres have not replied.")
    expect(timeline).to_contain_text("At risk")
    expect(timeline).to_contain_text("Priya Shah")
    expect(page.locator(".govuk-summary-list").first).to_contain_text("At risk")

    page.get_by_role("link", name="Changes to this action").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Changes to action B.ii")
    changes = page.get_by_role("main").locator("ol.govuk-list")
    expect(changes).to_contain_text("Priya Shah reported B.ii at risk, 20% complete")
    expect(changes).to_contain_text("Third-party reporting centres have not replied.")
    assert_accessible(page)
    assert_fits_a_narrow_screen(page)


def test_without_javascript_the_form_still_works(browser, live_server, demo):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    sign_in(page, "police.lead", "police.lead-demo-2018")
    page.goto("/my-actions/")
    page.get_by_role("link", name="C.iv Make recommendations").click()
    page.get_by_label("On track").check()
    page.get_by_label("Percentage complete").fill("10")
    page.get_by_label("High").check()
    page.get_by_role("button", name="Add update").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Your update has been added."
    )
    expect(page.locator(".hcag-timeline")).to_contain_text("On track")
    context.close()


def test_the_plan_page_and_workstream_page_are_accessible(page, demo):
    sign_in(page, "council.lead", "council.lead-demo-2018")
    page.goto("/plans/durham-darlington-hate-crime-2018/")
    page.get_by_role("link", name="Workstream D").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Workstream D")
    assert_accessible(page)
    page.get_by_role("link", name="Changes to this workstream and its actions").click()
    assert_accessible(page)


def test_the_secretariat_finds_the_actions_of_its_office(page, demo):
    sign_in(page, "secretariat", "secretariat-demo-2018")
    page.get_by_role("link", name="Your actions").click()
    expect(page.get_by_role("main")).to_contain_text(
        "These are the actions Office of the Durham Police, Crime and Victims' Commissioner is "
        "responsible for"
    )
    expect(page.get_by_role("link", name="E.i ODPCVC to carry out review")).to_be_visible()
    expect(page.get_by_role("link", name="A.ii.e Young people")).to_be_visible()
    assert_accessible(page)
    assert_fits_a_narrow_screen(page)

"""The secretariat checks what the demo publishes, signs out and reads the public page,
as a resident following a link from a council website would; and the page works without
JavaScript."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, assert_fits_a_narrow_screen, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PUBLIC_PAGE = "/p/durham-darlington-jhcag/"


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", allow_without_debug=True, stdout=io.StringIO())


def test_the_secretariat_checks_what_is_published_then_reads_it_signed_out(page, demo):
    sign_in(page, "secretariat", "secretariat-demo-2018")
    page.goto("/partnerships/durham-darlington-jhcag/")
    page.get_by_role("link", name="Choose what the partnership publishes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Publishing")
    expect(page.get_by_label("Publish the public page and open data")).to_be_checked()
    expect(page.get_by_label("Open Government Licence v3.0")).to_be_checked()
    assert_accessible(page)
    page.get_by_role("link", name="Change what is published of workstream C").click()
    expect(page.get_by_label("C.i Map the sharing of intelligence")).not_to_be_checked()
    expect(page.get_by_label("C.iii Identify good practice")).to_be_checked()
    assert_accessible(page)
    page.get_by_label("C.iii Identify good practice").uncheck()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("What is published of workstream C")
    page.get_by_role("button", name="Sign out", exact=True).click()

    page.goto(PUBLIC_PAGE)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "County Durham and Darlington Joint Hate Crime Action Group"
    )
    actions_b = page.get_by_role("table", name="Workstream B's actions")
    expect(actions_b.get_by_role("row", name="B.i Identify how hate crime")).to_contain_text(
        "On track 75% complete"
    )
    expect(actions_b).to_contain_text("Routes checked with the victim care service")
    actions_c = page.get_by_role("table", name="Workstream C's actions")
    expect(actions_c).not_to_contain_text("Map the sharing of intelligence")
    expect(actions_c).not_to_contain_text("Identify good practice")
    expect(actions_c).to_contain_text("Make recommendations")
    expect(page.get_by_text("Published under the Open Government Licence v3.0.")).to_be_visible()
    assert_accessible(page)
    assert_fits_a_narrow_screen(page)

    page.get_by_role("link", name="B.i", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Action B.i")
    assert_accessible(page)
    assert_fits_a_narrow_screen(page)


def test_the_public_page_works_without_javascript(browser, live_server, demo):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto(PUBLIC_PAGE)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Joint Hate Crime Action Group")
    page.get_by_role("link", name="Statistics", exact=True).click()
    expect(page.get_by_role("heading", name="Statistics", exact=True)).to_be_in_viewport()
    page.get_by_role("link", name="B.i", exact=True).click()
    expect(page.get_by_text("Routes checked with the victim care service")).to_be_visible()
    page.get_by_role("link", name="Back to County Durham").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Actions and their progress (CSV)").click()
    assert download.value.suggested_filename == "durham-darlington-jhcag-actions.csv"
    context.close()

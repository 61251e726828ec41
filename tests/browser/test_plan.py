"""A newcomer signs in as the chair and reads the Durham plan, members and terms."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, assert_fits_a_narrow_screen, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", allow_without_debug=True, stdout=io.StringIO())


def test_the_chair_reads_the_whole_plan(page, demo):
    sign_in(page, "chair", "chair-demo-2018")
    assert_accessible(page)

    page.get_by_role("link", name="Joint Hate Crime Action Plan", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Joint Hate Crime Action Plan")
    expect(page.get_by_role("heading", name="Workstream D")).to_be_visible()
    expect(
        page.get_by_text("Crown Prosecution Service and Darlington Borough Council")
    ).to_be_visible()
    expect(page.get_by_text("Include a Durham & Darlington brand / logo")).to_be_visible()
    assert_accessible(page)
    assert_fits_a_narrow_screen(page)

    page.get_by_role(
        "link", name="County Durham and Darlington Joint Hate Crime Action Group"
    ).click()
    expect(page.get_by_role("heading", name="Terms of reference")).to_be_visible()
    expect(page.get_by_text("Victim Care and Advice Service (VCAS)")).to_be_visible()
    assert_accessible(page)
    assert_fits_a_narrow_screen(page)


def test_public_and_error_pages_are_accessible(page, demo):
    page.goto("/sign-in/")
    assert_accessible(page)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    assert_accessible(page)
    page.get_by_role("link", name="Accessibility statement").click()
    assert_accessible(page)


def test_an_outsider_sees_no_partnership(page, demo):
    sign_in(page, "outsider", "outsider-demo-2018")
    expect(page.get_by_text("You are not a member of any partnership yet.")).to_be_visible()
    response = page.goto("/plans/durham-darlington-hate-crime-2018/")
    assert response.status == 404
    assert_accessible(page)

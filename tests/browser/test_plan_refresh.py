"""The secretariat starts next year's plan from the Durham plan in the browser."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", allow_without_debug=True, stdout=io.StringIO())


def test_the_secretariat_starts_next_year_s_plan(page, demo):
    sign_in(page, "secretariat", "secretariat-demo-2018")
    page.goto("/plans/durham-darlington-hate-crime-2018/")
    page.get_by_role("link", name="Start next year's plan from this one").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Start next year's plan from this one"
    )
    expect(page.get_by_text("will be brought forward")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Start the new plan").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter the new plan")
    assert_accessible(page)
    page.get_by_label("Title of the new plan").fill("Joint Hate Crime Action Plan 2027")
    page.get_by_role("button", name="Start the new plan").click()
    expect(page.get_by_role("alert")).to_contain_text("open actions brought forward")
    assert_accessible(page)
    page.goto("/plans/durham-darlington-hate-crime-2018/")
    expect(page.get_by_text("Superseded", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Joint Hate Crime Action Plan 2027")).to_be_visible()

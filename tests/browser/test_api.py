"""A member makes an API token on their account, copies it once, reads the actions
with it as Excel or Power BI would, and revokes it; the API's documentation page
renders under the strict CSP with its scripts from our own static files."""

import re

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_makes_uses_and_revokes_a_token(browser, page, live_server, personas):
    action = factories.ActionFactory(workstream=personas.police_workstream, text="Train staff")
    sign_in(page, "police.lead", factories.TEST_PASSWORD)

    page.goto("/account/")
    page.get_by_role("link", name="Manage your API tokens").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your API tokens")
    assert_accessible(page)
    page.get_by_role("button", name="Create a token").click()
    assert_accessible(page)
    page.get_by_label("What is it for?").fill("Power BI")
    page.get_by_role("button", name="Create token").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your new API token")
    assert_accessible(page)
    key = re.search(r"hcag_[\w-]+", page.locator("main").inner_text()).group(0)

    outside = browser.new_context(base_url=live_server.url)
    answer = outside.request.get(
        "/api/v1/actions/?format=csv", headers={"Authorization": f"Bearer {key}"}
    )
    assert answer.status == 200
    assert "Train staff" in answer.text()
    assert str(action.pk) in answer.text()

    page.goto("/account/api-tokens/")
    page.get_by_role("link", name="Revoke Power BI").click()
    assert_accessible(page)
    page.get_by_role("button", name="Revoke token").click()
    expect(page.get_by_text("Your token “Power BI” has been revoked")).to_be_visible()
    refused = outside.request.get("/api/v1/actions/", headers={"Authorization": f"Bearer {key}"})
    assert refused.status == 401
    outside.close()


def test_the_api_documentation_renders_under_the_csp(page):
    page.goto("/api/v1/docs/")

    expect(page.get_by_text("/api/v1/actions/", exact=True).first).to_be_visible()

"""A member makes an API token on their account, copies it once, reads the actions
with it as Excel or Power BI would, and revokes it; the API's documentation pages
(Swagger UI and Redoc) render under the strict CSP with their scripts from our own
static files, and Redoc passes axe."""

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


def test_the_api_reference_renders_under_the_csp_and_passes_axe(page, live_server):
    """Redoc starts with the nonce its styles need, fetches nothing from elsewhere
    (Redocly's logo included), and the page fixture fails on anything the CSP blocks.
    axe checks the page as it opens: once a group of its menu is open, Redoc nests the
    group's items inside the group's own menu item, whose visible text then holds theirs
    too, which axe's label-content-name-mismatch reports (Redoc's markup, not ours)."""
    elsewhere = []
    page.on(
        "request",
        lambda request: (
            None if request.url.startswith(live_server.url) else elsewhere.append(request.url)
        ),
    )

    page.goto("/api/v1/redoc/")

    expect(page.get_by_role("heading", name="Partnership action plans API")).to_be_visible()
    expect(page.get_by_text("/api/v1/actions/", exact=True).first).to_be_attached()
    assert_accessible(page)
    page.get_by_role("menuitem", name="actions", exact=True).click()
    page.get_by_role("menuitem", name="actions_list").click()
    expect(page).to_have_url(re.compile(r"#tag/actions/operation/actions_list$"))
    assert elsewhere == []

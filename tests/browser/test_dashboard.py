"""The chair reviews the plan before the next meeting."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, assert_fits_a_narrow_screen, sign_in
from workstreams.models import StatusReview

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", allow_without_debug=True, stdout=io.StringIO())


def test_the_chair_filters_the_dashboard_and_confirms_a_status_from_the_briefing(page, demo):
    sign_in(page, "chair", "chair-demo-2018")
    page.goto("/plans/durham-darlington-hate-crime-2018/")
    page.get_by_role("link", name="See where the plan stands: the dashboard").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Where the plan stands")
    assert_accessible(page)
    assert_fits_a_narrow_screen(page)

    page.get_by_text("Filter the plan").click()
    page.get_by_label("Lead organisation").select_option(label="Durham Constabulary")
    page.get_by_role("button", name="Apply filters").click()
    workstreams = page.get_by_role(
        "table", name="Each workstream's status and its actions by status"
    )
    expect(workstreams.get_by_role("link", name="Workstream B")).to_be_visible()
    expect(workstreams.get_by_role("link", name="Workstream C")).to_be_visible()
    expect(workstreams.get_by_role("link", name="Workstream A")).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("link", name="Chair's briefing for the next meeting").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Chair's briefing")
    expect(page.get_by_text("since the quarterly meeting on 10 September 2018")).to_be_visible()
    assert_accessible(page)
    assert_fits_a_narrow_screen(page)

    page.get_by_role("link", name="Confirm or challenge the status of action B.ii").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Review its status")
    expect(page.get_by_text("The video will follow the review")).to_have_count(0)
    assert_accessible(page)
    page.get_by_label("Give it a different status").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select the status you give it")
    assert_accessible(page)
    page.get_by_label("Confirm it").check()
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_role("alert")).to_contain_text("You confirmed the status of action B.ii.")
    expect(page.get_by_text("Action B.iv, workstream B")).to_be_visible()
    expect(page.get_by_text("The video will follow the review")).to_be_visible()
    page.get_by_role("link", name="Back").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Chair's briefing")
    b_ii = page.get_by_role("row", name="B.ii Identify any gaps")
    expect(b_ii).to_contain_text("Confirmed by Jordan Hale")
    assert StatusReview.objects.filter(update__action__label="ii", outcome="confirmed").exists()


def test_the_chair_confirms_every_status_a_list_shows_after_checking_them(page, demo):
    sign_in(page, "chair", "chair-demo-2018")
    page.goto("/plans/durham-darlington-hate-crime-2018/actions/?is_awaiting_review=on")
    awaiting = StatusReview.objects.count()
    page.get_by_role("button", name="Confirm the 9 statuses shown awaiting your review").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm 9 statuses?")
    assert StatusReview.objects.count() == awaiting, "nothing recorded before the second step"
    assert_accessible(page)
    assert_fits_a_narrow_screen(page)
    page.get_by_role("button", name="Confirm 9 statuses").click()
    expect(page.get_by_role("alert")).to_contain_text("You confirmed 9 statuses.")
    expect(page.get_by_text("No actions match these filters.")).to_be_visible()
    assert StatusReview.objects.count() == awaiting + 9

"""The secretariat updates the demo plan from a spreadsheet: a file with a problem is
refused with the problem named, the corrected file is previewed, then saved."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from hcag.spreadsheets import render_csv
from reports.selectors import SPREADSHEET_COLUMNS, plan_rows
from tests.browser.conftest import assert_accessible, sign_in
from workstreams.models import Action, ActionPlan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SLUG = "durham-darlington-hate-crime-2018"


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", allow_without_debug=True, stdout=io.StringIO())


def test_the_secretariat_updates_the_plan_from_its_spreadsheet(page, demo, live_server, tmp_path):
    rows = plan_rows(ActionPlan.objects.get(slug=SLUG))
    rows[0][2] = "A first action, reworded"
    bad = [list(row) for row in rows]
    bad[1][5] = "next spring"
    (tmp_path / "bad.csv").write_bytes(render_csv(SPREADSHEET_COLUMNS, bad))
    (tmp_path / "plan.csv").write_bytes(render_csv(SPREADSHEET_COLUMNS, rows))
    sign_in(page, "secretariat", "secretariat-demo-2018")
    page.goto(live_server.url + reverse("workstreams:plan-author", args=[SLUG]))
    page.get_by_role("link", name="Update the plan from a spreadsheet").click()
    assert_accessible(page)
    page.get_by_label("Spreadsheet of the plan").set_input_files(tmp_path / "bad.csv")
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page.locator("#problems")).to_contain_text("“next spring” is not a date")
    assert_accessible(page)
    page.get_by_label("Spreadsheet of the plan").set_input_files(tmp_path / "plan.csv")
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check what the file changes")
    expect(page.locator("#counts")).to_contain_text("Changed")
    assert_accessible(page)
    page.get_by_role("button", name="Update the plan").click()
    expect(
        page.get_by_text("The plan is updated: 0 added, 1 changed and 0 retired")
    ).to_be_visible()
    assert Action.objects.filter(text="A first action, reworded").exists()

"""The secretariat prepares, runs and minutes a meeting in the browser."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from meetings.models import Attendance, MeetingAction
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", allow_without_debug=True, stdout=io.StringIO())


def test_the_secretariat_runs_a_meeting_whose_action_reaches_the_next_agenda(page, demo):
    today = timezone.localdate()
    sign_in(page, "secretariat", "secretariat-demo-2018")
    page.goto("/partnerships/durham-darlington-jhcag/")
    page.get_by_role("link", name="All meetings, attendance and calendar").click()
    page.get_by_role("link", name="Add a meeting").click()
    page.get_by_label("Extraordinary meeting").check()
    page.get_by_label("Title (optional)").fill("Emergency review")
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    page.get_by_label("Start time").fill("14:00")
    page.get_by_label("End time").fill("15:30")
    page.get_by_role("button", name="Save meeting").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Emergency review")

    # An extraordinary meeting starts with no agenda: add two items, then swap them.
    for title in ["Community tensions", "Communications"]:
        page.get_by_label("Title of the item").fill(title)
        page.get_by_role("button", name="Add item").click()
        expect(page.get_by_role("alert")).to_contain_text(f"“{title}” has been added")
    page.get_by_role("button", name="Move up Communications").click()
    expect(page.get_by_role("alert")).to_contain_text("“Communications” has been moved.")
    items = page.locator(".hcag-agenda__item h3")
    expect(items.nth(0)).to_have_text("1. Communications")
    expect(items.nth(1)).to_have_text("2. Community tensions")
    assert_accessible(page)

    page.get_by_role("link", name="Record attendance").click()
    page.get_by_role("group", name="Jordan Hale").get_by_label("Present").check()
    page.get_by_role("group", name="Priya Shah").get_by_label("Sent apologies").check()
    page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_role("alert")).to_contain_text("Attendance has been recorded.")

    page.get_by_label("Agenda item").first.select_option(label="Community tensions")
    page.get_by_label("What was decided").fill("Issue a joint statement with the councils.")
    page.get_by_role("button", name="Add decision").click()
    expect(page.get_by_role("alert")).to_contain_text("The decision has been minuted.")
    page.get_by_label("What needs doing").fill("Draft the joint statement")
    page.get_by_label("Owner (organisation)").select_option(label="Durham County Council")
    page.get_by_label("The decision it follows from").select_option(
        label="Issue a joint statement with the councils."
    )
    page.get_by_role("button", name="Add action").click()
    expect(page.get_by_role("alert")).to_contain_text("The action has been added")
    expect(page.locator("#agenda")).to_be_visible()
    tensions = page.locator(".hcag-agenda__item", has_text="Community tensions")
    expect(tensions).to_contain_text("Issue a joint statement with the councils.")
    expect(tensions.get_by_role("table", name="Actions arising")).to_contain_text(
        "Draft the joint statement"
    )

    page.get_by_role("link", name="Minutes").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Minutes of the emergency review")
    expect(page.get_by_text("Draft the joint statement")).to_be_visible()
    assert_accessible(page)

    page.goto("/partnerships/durham-darlington-jhcag/meetings/")
    page.get_by_role("table").first.get_by_role("link").nth(1).click()
    action_log = page.get_by_role("table", name="Open actions from earlier meetings")
    expect(action_log).to_contain_text("Draft the joint statement")
    expect(action_log).to_contain_text("Durham County Council")
    assert_accessible(page)

    assert Attendance.objects.filter(status="present", person__username="chair").exists()
    assert MeetingAction.objects.filter(description="Draft the joint statement").exists()


def test_members_read_the_terms_of_reference(page, demo):
    sign_in(page, "community.member", "community.member-demo-2018")
    page.goto("/partnerships/durham-darlington-jhcag/")
    page.get_by_role("link", name="Terms of reference: every version").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Terms of reference")
    expect(page.get_by_text("The Group will meet four times a year")).to_be_visible()
    assert_accessible(page)

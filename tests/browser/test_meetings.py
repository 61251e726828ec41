"""The secretariat prepares, runs and minutes a meeting in the browser."""

import datetime
import io
import re

import pytest
from auditlog.context import set_actor
from django.core.management import call_command
from django.urls import reverse
from django.utils.formats import date_format
from playwright.sync_api import expect

from meetings import services
from meetings.models import Attendance, Meeting, MeetingAction, Paper, Report
from partners.models import Partnership, Person
from tests import factories
from tests.browser.conftest import assert_accessible, assert_fits_a_narrow_screen, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", allow_without_debug=True, stdout=io.StringIO())


def meeting_link(meeting):
    return f"{meeting.display_title} on {date_format(meeting.date)}"


def test_the_secretariat_schedules_a_year_and_runs_its_first_meeting(page, demo):
    """The secretariat schedules the next year's quarterly meetings, opens the first,
    reorders its standard agenda, records apologies and a decision with an action, and
    finds that action on the next meeting's agenda."""
    sign_in(page, "secretariat", "secretariat-demo-2018")
    page.goto("/partnerships/durham-darlington-jhcag/")
    page.get_by_role("link", name="All meetings, attendance and calendar").click()
    page.get_by_role("link", name="Schedule the next year's meetings").click()
    expect(page.get_by_role("group", name=re.compile(r"^Meeting \d$"))).to_have_count(4)
    already = set(Meeting.objects.values_list("pk", flat=True))
    page.get_by_role("button", name="Schedule these meetings").click()
    expect(page.get_by_role("alert")).to_contain_text("4 meetings scheduled, each with an agenda.")
    first, second, *_ = Meeting.objects.exclude(pk__in=already).order_by("date")

    page.get_by_role("link", name=meeting_link(first)).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Quarterly meeting")
    items = page.locator(".hcag-agenda__item h3")
    expect(items.last).to_have_text(re.compile(r"\d+\. Any other business"))
    page.get_by_role("button", name="Move up Reports to the partnership boards").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "“Reports to the partnership boards” has been moved."
    )
    titles = [title.split(". ", 1)[1] for title in items.all_inner_texts()]
    assert titles[-3:] == [
        "Reports to the partnership boards",
        "Reports from the advisory groups",
        "Any other business",
    ]
    assert_accessible(page)

    page.get_by_role("link", name="Record attendance").click()
    # The meeting is still to come: apologies are all there is to record yet.
    expect(page.get_by_role("group", name="Jordan Hale").get_by_label("Present")).to_have_count(0)
    page.get_by_role("group", name="Priya Shah").get_by_label("Sent apologies").check()
    page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_role("alert")).to_contain_text("Attendance has been recorded.")

    page.get_by_label("Agenda item").first.select_option(label="Any other business")
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
    other_business = page.locator(".hcag-agenda__item", has_text="Any other business")
    expect(other_business).to_contain_text("Issue a joint statement with the councils.")
    expect(other_business.get_by_role("table", name="Actions arising")).to_contain_text(
        "Draft the joint statement"
    )

    page.get_by_role("link", name="Minutes", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Minutes of the quarterly meeting")
    expect(page.get_by_text("Draft the joint statement")).to_be_visible()
    assert_accessible(page)

    page.goto("/partnerships/durham-darlington-jhcag/meetings/")
    page.get_by_role("link", name=meeting_link(second)).click()
    action_log = page.get_by_role("table", name="Open actions from earlier meetings")
    expect(action_log).to_contain_text("Draft the joint statement")
    expect(action_log).to_contain_text("Durham County Council")
    assert_accessible(page)

    page.goto("/partnerships/durham-darlington-jhcag/terms/")
    expect(page.get_by_role("button", name="Draft a new version")).to_be_visible()
    assert_accessible(page)

    assert Attendance.objects.filter(
        meeting=first, status="apologies", person__username="police.lead"
    ).exists()
    assert MeetingAction.objects.filter(
        meeting=first, description="Draft the joint statement"
    ).exists()


def test_members_read_the_terms_of_reference(page, demo):
    sign_in(page, "community.member", "community.member-demo-2018")
    page.goto("/partnerships/durham-darlington-jhcag/")
    page.get_by_role("link", name="Terms of reference: every version").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Terms of reference")
    expect(page.get_by_text("The Group will meet four times a year")).to_be_visible()
    assert_accessible(page)


def test_the_meetings_pages_fit_a_narrow_screen(page, demo):
    """At 320 pixels wide nothing scrolls sideways but the wide tables, each in a named
    region the keyboard can scroll; and axe passes."""
    partnership = Partnership.objects.get(slug="durham-darlington-jhcag")
    held = partnership.meetings.filter(status="held").latest("date")
    for direction, organisation in [
        (Report.Direction.RECEIVED, partnership.advised_by.first()),
        (Report.Direction.SUBMITTED, partnership.reports_to.first()),
    ]:
        report = factories.ReportFactory(
            partnership=partnership, direction=direction, organisation=organisation,
            meeting=held, title="Quarterly report on hate crime reporting routes",
            summary="Third-party reporting centres and what victims told us about them.",
        )  # fmt: skip
        factories.MeetingActionFactory(
            meeting=held, source_report=report, description="Reply to the report in writing"
        )
    sign_in(page, "secretariat", "secretariat-demo-2018")

    page.goto("/partnerships/durham-darlington-jhcag/meetings/")
    assert_fits_a_narrow_screen(page)
    page.get_by_role("link", name=meeting_link(held)).click()
    expect(page.get_by_role("region", name="Actions arising").first).to_be_visible()
    assert_fits_a_narrow_screen(page)
    page.get_by_role("link", name="Minutes", exact=True).click()
    assert_fits_a_narrow_screen(page)
    page.goto("/partnerships/durham-darlington-jhcag/reports/")
    expect(page.get_by_role("region", name="Submitted to the partnership boards")).to_be_visible()
    assert_fits_a_narrow_screen(page)

    page.goto("/partnerships/durham-darlington-jhcag/terms/")
    page.get_by_role("button", name="Draft a new version").click()
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("region", name="Clause by clause")).to_be_visible()
    assert_fits_a_narrow_screen(page)


def test_removing_an_agenda_item_asks_first_and_names_its_papers(page, demo):
    meeting = Meeting.objects.filter(status="scheduled").earliest("date")
    item = meeting.agenda_items.get(kind="other-business")
    factories.PaperFactory(agenda_item=item, title="Proposal for a joint statement")
    sign_in(page, "secretariat", "secretariat-demo-2018")
    page.goto(meeting.get_absolute_url())
    page.get_by_role("link", name="Remove Any other business").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Remove “Any other business” from the agenda?"
    )
    expect(page.get_by_text("Its paper will be deleted too")).to_be_visible()
    expect(page.get_by_role("link", name="Proposal for a joint statement")).to_be_visible()
    assert_fits_a_narrow_screen(page)
    page.get_by_role("button", name="Remove the item and delete its papers").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "“Any other business” has been removed from the agenda."
    )
    assert not Paper.objects.filter(title="Proposal for a joint statement").exists()


def test_the_chair_compares_the_briefing_with_another_meeting(page, demo):
    """The briefing compares with the previous ordinary meeting; the chair picks the
    conference instead, and the page says so."""
    meeting = Meeting.objects.filter(status="scheduled").earliest("date")
    sign_in(page, "chair", "chair-demo-2018")
    page.goto(reverse("meetings:briefing", args=[meeting.pk]))
    expect(
        page.get_by_text("What changed since the quarterly meeting on 10 September 2018")
    ).to_be_visible()
    page.get_by_label("Compare with").select_option(label="Hate Crime Conference, 4 July 2018")
    page.get_by_role("button", name="Compare").click()
    expect(
        page.get_by_text("What changed since the hate crime conference on 4 July 2018")
    ).to_be_visible()
    expect(
        page.get_by_text("The previous ordinary meeting was the quarterly meeting")
    ).to_be_visible()
    assert_accessible(page)


def test_approving_minutes_and_publishing_papers_ask_first(page, demo):
    """Each says what will happen and to whom before anything is done."""
    conference = Meeting.objects.get(kind="conference")
    sign_in(page, "secretariat", "secretariat-demo-2018")
    page.goto(reverse("meetings:minutes", args=[conference.pk]))
    page.get_by_label("Approved at").select_option(label="Quarterly meeting, 10 September 2018")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Approve the minutes of the hate crime conference on 4 July 2018 at the quarterly "
        "meeting on 10 September 2018?"
    )
    expect(
        page.get_by_role(
            "heading", name=re.compile(r"E-mail the approved minutes to these \d+ members")
        )
    ).to_be_visible()
    assert_accessible(page)
    assert not Meeting.objects.get(pk=conference.pk).minutes_are_approved
    page.get_by_role("button", name="Approve the minutes and e-mail the members").click()
    expect(page.get_by_role("alert")).to_contain_text("The minutes are approved.")
    assert Meeting.objects.get(pk=conference.pk).minutes_are_approved

    meeting = Meeting.objects.filter(status="scheduled").earliest("date")
    factories.PaperFactory(agenda_item=meeting.agenda_items.first(), title="Draft action log")
    page.goto(meeting.get_absolute_url())
    page.get_by_role("button", name="Publish the papers and e-mail the members").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Publish the papers and e-mail the members?"
    )
    expect(page.get_by_role("link", name="Draft action log")).to_be_visible()
    assert_accessible(page)
    assert Meeting.objects.get(pk=meeting.pk).papers_published_at is None
    page.get_by_role("button", name="Publish the papers and e-mail the members").click()
    expect(page.get_by_role("alert")).to_contain_text("The papers are published.")
    assert Meeting.objects.get(pk=meeting.pk).papers_published_at is not None


def test_a_past_meeting_awaits_its_record_and_its_times_are_gov_uk_inputs(page, demo):
    partnership = Partnership.objects.get(slug="durham-darlington-jhcag")
    past = factories.MeetingFactory(
        partnership=partnership, date=datetime.date.today() - datetime.timedelta(days=3)
    )
    sign_in(page, "secretariat", "secretariat-demo-2018")
    page.goto(past.get_absolute_url())
    expect(page.locator(".govuk-summary-list").get_by_text("Awaiting record")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Edit the meeting").click()
    start = page.get_by_label("Start time")
    expect(start).to_have_class("govuk-input govuk-input--width-5")
    expect(start).to_have_value("10:00")
    start.fill("ten")
    page.get_by_role("button", name="Save meeting").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter the start time as hours and minutes")
    expect(page.get_by_label("Start time")).to_have_class(re.compile("govuk-input--error"))
    assert_accessible(page)


def test_attendance_changed_meanwhile_is_shown_not_overwritten(page, demo):
    """The secretariat has the form open while the chair records a member present; the
    secretariat's save of that member is refused, saying who recorded what."""
    meeting = Meeting.objects.filter(status="held").latest("date")
    priya = Person.objects.get(username="police.lead")
    sign_in(page, "secretariat", "secretariat-demo-2018")
    page.goto(reverse("meetings:attendance", args=[meeting.pk]))
    chair = Person.objects.get(username="chair")
    with set_actor(chair):
        services.attendance_record(meeting=meeting, statuses={priya: "present"})
    page.get_by_role("group", name=re.compile("^Priya Shah")).get_by_label("Absent").check()
    page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Someone else changed the attendance of Priya Shah"
    )
    changes = page.get_by_role("table", name="What changed while you were editing")
    expect(changes).to_contain_text(str(chair))
    expect(changes).to_contain_text("Present")
    assert_accessible(page)
    assert Attendance.objects.get(meeting=meeting, person=priya).status == "present"

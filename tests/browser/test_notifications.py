"""Reminders and e-mail settings in the browser: the police lead follows the link in a
reminder e-mail, adds the update, and it leaves "Needs your attention"; the settings and
unsubscribe pages pass axe."""

import io
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from partners.models import Person
from reporting.models import Notification
from reporting.notifications import unsubscribe_url
from reporting.selectors import open_rounds
from reporting.services import reminders_send
from tests.browser.conftest import assert_accessible, sign_in
from tests.mail import delivered

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", allow_without_debug=True, stdout=io.StringIO())


def test_the_police_lead_follows_the_reminder_adds_the_update_and_it_leaves_attention(page, demo):
    lead = Person.objects.get(username="police.lead")
    (meeting_round,) = open_rounds(
        lead.memberships.values_list("partnership_id", flat=True), today=timezone.localdate()
    ).values()
    reminders_send(today=meeting_round.round.due_on)
    (reminder,) = [message for message in delivered() if message.to == [lead.email]]
    reference, url = re.search(
        r"^- ([A-Z][\w.]*): .*\n  (\S+)$", reminder.body, flags=re.MULTILINE
    ).groups()

    sign_in(page, "police.lead", "police.lead-demo-2018")
    due = page.get_by_role("link", name=re.compile(rf"^Update {re.escape(reference)}:"))
    expect(due).to_be_visible()
    page.goto(url.removeprefix(settings.SITE_URL))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Action {reference}")
    page.get_by_label("On track").check()
    page.get_by_label("Percentage complete").fill("10")
    page.get_by_label("High").check()
    page.get_by_role("button", name="Add update").click()
    expect(page.get_by_role("alert")).to_contain_text("Your update has been added.")

    page.goto("/")
    expect(page.get_by_role("heading", name="Needs your attention")).to_be_visible()
    expect(due).to_have_count(0)


def test_the_settings_and_unsubscribe_pages_are_accessible(page, demo):
    sign_in(page, "police.lead", "police.lead-demo-2018")
    page.goto("/account/")
    page.get_by_role("link", name="Change which e-mail you receive").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("E-mail you receive")
    assert_accessible(page)
    page.get_by_label(Notification.ROUND_DIGEST.label).uncheck()
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_role("alert")).to_contain_text("Your e-mail settings are saved.")

    lead = Person.objects.get(username="police.lead")
    page.goto(
        unsubscribe_url(person=lead, kind=Notification.PAPERS_ADDED).removeprefix(settings.SITE_URL)
    )
    assert_accessible(page)
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You are unsubscribed")
    assert_accessible(page)

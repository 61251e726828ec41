"""A new partnership is set up and staffed in the browser, without the Django admin: a
service administrator creates it and invites its secretariat, the secretariat accepts
from the e-mail and invites a lead, the lead accepts; when the secretariat ends the
lead's membership, the lead is shut out at once."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from partners.models import Membership
from tests import factories
from tests.browser.conftest import AXE, assert_accessible, set_up_authenticator_app, sign_in
from tests.mail import delivered

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-service-password"
INVITATION_LINK = re.compile(r"https?://[^\s]+(/invitations/[\w-]+/)")
NAME = "Darlington Domestic Abuse Partnership"


def link_in_latest_email(to: str) -> str:
    message = next(m for m in reversed(delivered()) if m.to == [to])
    return INVITATION_LINK.search(message.body).group(1)


def sign_out(page):
    page.get_by_role("button", name="Sign out", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")


def set_up_account(page, path, *, first_name, last_name, username, second_factor=False):
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up your account")
    assert_accessible(page)
    page.get_by_label("First name").fill(first_name)
    page.get_by_label("Last name").fill(last_name)
    page.get_by_label("Create a username").fill(username)
    page.get_by_label("Create a password").fill(PASSWORD)
    page.get_by_label("Confirm the password").fill(PASSWORD)
    page.get_by_role("button", name="Create your account and accept").click()
    if second_factor:
        expect(page.get_by_text("Your role needs two-factor sign-in")).to_be_visible()
        set_up_authenticator_app(page, PASSWORD)
        page.goto("/partnerships/darlington-domestic-abuse/")
    else:
        expect(page.get_by_role("alert")).to_contain_text(f"Welcome to {NAME}")
    expect(page.get_by_role("heading", level=1)).to_have_text(NAME)


@pytest.fixture
def register(transactional_db):
    factories.PersonFactory(username="service.admin", is_service_admin=True, password=PASSWORD)
    return {
        "commissioner": factories.OrganisationFactory(
            name="Office of the Durham Commissioner", kind="commissioner"
        ),
        "police": factories.OrganisationFactory(name="Durham Constabulary", kind="police"),
    }


@pytest.fixture
def second_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    context.add_init_script(path=str(AXE))
    yield context.new_page()
    context.close()


def test_a_partnership_is_created_and_staffed_in_the_browser(page, second_page, register):
    sign_in(page, "service.admin", PASSWORD)
    page.get_by_role("link", name="All partnerships").click()
    assert_accessible(page)
    page.get_by_role("button", name="Create a partnership").click()
    page.get_by_role("button", name="Create the partnership and send the invitation").click()
    expect(page.get_by_role("alert").first).to_contain_text("There is a problem")
    assert_accessible(page)
    page.get_by_label("Name", exact=True).fill(NAME)
    page.get_by_label("Short address").fill("darlington-domestic-abuse")
    page.get_by_label("Email address of its first secretariat member").fill("sam@example.org")
    page.get_by_label("Their organisation").select_option(label="Office of the Durham Commissioner")
    page.get_by_role("button", name="Create the partnership and send the invitation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Members")
    expect(page.get_by_text("An invitation has been sent to sam@example.org.")).to_be_visible()
    expect(page.get_by_role("cell", name="sam@example.org", exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Organisations", exact=True).click()
    assert_accessible(page)
    sign_out(page)

    set_up_account(
        page,
        link_in_latest_email("sam@example.org"),
        first_name="Sam",
        last_name="Patel",
        username="sam.patel",
        second_factor=True,
    )
    page.get_by_role("link", name="Manage the members and invitations").click()
    page.get_by_role("button", name="Invite someone").click()
    assert_accessible(page)
    page.get_by_label("Email address").fill("lee@example.org")
    page.get_by_label("Member", exact=True).check()
    page.get_by_label("Organisation").select_option(label="Durham Constabulary")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_text("An invitation has been sent to lee@example.org.")).to_be_visible()

    set_up_account(
        second_page,
        link_in_latest_email("lee@example.org"),
        first_name="Lee",
        last_name="Carter",
        username="lee.carter",
    )
    partnership_page = second_page.url

    page.reload()
    page.get_by_role("link", name="Lee Carter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lee Carter")
    assert_accessible(page)
    page.get_by_role("button", name="End the membership").click()
    today = timezone.localdate()
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    assert_accessible(page)
    page.get_by_role("button", name="End the membership").click()
    expect(page.get_by_role("alert")).to_contain_text("Lee Carter's membership has ended")
    assert not Membership.objects.current().filter(person__username="lee.carter").exists()

    response = second_page.goto(partnership_page)
    assert response.status == 404

    page.get_by_role("link", name="Your account").click()
    expect(page.get_by_role("heading", name=NAME)).to_be_visible()
    assert_accessible(page)


def test_the_password_pages_are_accessible(page, register):
    page.goto("/sign-in/")
    assert_accessible(page)
    page.get_by_role("link", name="Forgotten your password?").click()
    assert_accessible(page)
    page.get_by_label("Email address").fill("nobody@example.org")
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    assert_accessible(page)
    sign_in(page, "service.admin", PASSWORD)
    page.goto("/account/password/change/")
    assert_accessible(page)
    page.goto("/account/email/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Change your email address")
    assert_accessible(page)
    page.goto("/account/reauthenticate/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm it is you")
    assert_accessible(page)

"""What a person sees of the service's security: the warning before the idle timeout,
where they are signed in, and (for a service administrator) the security event log."""

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-service-password"


@pytest.fixture
def administrator(transactional_db):
    return factories.PersonFactory(
        username="service.admin", is_service_admin=True, password=PASSWORD
    )


def test_the_warning_before_the_timeout_keeps_the_person_signed_in(page, administrator, settings):
    settings.SESSION_IDLE_TIMEOUT_MINUTES = 1
    settings.SESSION_TIMEOUT_WARNING_SECONDS = 57
    sign_in(page, "service.admin", PASSWORD)
    page.goto("/account/")
    warning = page.get_by_role("dialog", name="You are about to be signed out")
    expect(warning).to_be_visible(timeout=10_000)
    expect(warning).to_contain_text("you will be signed out in")
    expect(page.get_by_role("button", name="Stay signed in")).to_be_focused()
    assert_accessible(page)
    page.get_by_role("button", name="Stay signed in").click()
    expect(warning).to_be_hidden()
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")


def test_escape_closes_the_warning_and_keeps_the_person_signed_in(page, administrator, settings):
    settings.SESSION_IDLE_TIMEOUT_MINUTES = 1
    settings.SESSION_TIMEOUT_WARNING_SECONDS = 57
    sign_in(page, "service.admin", PASSWORD)
    warning = page.get_by_role("dialog", name="You are about to be signed out")
    expect(warning).to_be_visible(timeout=10_000)
    page.keyboard.press("Escape")
    expect(warning).to_be_hidden()
    page.goto("/account/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")


def test_the_account_s_sessions_and_the_security_log_are_accessible(page, administrator):
    sign_in(page, "service.admin", PASSWORD)
    page.goto("/account/")
    expect(page.get_by_role("table", name="Browsers signed in")).to_contain_text("This browser")
    assert_accessible(page)
    page.get_by_role("link", name="Security log").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Security event log")
    expect(page.get_by_role("table")).to_contain_text("Sign-in")
    assert_accessible(page)
    page.get_by_label("Kind").select_option("Sign-in")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("table")).to_contain_text("service.admin")
    assert_accessible(page)

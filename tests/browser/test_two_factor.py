"""Two-factor sign-in in the browser: the demo's chair, made to set up an authenticator
app at their first sign-in, signs in again with the app's code and once with a recovery
code, or adds a security key instead (a virtual one, through the Chrome DevTools
Protocol) and signs in with it; a service administrator resets it. Every page on the way
passes axe."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from partners.models import Person
from tests.browser.conftest import (
    assert_accessible,
    enter_code,
    fresh_totp_code,
    set_up_authenticator_app,
    sign_in,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "chair-demo-2018"


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", allow_without_debug=True, stdout=io.StringIO())


def sign_in_with_password(page):
    page.goto("/sign-in/")
    page.get_by_label("Username").fill("chair")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def sign_out(page):
    page.get_by_role("button", name="Sign out", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")


def test_the_chair_sets_up_an_app_and_signs_in_with_it_and_with_a_recovery_code(page, demo):
    sign_in_with_password(page)
    expect(page.get_by_text("Your role needs two-factor sign-in")).to_be_visible()
    page.goto("/partnerships/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up an authenticator app")

    codes = set_up_authenticator_app(page, PASSWORD)

    assert len(codes) == 10
    page.get_by_role("link", name="Back to two-factor sign-in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Two-factor sign-in")
    assert_accessible(page)
    page.get_by_role("link", name="Make new ones").click()
    assert_accessible(page)
    page.get_by_role("link", name="Your account").click()
    expect(page.get_by_text("On: a code from your authenticator app")).to_be_visible()
    sign_out(page)

    chair = Person.objects.get(username="chair")
    sign_in_with_password(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your code")
    assert_accessible(page)
    enter_code(page, "000000")
    expect(page.get_by_role("alert").first).to_contain_text("There is a problem")
    assert_accessible(page)
    enter_code(page, fresh_totp_code(chair))
    page.wait_for_url(lambda url: "/two-factor/" not in url)
    expect(page.get_by_role("link", name="Your account")).to_be_visible()
    sign_out(page)

    sign_in_with_password(page)
    enter_code(page, codes[0])
    page.wait_for_url(lambda url: "/two-factor/" not in url)
    expect(page.get_by_role("link", name="Your account")).to_be_visible()
    sign_out(page)

    sign_in_with_password(page)
    enter_code(page, codes[0])
    expect(page.get_by_role("alert").first).to_contain_text("There is a problem")


def test_a_service_administrator_resets_the_chair_s_second_factor(page, demo):
    chair = Person.objects.get(username="chair")
    sign_in(page, "service.admin", "service.admin-demo-2018")
    page.goto(f"/account/people/{chair.pk}/two-factor/reset/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("two-factor sign-in")
    assert_accessible(page)
    page.get_by_role("button", name="Reset two-factor sign-in").click()
    expect(page.get_by_role("alert").first).to_contain_text("has been reset")


def test_the_chair_adds_a_security_key_instead_and_signs_in_with_it(page, demo):
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "usb",
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    sign_in_with_password(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up an authenticator app")
    page.get_by_role("link", name="Add a security key").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a security key")
    assert_accessible(page)
    page.get_by_label("Name of the key").fill("Blue USB key")
    page.get_by_role("button", name="Add the key").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your recovery codes")
    page.goto("/account/two-factor/webauthn/")
    expect(page.get_by_role("cell", name="Blue USB key", exact=True)).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    sign_in_with_password(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your code")
    assert_accessible(page)
    page.get_by_role("button", name="Use a security key").click()
    page.wait_for_url(lambda url: "/two-factor/" not in url)
    expect(page.get_by_role("link", name="Your account")).to_be_visible()

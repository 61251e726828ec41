"""Playwright on the system Chromium, with axe-core for accessibility checks.

Browser tests skip on a machine without Chromium, but never when CI is set.
"""

import os
import time
from pathlib import Path

import pyotp
import pytest
from allauth.mfa.models import Authenticator
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect, sync_playwright

from partners.models import Person
from partners.rules import needs_second_factor
from tests import factories

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"CI needs Chromium at {CHROMIUM} for the browser tests.")
        pytest.skip(f"No Chromium at {CHROMIUM}; install it with apt-get install chromium.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser tab on the live server. Fails the test on a console error (which
    includes anything the Content Security Policy blocks) or a missing asset; pages
    themselves may answer with an error status when a test expects one."""
    context = browser.new_context(base_url=live_server.url)
    # An init script is not subject to the page's Content Security Policy.
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    errors = []
    page.on("console", lambda message: _record_console_error(message, errors))
    page.on("response", lambda response: _record_missing_asset(response, errors))
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, f"The browser reported errors: {errors}"


def _record_console_error(message, errors):
    if message.type == "error" and not message.text.startswith("Failed to load resource"):
        errors.append(message.text)


def _record_missing_asset(response, errors):
    if response.status >= 400 and response.request.resource_type != "document":
        errors.append(f"{response.status} {response.url}")


def sign_in(page: Page, username: str, password: str):
    """Sign in, entering the authenticator app's code when asked. A person whose role
    needs two-factor sign-in is given an app first, as if they had set it up before."""
    person = Person.objects.get(username=username)
    if needs_second_factor(person):
        factories.second_factor_for(person)
    page.goto("/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    if Authenticator.objects.filter(user=person, type=Authenticator.Type.TOTP).exists():
        page.wait_for_url("**/two-factor/authenticate/")
        enter_code(page, fresh_totp_code(person))
        page.wait_for_url(lambda url: "/two-factor/" not in url)
    page.wait_for_url("**/")


def enter_code(page: Page, code: str):
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Sign in").click()


def set_up_authenticator_app(page: Page, password: str) -> list[str]:
    """On the page that asks a person to set up an authenticator app (after their
    password again, if they signed in long enough ago), do it as the app would, with the
    key the page shows; return the recovery codes it then lists."""
    if page.get_by_role("heading", name="Confirm it is you").is_visible():
        assert_accessible(page)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up an authenticator app")
    assert_accessible(page)
    key = page.locator("#authenticator-key").inner_text()
    page.get_by_label("Code from the app").fill(pyotp.TOTP(key).now())
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your recovery codes")
    assert_accessible(page)
    return (
        page.get_by_role("list", name="Recovery codes not used yet").locator("li").all_inner_texts()
    )


_codes_used: dict[int, str] = {}


def fresh_totp_code(person: Person) -> str:
    """The app's code now, or, if the person already used it (a code works once), the
    next one, once the app shows it."""
    code = factories.totp_code(person)
    if _codes_used.get(person.pk) == code:
        time.sleep(30 - time.time() % 30 + 0.5)
        code = factories.totp_code(person)
    _codes_used[person.pk] = code
    return code


AXE_RUN = """tags => axe.run(document, {
    runOnly: {type: "tag", values: tags},
    rules: {"target-size": {enabled: true}},
})"""


def assert_accessible(page: Page):
    """Run axe-core with the WCAG 2.2 A and AA rules, target size included."""
    page.wait_for_load_state("load")
    try:
        result = page.evaluate(AXE_RUN, WCAG_AA_TAGS)
    except PlaywrightError:
        # A click that navigates may still be unloading the old page when axe starts;
        # axe then runs on the page the click led to, once it has loaded.
        page.wait_for_load_state("load")
        result = page.evaluate(AXE_RUN, WCAG_AA_TAGS)
    violations = [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(str(node["target"]) for node in violation["nodes"][:5])
        for violation in result["violations"]
    ]
    assert not violations, f"axe found on {page.url}:\n" + "\n".join(violations)


NARROW = {"width": 320, "height": 800}


def assert_fits_a_narrow_screen(page: Page):
    """At 320 CSS pixels wide (WCAG 1.4.10, reflow), with every <details> open, the page
    does not scroll sideways (wide tables scroll within their own region) and passes axe."""
    size = page.viewport_size
    page.set_viewport_size(NARROW)
    page.evaluate(
        """() => document.querySelectorAll('details:not([open])').forEach(details => {
            details.open = true;
            details.dataset.openedToMeasure = "";
        })"""
    )
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= NARROW["width"], f"{page.url} is {width} pixels wide on a 320-pixel screen"
    assert_accessible(page)
    page.evaluate(
        """() => document.querySelectorAll('[data-opened-to-measure]').forEach(details => {
            details.open = false;
            delete details.dataset.openedToMeasure;
        })"""
    )
    page.set_viewport_size(size)

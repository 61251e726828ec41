"""The secretariat writes the next committee report and downloads it."""

import io

import pytest
from django.core.management import call_command
from docx import Document
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, assert_fits_a_narrow_screen, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", allow_without_debug=True, stdout=io.StringIO())


def test_the_secretariat_builds_a_report_and_downloads_the_docx(page, demo):
    sign_in(page, "secretariat", "secretariat-demo-2018")
    page.goto("/plans/durham-darlington-hate-crime-2018/")
    page.get_by_role("link", name="Committee reports and exports").click()
    assert_accessible(page)
    assert_fits_a_narrow_screen(page)
    page.get_by_role("link", name="Write a committee report").click()
    expect(page.get_by_label("Purpose of the report")).to_have_value(
        "To provide members of the Safer, Stronger Communities Overview and Scrutiny Committee "
        "with an update on the work of the Hate Crime Action Group (HCAG) for County Durham and "
        "Darlington."
    )
    assert_accessible(page)

    page.get_by_label("Recommendations").fill("")
    page.get_by_role("button", name="Save the report").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the recommendations")
    assert_accessible(page)

    page.get_by_label("Recommendations").fill(
        "The committee is recommended to support the action group's review of reporting routes."
    )
    page.get_by_role("button", name="Save the report").click()
    expect(page.get_by_role("alert")).to_contain_text("The report has been saved.")

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download as Word (.docx)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".docx")
    with open(download.path(), "rb") as docx:
        text = "\n".join(p.text for p in Document(docx).paragraphs)
    assert "support the action group's review of reporting routes" in text
    assert "Identify how hate crime be reported at present" in text

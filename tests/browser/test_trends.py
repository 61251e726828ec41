"""The secretariat imports next quarter's figures from a spreadsheet, fixing a bad row on
the way; a member reads the trends."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, assert_fits_a_narrow_screen, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

TRENDS = "/partnerships/durham-darlington-jhcag/trends/"
HEADER = "Period,Area,Strand,Measure,Count,Source\n"


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", allow_without_debug=True, stdout=io.StringIO())


def counts_file(rows: str) -> dict:
    return {"name": "next-quarter.csv", "mimeType": "text/csv", "buffer": (HEADER + rows).encode()}


def test_the_secretariat_fixes_a_bad_row_and_sees_the_chart(page, demo):
    sign_in(page, "secretariat", "secretariat-demo-2018")
    page.goto("/partnerships/durham-darlington-jhcag/")
    page.get_by_role("link", name="Hate-crime statistics and trends").click()
    assert_accessible(page)
    page.get_by_role("link", name="Import figures").click()
    assert_accessible(page)

    bad = (
        "2020/21 Q1,County Durham,All strands,Recorded hate crimes,190,Police\n"
        "2020/21 Q1,Darlington,All strands,Recorded hate crimes,thirty,Police\n"
    )
    page.get_by_label("File of counts").set_input_files(counts_file(bad))
    page.get_by_role("button", name="Import").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "The file has a problem, so nothing was imported"
    )
    problems = page.get_by_role("table", name="Problems in the file")
    expect(problems).to_contain_text("3")
    expect(problems).to_contain_text("Count")
    expect(problems).to_contain_text("“thirty” is not a number")
    assert_accessible(page)

    page.get_by_label("File of counts").set_input_files(counts_file(bad.replace("thirty", "30")))
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_role("alert")).to_contain_text("2 counts imported from next-quarter.csv.")

    page.get_by_role("link", name="Import figures").click()
    revised = bad.replace("thirty", "32")
    page.get_by_label("File of counts").set_input_files(counts_file(revised))
    page.get_by_role("button", name="Import").click()
    heading = page.get_by_role("heading", name="Replace 2 counts with next-quarter.csv?")
    expect(heading).to_be_visible()
    expect(page.get_by_role("table", name="Counts replaced")).to_contain_text("30")
    assert_accessible(page)
    page.get_by_role("button", name="Import and replace 2 counts").click()
    expect(page.get_by_role("alert")).to_contain_text("replacing 2 held before")
    page.get_by_role("link", name="Recorded hate crimes").first.click()
    expect(page.get_by_role("heading", name="Financial quarters")).to_be_visible()
    chart = page.get_by_role("img", name="Recorded hate crimes, all strands, quarters")
    expect(chart).to_be_visible()
    page.get_by_text("The chart's figures as a table").nth(1).click()
    # Only the opened table is shown, so it is the only one the browser finds.
    quarters = page.get_by_role("table", name="Recorded hate crimes, all strands, by area")
    expect(quarters).to_contain_text("2020/21 Q1")
    expect(quarters).to_contain_text("190")
    assert_accessible(page)


def test_a_member_reads_the_trends_with_small_numbers_hidden(page, demo):
    sign_in(page, "community.member", "community.member-demo-2018")
    page.goto(TRENDS)
    expect(page.get_by_text("Illustrative, not real: some figures")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Recorded hate crimes").first.click()
    expect(page.get_by_role("img", name="Recorded hate crimes, all strands, years")).to_be_visible()
    expect(page.get_by_text("fewer than 5").first).to_be_attached()
    assert_accessible(page)
    assert_fits_a_narrow_screen(page)
    expect(page.get_by_role("link", name="Import figures")).to_have_count(0)

"""The public page hides small numbers exactly as a member's pages do: the same code
decides, so the same tables come out."""

import datetime
import re

import pytest
from django.urls import reverse

from tests import factories
from tests.trends.conftest import Statistics
from tests.trends.test_pages import text_of
from trends.periods import MONTH, Period

pytestmark = pytest.mark.django_db

APRIL = Period(datetime.date(2019, 4, 1), MONTH)


def tables(html: str) -> dict[str, str]:
    """Each table on a page, by its caption."""
    found = re.findall(r"<table.*?<caption[^>]*>(.*?)</caption>.*?</table>", html, flags=re.S)
    blocks = re.findall(r"<table.*?</table>", html, flags=re.S)
    return dict(zip([caption.strip() for caption in found], blocks, strict=True))


@pytest.fixture
def small_table(published):
    """April to June 2019 in County Durham, by strand: race's April count is small, and
    religion's would give it away (12 - 9)."""
    statistics = Statistics(published.partnership)
    by_month = [(12, 3, 9), (20, 8, 12), (25, 10, 15)]
    for number, (everything, race, religion) in enumerate(by_month):
        start = APRIL.shifted(number).start
        for strand, value in ((None, everything), ("race", race), ("religion", religion)):
            factories.CountFactory(
                measure=statistics.crimes,
                area=statistics.durham,
                strand=factories.strand(strand) if strand else None,
                period_start=start,
                value=value,
            )
    return statistics


def test_a_small_table_is_hidden_on_the_public_page_as_for_a_member(
    client, personas, published, small_table
):
    public = client.get(reverse("publishing:public-page", args=[published.partnership.slug]))
    public_tables = tables(public.content.decode())
    caption = "Recorded hate crimes, County Durham, by strand"
    assert "April 2019 fewer than 5 withheld 12" in text_of(public)
    client.force_login(personas.community_member)
    member = client.get(small_table.crimes.get_absolute_url()).content.decode()
    member_tables = tables(member)
    shown = [name for name in public_tables if name.startswith("Recorded hate crimes")]
    assert caption in shown
    for name in shown:
        assert public_tables[name] == member_tables[name], name


def test_the_open_data_hides_the_same_counts(client, published, small_table):
    url = reverse("publishing:open-data-csv", args=[published.partnership.slug, "statistics"])
    text = client.get(url).content.decode("utf-8-sig")
    assert "Recorded hate crimes,April 2019,County Durham,Race,fewer than 5," in text
    assert "Recorded hate crimes,April 2019,County Durham,Religion or belief,withheld," in text
    assert "April 2019,County Durham,Race,3," not in text
    document = client.get(
        reverse("publishing:open-data-json", args=[published.partnership.slug])
    ).json()
    april_race = next(
        count
        for count in document["statistics"]["counts"]
        if count["period"] == "April 2019" and count["strand"] == "Race"
    )
    assert april_race["count"] is None
    assert april_race["hidden_as"] == "fewer than 5"

"""Measures and their counts through the API, small numbers hidden exactly as on the
measure's trend page for the same person: only the secretariat sees them."""

import datetime

import pytest

from tests import factories
from trends.periods import MONTH, QUARTER
from trends.selectors import measure_trends

pytestmark = pytest.mark.django_db


@pytest.fixture
def measure(personas):
    measure = factories.MeasureFactory(partnership=personas.partnership, name="Hate crimes")
    area = factories.AreaFactory(partnership=personas.partnership, name="Durham")
    for month, value in zip([4, 5, 6], [3, 13, 14], strict=True):
        factories.CountFactory(
            measure=measure,
            area=area,
            period_kind=MONTH,
            period_start=datetime.date(2019, month, 1),
            value=value,
        )
    factories.CountFactory(
        measure=measure,
        area=area,
        period_kind=QUARTER,
        period_start=datetime.date(2019, 4, 1),
        value=30,
    )
    return measure


def counts(client, measure) -> list[dict]:
    response = client.get(f"/api/v1/measures/{measure.pk}/counts/")
    assert response.status_code == 200
    return response.json()["results"]


@pytest.mark.parametrize(
    ("persona", "sees_small_numbers"),
    [
        ("secretariat", True),
        ("chair", False),
        ("police_lead", False),
        ("community_member", False),
    ],
)
def test_counts_are_hidden_as_on_the_trend_page(
    client, personas, measure, persona, sees_small_numbers
):
    client.force_login(getattr(personas, persona))
    page = measure_trends(measure, sees_small_numbers=sees_small_numbers)

    rows = counts(client, measure)

    hidden = [row for row in rows if row["value"] is None]
    assert len(hidden) == page.hidden
    assert all(row["hidden"] for row in hidden)
    assert (3 in [row["value"] for row in rows]) is sees_small_numbers


def test_a_member_never_gets_the_small_count_in_the_csv(client, personas, measure):
    client.force_login(personas.community_member)

    response = client.get(f"/api/v1/measures/{measure.pk}/counts/", {"format": "csv"})

    lines = response.content.decode("utf-8-sig").splitlines()
    assert len(lines) == 5
    assert not any(",3," in line for line in lines)


def test_another_partnerships_measure_is_not_found(client, personas, measure):
    client.force_login(personas.outsider)

    assert client.get("/api/v1/measures/").json()["results"] == []
    assert client.get(f"/api/v1/measures/{measure.pk}/counts/").status_code == 404


def test_nobody_signed_in_gets_401(client, measure):
    assert client.get(f"/api/v1/measures/{measure.pk}/counts/").status_code == 401


def test_counts_cost_a_fixed_number_of_queries(
    client, personas, measure, django_assert_max_num_queries
):
    client.force_login(personas.community_member)
    counts(client, measure)

    # 2 for the session and its person, 1 for the membership check of the rule, 1 for
    # the measure, 1 for its counts, 1 for the partnership (its threshold).
    with django_assert_max_num_queries(8):
        counts(client, measure)


def test_measures_are_listed(client, personas, measure):
    client.force_login(personas.chair)

    assert [row["name"] for row in client.get("/api/v1/measures/").json()["results"]] == [
        "Hate crimes"
    ]

"""`?format=csv` answers each list as a CSV table for Excel and Power BI, with cells that
could run as formulas neutralised as in every export."""

import csv
import io

import pytest

from tests import factories
from tests.api.conftest import LISTS

pytestmark = pytest.mark.django_db


def rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize("endpoint", LISTS)
def test_each_list_answers_as_csv(client, personas, plans, endpoint):
    client.force_login(personas.chair)

    response = client.get(f"/api/v1/{endpoint}/", {"format": "csv"})
    listed = client.get(f"/api/v1/{endpoint}/").json()["results"]

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert [int(row["id"]) for row in rows(response)] == [row["id"] for row in listed]
    assert "Secret action" not in response.content.decode("utf-8-sig")
    assert "Other progress" not in response.content.decode("utf-8-sig")


def test_the_actions_csv_has_their_status(client, personas, plans):
    client.force_login(personas.chair)

    (row,) = rows(client.get("/api/v1/actions/", {"format": "csv"}))

    assert row["reference"] == plans.own_action.reference
    assert row["status"] == "on-track"
    assert row["percent_complete"] == "25"


def test_a_cell_that_could_run_as_a_formula_is_neutralised(client, personas, plans):
    factories.ActionFactory(workstream=personas.council_workstream, text="=HYPERLINK(1)")
    client.force_login(personas.chair)

    texts = [row["text"] for row in rows(client.get("/api/v1/actions/", {"format": "csv"}))]

    assert "'=HYPERLINK(1)" in texts


def test_a_csv_holds_the_whole_list_not_one_page(client, personas, plans):
    for _ in range(120):
        factories.ActionFactory(workstream=personas.council_workstream)
    client.force_login(personas.chair)

    assert len(rows(client.get("/api/v1/actions/", {"format": "csv"}))) == 121
    assert len(client.get("/api/v1/actions/").json()["results"]) == 100


def test_an_empty_list_still_has_its_header_row(client, personas):
    client.force_login(personas.outsider)

    response = client.get("/api/v1/actions/", {"format": "csv"})

    assert response.content.decode("utf-8-sig").startswith("id,reference,")


def test_nobody_signed_in_gets_401_as_csv_too(client, personas):
    assert client.get("/api/v1/actions/", {"format": "csv"}).status_code == 401

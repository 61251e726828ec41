"""The API's anonymous view, `/api/v1/public/<slug>/actions/`: exactly the actions and
progress the partnership's public page publishes (publishing.selectors decides both),
to anyone, with no token; an action that is not public is 404 there, never a blank row."""

import csv
import io

import pytest
from django.urls import reverse

from security.models import SecurityEvent
from tests import factories
from tests.publishing.conftest import PRIVATE_WORDS, published  # noqa: F401
from tests.publishing.test_queries import grow

pytestmark = pytest.mark.django_db


def list_url(partnership) -> str:
    return f"/api/v1/public/{partnership.slug}/actions/"


def detail_url(action) -> str:
    return f"/api/v1/public/{action.workstream.plan.partnership.slug}/actions/{action.pk}/"


def by_reference(response) -> dict[str, dict]:
    return {row["reference"]: row for row in response.json()["results"]}


def test_anyone_lists_the_published_actions_as_the_open_data_does(client, published):  # noqa: F811
    listed = client.get(list_url(published.partnership))
    open_data = client.get(
        reverse("publishing:open-data-csv", args=[published.partnership.slug, "actions"])
    )

    assert listed.status_code == 200
    rows = csv.DictReader(io.StringIO(open_data.content.decode("utf-8-sig")))
    assert list(by_reference(listed)) == [row["Reference"] for row in rows]


def test_only_confirmed_progress_and_publishable_narratives_appear(client, published):  # noqa: F811
    rows = by_reference(client.get(list_url(published.partnership)))

    reported = rows[published.reported.reference]
    assert (reported["status"], reported["percent_complete"]) == ("on-track", 60)
    assert reported["what_has_happened"] == "Routes mapped with True Vision."
    assert reported["responsible_organisations"] == ["Test Constabulary"]
    assert rows[published.unpublishable.reference]["what_has_happened"] == ""
    awaiting = rows[published.awaiting.reference]
    assert (awaiting["status"], awaiting["percent_complete"]) == (None, None)
    assert rows[published.revised.reference]["status"] == "at-risk"


@pytest.mark.parametrize("answer_format", ["json", "csv"])
def test_nothing_private_or_personal_appears(client, personas, published, answer_format):  # noqa: F811
    text = client.get(list_url(published.partnership), {"format": answer_format}).content.decode(
        "utf-8-sig"
    )

    for words in PRIVATE_WORDS:
        assert words not in text
    for person in [*personas.members, personas.outsider]:
        assert person.last_name not in text
        assert person.username not in text


def test_a_public_action_is_found(client, published):  # noqa: F811
    response = client.get(detail_url(published.public_sub_item))

    assert response.status_code == 200
    assert response.json()["reference"] == published.public_sub_item.reference
    assert response.json()["parent"] == published.parent.pk


@pytest.mark.parametrize("kind", ["private", "private_sub_item", "in_private_workstream"])
def test_an_action_not_public_is_not_found(client, published, kind):  # noqa: F811
    assert client.get(detail_url(getattr(published, kind))).status_code == 404


def test_another_partnerships_action_is_not_found_under_this_one(client, published):  # noqa: F811
    elsewhere = factories.PartnershipFactory(name="Elsewhere", public_page=True)
    theirs = factories.ActionFactory(
        workstream=factories.WorkstreamFactory(
            plan=factories.ActionPlanFactory(partnership=elsewhere)
        )
    )

    url = f"/api/v1/public/{published.partnership.slug}/actions/{theirs.pk}/"
    assert client.get(url).status_code == 404
    assert client.get(detail_url(theirs)).status_code == 200


def test_a_partnership_that_publishes_nothing_is_not_found(client, published):  # noqa: F811
    published.partnership.public_page = False
    published.partnership.save()

    assert client.get(list_url(published.partnership)).status_code == 404
    assert client.get(detail_url(published.reported)).status_code == 404


def test_a_token_is_neither_needed_nor_checked(client, published):  # noqa: F811
    response = client.get(
        list_url(published.partnership), HTTP_AUTHORIZATION="Bearer hcag_not_a_token"
    )

    assert response.status_code == 200
    assert not SecurityEvent.objects.filter(kind=SecurityEvent.Kind.API_TOKEN_REFUSED).exists()


def test_it_never_writes(client, published):  # noqa: F811
    assert client.post(list_url(published.partnership), {}).status_code == 405
    assert client.delete(detail_url(published.reported)).status_code == 405


@pytest.mark.parametrize("actions", [1, 20])
def test_the_list_costs_a_fixed_number_of_queries(
    client,
    personas,
    published,  # noqa: F811
    actions,
    django_assert_max_num_queries,
):
    grow(published, personas, actions)

    # 1 the partnership, 2 the workstreams and their leads, 1 the actions with their
    # latest published update, 1 those updates, 1 the plans.
    with django_assert_max_num_queries(6):
        response = client.get(list_url(published.partnership), {"format": "csv"})

    assert response.status_code == 200

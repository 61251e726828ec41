"""Every view that changes a partnership's statistics, or serves the secretariat alone,
for every persona: the secretariat may; the partnership's other members are refused;
outsiders are not told the partnership exists; the signed-out are sent to sign in."""

import pytest
from django.urls import reverse

from trends.models import Count

from .test_managing import GOOD_ROWS, upload

pytestmark = pytest.mark.django_db

MEMBERS_REFUSED = ["chair", "police_lead", "council_lead", "community_member"]

# (URL name, its arguments besides the partnership, method, data the secretariat's
# request succeeds with)
VIEWS = [
    ("import", {}, "get", None),
    ("import", {}, "post", lambda: {"file": upload(GOOD_ROWS)}),
    ("template", {"layout": "wide", "format": "xlsx"}, "get", None),
    ("measure-add", {}, "get", None),
    ("measure-add", {}, "post", lambda: {"name": "Prosecutions", "good_direction": "up"}),
    ("measure-edit", {"measure": "recorded-hate-crimes"}, "get", None),
    (
        "measure-edit",
        {"measure": "recorded-hate-crimes"},
        "post",
        lambda: {"name": "Hate crimes recorded", "good_direction": "down"},
    ),
    ("usual-measures-add", {}, "post", dict),
    ("area-add", {}, "get", None),
    ("area-add", {}, "post", lambda: {"name": "Sedgefield"}),
    ("area-edit", {"pk": "durham"}, "get", None),
    ("area-edit", {"pk": "durham"}, "post", lambda: {"name": "Durham"}),
    ("small-numbers", {}, "get", None),
    ("small-numbers", {}, "post", lambda: {"small_number_threshold": "3"}),
]
IDS = [f"{method} {name}" for name, _, method, _ in VIEWS]


def request(client, personas, statistics, view):
    name, kwargs, method, data = view
    if "pk" in kwargs:  # an area of the statistics fixture, by its attribute's name
        kwargs = {"pk": getattr(statistics, kwargs["pk"]).pk}
    url = reverse(f"trends:{name}", kwargs={"slug": personas.partnership.slug, **kwargs})
    if method == "get":
        return client.get(url)
    return client.post(url, data())


def statistics_state(partnership) -> tuple:
    """Everything the views could change."""
    partnership.refresh_from_db()
    return (
        sorted(partnership.measures.values_list("name", "good_direction")),
        sorted(partnership.areas.values_list("name", flat=True)),
        partnership.small_number_threshold,
        Count.objects.count(),
        partnership.statistics_imports.count(),
    )


@pytest.mark.parametrize("view", VIEWS, ids=IDS)
def test_the_secretariat_may(client, personas, statistics, view):
    client.force_login(personas.secretariat)
    before = statistics_state(personas.partnership)
    response = request(client, personas, statistics, view)
    if view[2] == "get":
        assert response.status_code == 200
    else:
        assert response.status_code == 302, "saved and sent on"
        assert statistics_state(personas.partnership) != before


@pytest.mark.parametrize("view", VIEWS, ids=IDS)
@pytest.mark.parametrize("persona", MEMBERS_REFUSED)
def test_other_members_are_refused(client, personas, statistics, view, persona):
    client.force_login(getattr(personas, persona))
    before = statistics_state(personas.partnership)
    assert request(client, personas, statistics, view).status_code == 403
    assert statistics_state(personas.partnership) == before


@pytest.mark.parametrize("view", VIEWS, ids=IDS)
def test_outsiders_are_not_told_the_partnership_exists(client, personas, statistics, view):
    client.force_login(personas.outsider)
    before = statistics_state(personas.partnership)
    assert request(client, personas, statistics, view).status_code == 404
    assert statistics_state(personas.partnership) == before


@pytest.mark.parametrize("view", VIEWS, ids=IDS)
def test_the_signed_out_are_sent_to_sign_in(client, personas, statistics, view):
    before = statistics_state(personas.partnership)
    response = request(client, personas, statistics, view)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert statistics_state(personas.partnership) == before

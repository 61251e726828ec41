"""The security event log page: a service administrator reads every event, the
secretariat its own partnerships' events, and nobody else any."""

import pytest
from django.urls import reverse

from security.models import SecurityEvent
from security.services import security_event_record
from tests import factories

pytestmark = pytest.mark.django_db

LOG = reverse("security:events")
Kind = SecurityEvent.Kind


@pytest.fixture
def recorded(personas):
    elsewhere = factories.PartnershipFactory(name="Elsewhere Partnership")
    return {
        "ours": security_event_record(
            kind=Kind.MEMBERSHIP_CHANGED,
            username="police.lead",
            partnership=personas.partnership,
            detail="police.lead: role changed",
        ),
        "theirs": security_event_record(
            kind=Kind.EXPORT_DOWNLOADED,
            username="someone.else",
            partnership=elsewhere,
            detail="elsewhere-statistics.csv (small numbers hidden)",
        ),
        "sign_in": security_event_record(
            kind=Kind.SIGN_IN, outcome=SecurityEvent.Outcome.FAILURE, username="chair"
        ),
    }


def details_listed(client) -> str:
    response = client.get(LOG)
    assert response.status_code == 200
    return response.content.decode()


def test_a_service_administrator_sees_every_event(client, recorded):
    client.force_login(factories.PersonFactory(is_service_admin=True))
    page = details_listed(client)
    for event in recorded.values():
        assert event.username in page
    assert "police.lead: role changed" in page
    assert "elsewhere-statistics.csv" in page


def test_the_secretariat_sees_its_own_partnership_s_events_only(client, personas, recorded):
    client.force_login(personas.secretariat)
    page = details_listed(client)
    assert "police.lead: role changed" in page
    assert "elsewhere-statistics.csv" not in page
    assert "someone.else" not in page


@pytest.mark.parametrize("persona", ["chair", "police_lead", "community_member", "outsider"])
def test_nobody_else_sees_any_of_it(client, personas, recorded, persona):
    client.force_login(getattr(personas, persona))
    response = client.get(LOG)
    assert response.status_code == 403
    assert "police.lead" not in response.content.decode()


def test_signed_out_the_log_asks_for_a_sign_in(client, recorded):
    response = client.get(LOG)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_navigation_leads_to_the_log_only_for_those_who_may_read_it(client, personas):
    client.force_login(personas.secretariat)
    assert LOG in client.get(reverse("overview:home")).content.decode()
    client.force_login(personas.chair)
    assert LOG not in client.get(reverse("overview:home")).content.decode()


def test_events_are_filtered_by_kind_outcome_and_who(client, recorded):
    client.force_login(factories.PersonFactory(is_service_admin=True))
    page = client.get(LOG, {"kind": Kind.SIGN_IN, "outcome": "failure"}).content.decode()
    assert "police.lead: role changed" not in page
    assert "Sign-in" in page
    page = client.get(LOG, {"username": "SOMEONE.ELSE"}).content.decode()
    assert "elsewhere-statistics.csv" in page
    assert "police.lead: role changed" not in page


def test_a_bad_date_is_explained_and_filters_nothing_away(client, recorded):
    client.force_login(factories.PersonFactory(is_service_admin=True))
    response = client.get(LOG, {"since_0": "31", "since_1": "2", "since_2": "2026"})
    page = response.content.decode()
    assert "The first day must be a real date" in page
    assert "police.lead: role changed" in page


def test_events_come_fifty_to_a_page_in_few_queries(
    client, personas, django_assert_max_num_queries
):
    for number in range(60):
        security_event_record(
            kind=Kind.ACCESS_REFUSED,
            username=f"tried.{number}",
            person=personas.police_lead,
            partnership=personas.partnership,
        )
    client.force_login(personas.secretariat)
    # 1 session, 1 person, 1 memberships (the permission and the scope), 1 the count,
    # 1 the page of events with their people and partnerships, 1 the navigation's check
    with django_assert_max_num_queries(8):
        page = client.get(LOG).content.decode()
    assert page.count("tried.") == 50
    assert "Events, newest first (60)" in page
    assert "tried.59" in page
    assert "tried.0<" not in page

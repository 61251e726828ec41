"""The security event log records each kind of event exactly once, with who, from where
and the outcome; it is append-only, and written to the `hcag.security` log as JSON."""

import json
import logging
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from partners import services as partners_services
from partners.models import Membership
from security.models import SecurityEvent
from security.services import security_event_record
from tests import factories
from tests.mail import delivered

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-demo-password"
NEW_PASSWORD = "another-long-password-1"
Kind = SecurityEvent.Kind
Outcome = SecurityEvent.Outcome


@pytest.fixture
def chair(db):
    return factories.PersonFactory(username="chair", email="chair@example.org", password=PASSWORD)


def sign_in(client, login, password, address="10.0.0.1"):
    return client.post(
        reverse("login"),
        {"login": login, "password": password},
        REMOTE_ADDR=address,
        HTTP_USER_AGENT="Test browser 1.0",
    )


def events(kind):
    return list(SecurityEvent.objects.filter(kind=kind))


def test_a_sign_in_is_recorded_once_with_address_and_user_agent(client, chair):
    assert sign_in(client, "Chair@Example.org", PASSWORD).status_code == 302
    [event] = events(Kind.SIGN_IN)
    assert (event.person, event.username, event.outcome) == (chair, "chair", Outcome.SUCCESS)
    assert (event.address, event.user_agent) == ("10.0.0.1", "Test browser 1.0")


def test_the_address_is_the_one_the_proxies_vouch_for(client, chair, settings):
    settings.PROXY_COUNT = 1
    client.post(
        reverse("login"),
        {"login": "chair", "password": PASSWORD},
        REMOTE_ADDR="10.9.9.9",
        HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7",
    )
    assert events(Kind.SIGN_IN)[0].address == "203.0.113.7"


def test_a_failed_sign_in_names_the_account_or_what_was_typed(client, chair):
    sign_in(client, "chair@example.org", "wrong")
    sign_in(client, "nobody", "wrong")
    known, unknown = sorted(events(Kind.SIGN_IN), key=lambda event: event.pk)
    assert (known.person, known.outcome) == (chair, Outcome.FAILURE)
    assert known.username == "chair@example.org"
    assert (unknown.person, unknown.username, unknown.outcome) == (None, "nobody", "failure")


def test_a_lockout_is_one_event_however_many_tries_follow(client, chair, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT + 2):
        sign_in(client, "chair", "wrong")
    [lockout] = events(Kind.LOCKOUT)
    assert (lockout.person, lockout.address, lockout.outcome) == (chair, "10.0.0.1", "failure")
    assert len(events(Kind.SIGN_IN)) == settings.AXES_FAILURE_LIMIT


def test_signing_out_is_recorded_once(client, chair):
    sign_in(client, "chair", PASSWORD)
    client.post(reverse("logout"))
    [event] = events(Kind.SIGN_OUT)
    assert event.person == chair


def test_a_password_change_is_recorded_once(client, chair):
    client.force_login(chair)
    client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    [event] = events(Kind.PASSWORD_CHANGED)
    assert event.person == chair


def test_a_password_reset_is_recorded_once(client, chair, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": chair.email})
    link = re.search(r"https?://\S+(/account/password/reset/key/\S+/)", delivered()[-1].body)
    form = client.get(link.group(1), follow=True)
    client.post(form.redirect_chain[-1][0], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    [event] = events(Kind.PASSWORD_RESET)
    assert event.person == chair


@pytest.fixture
def seat(personas):
    return Membership.objects.get(person=personas.police_lead)


def test_a_role_change_and_an_end_are_recorded_once_for_the_partnership(personas, seat):
    partners_services.membership_update(
        membership=seat, expected_version=seat.version, role="observer", strands=[]
    )
    partners_services.membership_end(
        membership=seat, expected_version=seat.version, ended_on=timezone.localdate()
    )
    changed = events(Kind.MEMBERSHIP_CHANGED)
    assert sorted(event.detail for event in changed) == [
        f"police.lead: ended on {timezone.localdate()}",
        "police.lead: member to observer",
    ]
    assert {event.partnership for event in changed} == {personas.partnership}


def test_joining_is_recorded_once(personas):
    invitation = factories.InvitationFactory(partnership=personas.partnership)
    person = factories.PersonFactory(email=invitation.email, organisation=invitation.organisation)
    partners_services.invitation_accept(invitation=invitation, person=person)
    [event] = events(Kind.MEMBERSHIP_CHANGED)
    assert event.username == person.username
    assert "joined" in event.detail


def test_an_unchanged_role_is_not_recorded(personas, seat):
    partners_services.membership_update(
        membership=seat, expected_version=seat.version, role=seat.role, strands=[]
    )
    assert events(Kind.MEMBERSHIP_CHANGED) == []


def test_a_refused_write_is_recorded_once(client, personas):
    client.force_login(personas.police_lead)
    members = reverse("partners:member-invite", args=[personas.partnership.slug])
    response = client.get(members)
    assert response.status_code == 403
    [event] = events(Kind.ACCESS_REFUSED)
    assert (event.person, event.outcome) == (personas.police_lead, Outcome.FAILURE)
    assert event.detail == f"{response.status_code} GET {members}"


def test_another_partnerships_page_is_recorded_as_refused(client, personas):
    other = factories.PartnershipFactory(name="Elsewhere")
    client.force_login(personas.police_lead)
    page = reverse("overview:partnership-detail", args=[other.slug])
    assert client.get(page).status_code == 404
    [event] = events(Kind.ACCESS_REFUSED)
    assert event.detail == f"404 GET {page}"


def test_a_signed_out_visitor_is_not_recorded_as_refused(client, personas):
    client.get(reverse("overview:partnership-detail", args=[personas.partnership.slug]))
    assert events(Kind.ACCESS_REFUSED) == []


def test_events_cannot_be_changed_or_deleted(chair):
    event = security_event_record(kind=Kind.SIGN_IN, person=chair)
    event.detail = "nothing happened"
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        event.delete()
    with pytest.raises(TypeError):
        SecurityEvent.objects.update(detail="nothing")


def test_each_event_is_a_json_line_in_the_application_log(
    chair, caplog, django_capture_on_commit_callbacks
):
    from security.jsonlog import JsonFormatter

    with (
        caplog.at_level(logging.INFO, logger="hcag.security"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        event = security_event_record(
            kind=Kind.ACCESS_REFUSED, outcome=Outcome.FAILURE, person=chair, detail="403 GET /"
        )
    [record] = [record for record in caplog.records if record.name == "hcag.security"]
    line = json.loads(JsonFormatter().format(record))
    assert line["event_id"] == event.pk
    assert (line["kind"], line["outcome"], line["username"]) == (
        "access-refused",
        "failure",
        "chair",
    )


def test_nothing_is_logged_for_an_event_whose_transaction_rolls_back(chair, caplog):
    from django.db import transaction

    def record_then_fail():
        with transaction.atomic():
            security_event_record(kind=Kind.SIGN_IN, person=chair)
            raise PermissionDenied

    with caplog.at_level(logging.INFO, logger="hcag.security"), pytest.raises(PermissionDenied):
        record_then_fail()
    assert not [record for record in caplog.records if record.name == "hcag.security"]
    assert events(Kind.SIGN_IN) == []


def test_a_statistics_export_is_recorded_once_with_what_and_whether_hidden(client, personas):
    client.force_login(personas.community_member)
    response = client.get(reverse("trends:export", args=[personas.partnership.slug, "csv"]))
    assert response.status_code == 200
    [event] = events(Kind.EXPORT_DOWNLOADED)
    assert (event.person, event.partnership) == (personas.community_member, personas.partnership)
    assert event.detail == f"{personas.partnership.slug}-statistics.csv (small numbers hidden)"


def test_a_generated_document_is_recorded_each_time_it_is_downloaded(client, personas):
    client.force_login(personas.secretariat)
    generated = client.post(
        reverse("reports:plan-export", args=[personas.plan.slug]), {"format": "csv"}
    )
    assert events(Kind.EXPORT_DOWNLOADED) == [], "making it is not downloading it"
    client.get(generated["Location"])
    client.force_login(personas.chair)
    client.get(generated["Location"])
    downloads = sorted(events(Kind.EXPORT_DOWNLOADED), key=lambda event: event.pk)
    assert [event.person for event in downloads] == [personas.secretariat, personas.chair]
    assert downloads[0].detail.endswith(".csv (small numbers hidden)")

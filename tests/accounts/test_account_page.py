"""A person's own account: their name, partnerships and roles, and each membership's
calendar address, which they can replace."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from partners.models import Membership
from tests import factories

pytestmark = pytest.mark.django_db

ACCOUNT = reverse("accounts:account")


def test_the_account_page_lists_the_partnerships_roles_and_calendar_addresses(client, personas):
    other = factories.MembershipFactory(person=personas.chair, role=Membership.Role.OBSERVER)
    client.force_login(personas.chair)
    content = client.get(ACCOUNT).content.decode()
    assert personas.partnership.name in content
    assert other.partnership.name in content
    assert "Chair" in content
    assert "Observer" in content
    for membership in Membership.objects.filter(person=personas.chair):
        assert str(membership.calendar_token) in content
    assert reverse("account_email") in content
    assert reverse("account_change_password") in content


def test_a_new_calendar_address_replaces_the_old_one(client, personas):
    membership = Membership.objects.get(person=personas.chair)
    old_feed = reverse("meetings:calendar-feed", args=[membership.calendar_token])
    client.force_login(personas.chair)
    response = client.post(reverse("accounts:calendar-address-renew", args=[membership.pk]))
    assert response.status_code == 302
    membership.refresh_from_db()
    assert client.get(old_feed).status_code == 404
    new_feed = reverse("meetings:calendar-feed", args=[membership.calendar_token])
    assert client.get(new_feed).status_code == 200
    entry = LogEntry.objects.filter(
        content_type__model="membership", object_id=membership.pk
    ).latest("pk")
    assert entry.actor == personas.chair
    assert str(membership.calendar_token) not in str(entry.changes), "the secret is not logged"


def test_nobody_replaces_someone_else_s_calendar_address(client, personas):
    membership = Membership.objects.get(person=personas.chair)
    token = membership.calendar_token
    client.force_login(personas.secretariat)
    response = client.post(reverse("accounts:calendar-address-renew", args=[membership.pk]))
    assert response.status_code == 404
    membership.refresh_from_db()
    assert membership.calendar_token == token


def test_a_person_changes_their_name_and_the_history_says_who(client, personas):
    client.force_login(personas.chair)
    url = reverse("accounts:details-edit")
    empty = client.post(url, {"first_name": "", "last_name": "Hale", "job_title": ""})
    assert "Enter your first name" in empty.content.decode()
    response = client.post(url, {"first_name": "Jo", "last_name": "Hale", "job_title": "Chair"})
    assert response.status_code == 302
    personas.chair.refresh_from_db()
    assert personas.chair.get_full_name() == "Jo Hale"
    entry = LogEntry.objects.filter(
        content_type__model="person", object_id=personas.chair.pk
    ).latest("pk")
    assert entry.actor == personas.chair


def test_the_navigation_leads_to_the_account(client, personas):
    client.force_login(personas.community_member)
    assert ACCOUNT in client.get(reverse("overview:home")).content.decode()

"""The members page: a directory for members, and for the secretariat the place to change
roles and end memberships, never leaving a partnership without a secretariat and never
saving over someone else's change."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from partners.models import Membership
from partners.services import LAST_SECRETARIAT, ONE_CHAIR
from tests import factories

pytestmark = pytest.mark.django_db


def members_url(partnership, **query):
    url = reverse("partners:members", args=[partnership.slug])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def seat(personas, person) -> Membership:
    return Membership.objects.current().get(partnership=personas.partnership, person=person)


def edit(client, personas, person, *, role, strands=(), version=None):
    membership = seat(personas, person)
    return client.post(
        reverse("partners:membership-edit", args=[personas.partnership.slug, membership.pk]),
        {
            "role": role,
            "strands": [s.pk for s in strands],
            "version": version or membership.version,
        },
    )


def end(client, personas, person, *, day=None, version=None):
    membership = seat(personas, person)
    day = day or timezone.localdate()
    return client.post(
        reverse("partners:membership-end", args=[personas.partnership.slug, membership.pk]),
        {
            "ended_on_0": day.day,
            "ended_on_1": day.month,
            "ended_on_2": day.year,
            "version": version or membership.version,
        },
    )


def test_members_read_a_directory_of_names_organisations_roles_and_strands(client, personas):
    membership = seat(personas, personas.community_member)
    membership.strands.set([factories.strand("race")])
    client.force_login(personas.police_lead)
    response = client.get(members_url(personas.partnership))
    content = response.content.decode()
    assert response.status_code == 200
    for person in personas.members:
        assert escape(str(person)) in content
    assert "Test Constabulary" in content
    assert "Community member" in content
    assert "Race" in content
    assert "Invite someone" not in content, "only the secretariat manages"
    assert not response.context["may_manage"]


def test_the_directory_is_searched_by_name_or_organisation(client, personas):
    client.force_login(personas.chair)
    by_organisation = client.get(members_url(personas.partnership, q="constabulary"))
    assert list(by_organisation.context["page"].object_list) == [
        seat(personas, personas.police_lead)
    ]
    full_name = f"{personas.council_lead.first_name} {personas.council_lead.last_name}"
    by_name = client.get(members_url(personas.partnership, q=full_name))
    assert list(by_name.context["page"].object_list) == [seat(personas, personas.council_lead)]


def test_the_directory_is_25_a_page(client, personas):
    for _ in range(30):
        factories.MembershipFactory(partnership=personas.partnership)
    client.force_login(personas.secretariat)
    first = client.get(members_url(personas.partnership))
    assert len(first.context["page"].object_list) == 25
    second = client.get(members_url(personas.partnership, page=2))
    assert len(second.context["page"].object_list) == 35 - 25


@pytest.mark.parametrize("extra_members", [5, 60])
def test_the_members_page_runs_a_fixed_number_of_queries(
    client, personas, django_assert_max_num_queries, extra_members
):
    for number in range(extra_members):
        membership = factories.MembershipFactory(partnership=personas.partnership)
        membership.strands.set([factories.strand("race")])
        factories.InvitationFactory(
            partnership=personas.partnership, email=f"p{number}@example.org"
        )
    client.force_login(personas.secretariat)
    # 1 session, 1 user, 1 the user's memberships (rules), 1 the partnership, 1 count and
    # 1 page of members, 1 their strands, 1 open and 1 accepted invitations.
    with django_assert_max_num_queries(9):
        response = client.get(members_url(personas.partnership))
    assert response.status_code == 200


def test_changing_a_role_is_saved_and_kept_in_the_membership_history(client, personas):
    client.force_login(personas.secretariat)
    response = edit(client, personas, personas.police_lead, role="adviser")
    assert response.status_code == 302
    membership = seat(personas, personas.police_lead)
    assert membership.role == Membership.Role.ADVISER
    history = client.get(
        reverse("partners:membership-detail", args=[personas.partnership.slug, membership.pk])
    ).content.decode()
    assert "Member → Adviser" in history
    assert escape(str(personas.secretariat)) in history


def test_the_last_secretariat_member_can_be_neither_demoted_nor_removed(client, personas):
    client.force_login(personas.secretariat)
    demoted = edit(client, personas, personas.secretariat, role="member")
    assert demoted.status_code == 200
    message = escape(LAST_SECRETARIAT.format(person=personas.secretariat))
    assert message in demoted.content.decode()
    removed = end(client, personas, personas.secretariat)
    assert message in removed.content.decode()
    assert seat(personas, personas.secretariat).role == Membership.Role.SECRETARIAT


def test_with_a_second_secretariat_member_one_may_step_down(client, personas):
    factories.MembershipFactory(partnership=personas.partnership, role=Membership.Role.SECRETARIAT)
    client.force_login(personas.secretariat)
    assert edit(client, personas, personas.secretariat, role="member").status_code == 302


def test_a_second_chair_is_refused(client, personas):
    client.force_login(personas.secretariat)
    response = edit(client, personas, personas.police_lead, role="chair")
    assert escape(ONE_CHAIR) in response.content.decode()
    assert seat(personas, personas.police_lead).role == Membership.Role.MEMBER


def test_ending_a_membership_ends_access_at_once_with_the_calendar(client, personas):
    token = seat(personas, personas.police_lead).calendar_token
    feed = reverse("meetings:calendar-feed", args=[token])
    assert client.get(feed).status_code == 200
    client.force_login(personas.secretariat)
    response = end(client, personas, personas.police_lead)
    assert response.status_code == 302
    assert client.get(feed).status_code == 404
    client.force_login(personas.police_lead)
    assert client.get(personas.partnership.get_absolute_url()).status_code == 404
    assert client.get(members_url(personas.partnership)).status_code == 404


@pytest.mark.parametrize(
    ("days", "message"),
    [
        (1, "Record the end of a membership on or after the day it ends"),
        (-400, "The end date must be on or after the day the membership started"),
    ],
)
def test_an_end_date_ahead_or_before_the_start_is_refused(client, personas, days, message):
    membership = seat(personas, personas.police_lead)
    membership.started_on = timezone.localdate() - datetime.timedelta(days=30)
    membership.save()
    client.force_login(personas.secretariat)
    response = end(
        client,
        personas,
        personas.police_lead,
        day=timezone.localdate() + datetime.timedelta(days=days),
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert seat(personas, personas.police_lead).ended_on is None


def test_of_two_secretariat_members_changing_one_membership_the_second_is_told(client, personas):
    colleague = factories.PersonFactory()
    factories.MembershipFactory(
        partnership=personas.partnership, person=colleague, role=Membership.Role.SECRETARIAT
    )
    opened_at = seat(personas, personas.police_lead).version
    client.force_login(colleague)
    assert edit(client, personas, personas.police_lead, role="adviser").status_code == 302
    client.force_login(personas.secretariat)
    response = edit(client, personas, personas.police_lead, role="observer", version=opened_at)
    assert response.status_code == 409
    content = response.content.decode()
    assert "Someone else changed this while you were editing it" in content
    assert escape(str(colleague)) in content
    assert seat(personas, personas.police_lead).role == Membership.Role.ADVISER


def test_ending_a_membership_changed_meanwhile_is_refused(client, personas):
    opened_at = seat(personas, personas.police_lead).version
    client.force_login(personas.secretariat)
    edit(client, personas, personas.police_lead, role="adviser")
    response = end(client, personas, personas.police_lead, version=opened_at)
    assert response.status_code == 409
    assert seat(personas, personas.police_lead).ended_on is None


def test_every_change_to_a_membership_names_who_made_it(client, personas):
    client.force_login(personas.secretariat)
    edit(client, personas, personas.police_lead, role="adviser")
    end(client, personas, personas.police_lead)
    entries = LogEntry.objects.filter(
        content_type__model="membership",
        object_id=seat_pk(personas, personas.police_lead),
        action=LogEntry.Action.UPDATE,
    )
    assert entries.count() == 2
    assert {entry.actor for entry in entries} == {personas.secretariat}


def seat_pk(personas, person):
    return Membership.objects.get(partnership=personas.partnership, person=person).pk


def test_a_former_member_is_listed_and_can_be_invited_again(client, personas):
    client.force_login(personas.secretariat)
    end(client, personas, personas.police_lead)
    former = client.get(reverse("partners:members-former", args=[personas.partnership.slug]))
    content = former.content.decode()
    assert escape(str(personas.police_lead)) in content
    invite_again = reverse("partners:member-invite", args=[personas.partnership.slug])
    assert f"{invite_again}?email=" in content
    form = client.get(invite_again, {"email": personas.police_lead.email}).context["form"]
    assert form.initial["email"] == personas.police_lead.email

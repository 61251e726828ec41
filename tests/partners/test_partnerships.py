"""A service administrator creates a partnership and invites its first secretariat member."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from partners.models import Invitation, Membership, Partnership
from partners.services import SLUG_RESERVED
from tests import factories
from tests.mail import delivered
from tests.partners.conftest import last_invitation_link

pytestmark = pytest.mark.django_db

CREATE = reverse("partners:partnership-create")


def create(client, captured, **fields):
    data = {
        "name": "Darlington Domestic Abuse Partnership",
        "short_name": "DDAP",
        "slug": "darlington-domestic-abuse",
        "small_number_threshold": 5,
        "secretariat_email": "sam@example.org",
        "secretariat_organisation": "",
        **fields,
    }
    with captured(execute=True):
        return client.post(CREATE, data)


@pytest.fixture
def commissioner(db):
    return factories.OrganisationFactory(name="Office of the Commissioner", kind="commissioner")


def test_a_new_partnership_invites_its_secretariat(
    client, service_admin, commissioner, django_capture_on_commit_callbacks
):
    board = factories.OrganisationFactory(name="Safer Darlington", kind="partnership-board")
    client.force_login(service_admin)
    response = create(
        client,
        django_capture_on_commit_callbacks,
        secretariat_organisation=commissioner.pk,
        reports_to=[board.pk],
    )
    partnership = Partnership.objects.get(slug="darlington-domestic-abuse")
    assert response["Location"] == reverse("partners:members", args=[partnership.slug])
    assert list(partnership.reports_to.all()) == [board]
    invitation = Invitation.objects.get(partnership=partnership)
    assert invitation.role == Membership.Role.SECRETARIAT
    assert invitation.organisation == commissioner
    assert invitation.invited_by == service_admin
    assert delivered()[-1].to == ["sam@example.org"]
    members = client.get(response["Location"]).content.decode()
    assert "sam@example.org" in members
    assert last_invitation_link().path


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": ""}, "Enter the name of the partnership"),
        ({"slug": "Not A Slug!"}, "The short address must contain only lower-case letters"),
        ({"slug": "new"}, SLUG_RESERVED.format(slug="new")),
        ({"secretariat_email": "nobody"}, "Enter an email address in the correct format"),
        ({"secretariat_organisation": ""}, "Choose their organisation"),
        ({"small_number_threshold": "0"}, "The small-number threshold must be 1 or more"),
    ],
)
def test_bad_input_is_explained_and_nothing_is_created(
    client, service_admin, commissioner, django_capture_on_commit_callbacks, fields, message
):
    client.force_login(service_admin)
    data = {"secretariat_organisation": commissioner.pk, **fields}
    response = create(client, django_capture_on_commit_callbacks, **data)
    assert response.status_code == 200
    assert escape(message) in response.content.decode()
    assert not Partnership.objects.exists()
    assert not delivered()


def test_a_name_or_address_in_use_is_refused(
    client, service_admin, commissioner, django_capture_on_commit_callbacks
):
    factories.PartnershipFactory(name="Darlington domestic abuse partnership", slug="taken")
    client.force_login(service_admin)
    named = create(
        client, django_capture_on_commit_callbacks, secretariat_organisation=commissioner.pk
    )
    assert "already exists" in named.content.decode()
    placed = create(
        client,
        django_capture_on_commit_callbacks,
        name="Another",
        slug="taken",
        secretariat_organisation=commissioner.pk,
    )
    assert "Another partnership has this short address" in placed.content.decode()
    assert Partnership.objects.count() == 1

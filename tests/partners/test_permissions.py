"""Every write of the accounts and membership pages, tried as each persona: those who may
succeed; anyone else is refused (404 where the thing is none of their business, 403
where they can see it but not change it, the sign-in page when signed out) and nothing
changes."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse
from django.utils import timezone

from partners.models import Invitation, Membership, Organisation, Partnership, Person
from tests import factories

pytestmark = pytest.mark.django_db

SIGNED_IN = {
    "service_admin",
    "secretariat",
    "other_secretariat",
    "chair",
    "member",
    "community_member",
    "outsider",
}
PERSONAS = sorted(SIGNED_IN | {"signed_out"})
RUNS_THE_SERVICE = {"service_admin"}
STAFFS_IT = {"service_admin", "secretariat"}
MEMBERS_WHO_DO_NOT_STAFF = {"chair", "member", "community_member"}
SECRETARIATS = {"secretariat", "other_secretariat"}


@dataclass
class Scene:
    people: dict[str, Person]
    partnership: Partnership
    membership: Membership  # the police lead's
    invitation: Invitation
    organisation: Organisation
    retired: Organisation
    duplicate: Organisation
    own_membership: Membership  # the secretariat's


@pytest.fixture
def scene(personas, service_admin, other_secretariat) -> Scene:
    def seat(person):
        return Membership.objects.get(partnership=personas.partnership, person=person)

    return Scene(
        people={
            "service_admin": service_admin,
            "secretariat": personas.secretariat,
            "other_secretariat": other_secretariat,
            "chair": personas.chair,
            "member": personas.police_lead,
            "community_member": personas.community_member,
            "outsider": personas.outsider,
        },
        partnership=personas.partnership,
        membership=seat(personas.police_lead),
        invitation=factories.InvitationFactory(partnership=personas.partnership),
        organisation=personas.council,
        retired=factories.OrganisationFactory(name="Retired body", retired_on=timezone.localdate()),
        duplicate=factories.OrganisationFactory(name="Test Police"),
        own_membership=seat(personas.secretariat),
    )


@dataclass(frozen=True)
class Write:
    name: str
    url: Callable[[Scene], str]
    data: Callable[[Scene], dict]
    allowed: set[str]
    forbidden: set[str]  # may see, may not change: 403; the rest of the signed-in get 404


def _date(day) -> dict:
    return {"ended_on_0": day.day, "ended_on_1": day.month, "ended_on_2": day.year}


WRITES = [
    Write(
        "create a partnership",
        lambda s: reverse("partners:partnership-create"),
        lambda s: {
            "name": "Darlington Domestic Abuse Partnership",
            "slug": "darlington-domestic-abuse",
            "small_number_threshold": 5,
            "secretariat_email": "new.secretariat@example.org",
            "secretariat_organisation": s.organisation.pk,
        },
        allowed=RUNS_THE_SERVICE,
        forbidden=set(),
    ),
    Write(
        "add an organisation",
        lambda s: reverse("partners:organisation-add"),
        lambda s: {"name": "A new body", "kind": "other"},
        allowed=RUNS_THE_SERVICE | SECRETARIATS,
        forbidden=set(),
    ),
    Write(
        "rename an organisation",
        lambda s: reverse("partners:organisation-edit", args=[s.organisation.pk]),
        lambda s: {
            "name": "Renamed Council",
            "kind": "local-authority",
            "version": s.organisation.version,
        },
        allowed=RUNS_THE_SERVICE,
        forbidden=SECRETARIATS,
    ),
    Write(
        "retire an organisation",
        lambda s: reverse("partners:organisation-retire", args=[s.organisation.pk]),
        lambda s: {},
        allowed=RUNS_THE_SERVICE,
        forbidden=SECRETARIATS,
    ),
    Write(
        "offer a retired organisation again",
        lambda s: reverse("partners:organisation-restore", args=[s.retired.pk]),
        lambda s: {},
        allowed=RUNS_THE_SERVICE,
        forbidden=SECRETARIATS,
    ),
    Write(
        "merge two organisations",
        lambda s: reverse(
            "partners:organisation-merge-confirm", args=[s.duplicate.pk, s.organisation.pk]
        ),
        lambda s: {},
        allowed=RUNS_THE_SERVICE,
        forbidden=SECRETARIATS,
    ),
    Write(
        "invite someone",
        lambda s: reverse("partners:member-invite", args=[s.partnership.slug]),
        lambda s: {"email": "jo@example.org", "role": "member", "organisation": ""},
        allowed=STAFFS_IT,
        forbidden=MEMBERS_WHO_DO_NOT_STAFF,
    ),
    Write(
        "resend an invitation",
        lambda s: reverse("partners:invitation-resend", args=[s.partnership.slug, s.invitation.pk]),
        lambda s: {},
        allowed=STAFFS_IT,
        forbidden=MEMBERS_WHO_DO_NOT_STAFF,
    ),
    Write(
        "withdraw an invitation",
        lambda s: reverse("partners:invitation-revoke", args=[s.partnership.slug, s.invitation.pk]),
        lambda s: {},
        allowed=STAFFS_IT,
        forbidden=MEMBERS_WHO_DO_NOT_STAFF,
    ),
    Write(
        "change a role",
        lambda s: reverse("partners:membership-edit", args=[s.partnership.slug, s.membership.pk]),
        lambda s: {"role": "adviser", "version": s.membership.version},
        allowed=STAFFS_IT,
        forbidden=MEMBERS_WHO_DO_NOT_STAFF,
    ),
    Write(
        "end a membership",
        lambda s: reverse("partners:membership-end", args=[s.partnership.slug, s.membership.pk]),
        lambda s: {**_date(timezone.localdate()), "version": s.membership.version},
        allowed=STAFFS_IT,
        forbidden=MEMBERS_WHO_DO_NOT_STAFF,
    ),
    Write(
        "make a new calendar address",
        lambda s: reverse("accounts:calendar-address-renew", args=[s.own_membership.pk]),
        lambda s: {},
        allowed={"secretariat"},
        forbidden=set(),
    ),
]


def everything(scene: Scene):
    """What any of these writes could change."""
    return (
        list(Partnership.objects.values_list("pk", "name", "slug").order_by("pk")),
        list(
            Organisation.objects.values_list(
                "pk", "name", "retired_on", "merged_into", "version"
            ).order_by("pk")
        ),
        list(
            Invitation.objects.values_list(
                "pk", "token_hash", "expires_at", "revoked_at", "accepted_at"
            ).order_by("pk")
        ),
        list(
            Membership.objects.values_list(
                "pk", "role", "ended_on", "calendar_token", "version"
            ).order_by("pk")
        ),
        list(Person.objects.values_list("pk", "organisation").order_by("pk")),
    )


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("write", WRITES, ids=lambda write: write.name)
def test_each_write_is_made_only_by_those_who_may(client, scene, write, persona):
    if persona != "signed_out":
        client.force_login(scene.people[persona])
    before = everything(scene)
    response = client.post(write.url(scene), write.data(scene))
    if persona in write.allowed:
        assert response.status_code == 302, response.content.decode()[:3000]
        assert not response["Location"].startswith(reverse("login"))
        assert everything(scene) != before
        return
    if persona == "signed_out":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    elif persona in write.forbidden:
        assert response.status_code == 403
    else:
        assert response.status_code == 404
    assert everything(scene) == before


@pytest.mark.parametrize("persona", sorted(SIGNED_IN - RUNS_THE_SERVICE))
@pytest.mark.parametrize(
    "page", ["partners:partnership-create", "partners:partnership-list"], ids=str
)
def test_only_service_administrators_know_of_the_partnership_pages(client, scene, persona, page):
    client.force_login(scene.people[persona])
    assert client.get(reverse(page)).status_code == 404


def test_a_superuser_is_a_service_administrator(client, scene):
    client.force_login(factories.PersonFactory(is_superuser=True))
    assert client.get(reverse("partners:partnership-create")).status_code == 200

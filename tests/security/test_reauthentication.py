"""Each sensitive change asks for the password or a second-factor code again when the
person last entered one more than 10 minutes ago, goes ahead when it was more recent,
and is not asked again within the 10 minutes; a posted form is carried out as posted
once the person has confirmed it is them. Someone refused is refused, not asked."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from partners.models import Membership
from tests import factories
from tests.conftest import authenticated_at

pytestmark = pytest.mark.django_db

REAUTHENTICATE = reverse("account_reauthenticate")
ELEVEN_MINUTES = 11 * 60
NINE_MINUTES = 9 * 60
TODAY = timezone.localdate()


@pytest.fixture
def service_admin(db):
    return factories.PersonFactory(username="service.admin", is_service_admin=True)


def seat(personas, person):
    return Membership.objects.get(partnership=personas.partnership, person=person)


def sensitive_requests(personas, service_admin):
    """(who, method, url, data) of every request that needs a recent authentication."""
    slug = personas.partnership.slug
    held = factories.MeetingFactory(
        partnership=personas.partnership, date=TODAY - datetime.timedelta(days=90), status="held"
    )
    factories.MeetingFactory(
        partnership=personas.partnership, date=TODAY - datetime.timedelta(days=7), status="held"
    )
    upcoming = factories.MeetingFactory(
        partnership=personas.partnership, date=TODAY + datetime.timedelta(days=30)
    )
    invitation = factories.InvitationFactory(partnership=personas.partnership)
    lead_seat = seat(personas, personas.police_lead).pk
    return {
        "changing one's e-mail address": (
            personas.police_lead,
            "post",
            reverse("account_email"),
            {"email": "new@example.net", "action_add": ""},
        ),
        "changing one's password": (
            personas.police_lead,
            "get",
            reverse("account_change_password"),
            None,
        ),
        "setting up a second factor": (
            personas.police_lead,
            "get",
            reverse("mfa_activate_totp"),
            None,
        ),
        "turning a second factor off": (
            personas.chair,
            "get",
            reverse("mfa_deactivate_totp"),
            None,
        ),
        "making new recovery codes": (
            personas.chair,
            "get",
            reverse("mfa_generate_recovery_codes"),
            None,
        ),
        "inviting a member": (
            personas.secretariat,
            "get",
            reverse("partners:member-invite", args=[slug]),
            None,
        ),
        "sending an invitation again": (
            personas.secretariat,
            "post",
            reverse("partners:invitation-resend", args=[slug, invitation.pk]),
            {},
        ),
        "changing a role": (
            personas.secretariat,
            "get",
            reverse("partners:membership-edit", args=[slug, lead_seat]),
            None,
        ),
        "removing a member": (
            personas.secretariat,
            "get",
            reverse("partners:membership-end", args=[slug, lead_seat]),
            None,
        ),
        "creating a partnership and inviting its secretariat": (
            service_admin,
            "get",
            reverse("partners:partnership-create"),
            None,
        ),
        "publishing papers": (
            personas.secretariat,
            "get",
            reverse("meetings:papers-publish", args=[upcoming.pk]),
            None,
        ),
        "approving minutes": (
            personas.secretariat,
            "get",
            reverse("meetings:minutes-approve", args=[held.pk]),
            None,
        ),
        "changing the small-number threshold": (
            personas.secretariat,
            "get",
            reverse("trends:small-numbers", args=[slug]),
            None,
        ),
        "resetting someone's second factor": (
            service_admin,
            "get",
            reverse("accounts:second-factor-reset", args=[personas.chair.pk]),
            None,
        ),
    }


ACTIONS = [
    "changing one's e-mail address",
    "changing one's password",
    "setting up a second factor",
    "turning a second factor off",
    "making new recovery codes",
    "inviting a member",
    "sending an invitation again",
    "changing a role",
    "removing a member",
    "creating a partnership and inviting its secretariat",
    "publishing papers",
    "approving minutes",
    "changing the small-number threshold",
    "resetting someone's second factor",
]


def ask(client, personas, service_admin, action, *, seconds_ago):
    who, method, url, data = sensitive_requests(personas, service_admin)[action]
    client.force_login(who)
    authenticated_at(client, who, seconds_ago=seconds_ago)
    return getattr(client, method)(url, data) if data is not None else client.get(url)


@pytest.mark.parametrize("action", ACTIONS)
def test_after_ten_minutes_the_password_or_a_code_is_asked_for_again(
    client, personas, service_admin, action
):
    response = ask(client, personas, service_admin, action, seconds_ago=ELEVEN_MINUTES)
    assert response.status_code == 302
    assert response["Location"].startswith(REAUTHENTICATE)


@pytest.mark.parametrize("action", ACTIONS)
def test_within_ten_minutes_it_goes_ahead(client, personas, service_admin, action):
    response = ask(client, personas, service_admin, action, seconds_ago=NINE_MINUTES)
    assert not response.get("Location", "").startswith(REAUTHENTICATE)
    assert response.status_code in {200, 302}


def test_the_re_authentication_page_offers_the_second_factor_too(client, personas):
    client.force_login(personas.chair)
    authenticated_at(client, personas.chair, seconds_ago=ELEVEN_MINUTES)
    page = client.get(REAUTHENTICATE).content.decode()
    assert "Confirm it is you" in page
    assert reverse("mfa_reauthenticate") in page


def test_a_posted_change_is_made_once_the_password_is_given_and_not_asked_again(client, personas):
    secretariat = personas.secretariat
    url = reverse("trends:small-numbers", args=[personas.partnership.slug])
    client.force_login(secretariat)
    authenticated_at(client, secretariat, seconds_ago=ELEVEN_MINUTES)

    asked = client.post(url, {"small_number_threshold": 7})
    assert asked["Location"].startswith(REAUTHENTICATE)
    personas.partnership.refresh_from_db()
    assert personas.partnership.small_number_threshold != 7, "nothing changes before"

    confirmed = client.post(asked["Location"], {"password": factories.TEST_PASSWORD})

    assert confirmed.status_code == 302
    personas.partnership.refresh_from_db()
    assert personas.partnership.small_number_threshold == 7
    again = client.post(url, {"small_number_threshold": 8})
    assert not again["Location"].startswith(REAUTHENTICATE), "not asked again within 10 minutes"


def test_the_chair_confirms_with_a_code_from_the_app(client, personas):
    chair = personas.chair
    url = reverse("mfa_generate_recovery_codes")
    client.force_login(chair)
    authenticated_at(client, chair, seconds_ago=ELEVEN_MINUTES)
    asked = client.get(url)
    next_url = asked["Location"].split("next=")[1]
    confirmed = client.post(
        f"{reverse('mfa_reauthenticate')}?next={next_url}",
        {"code": factories.totp_code(chair)},
    )
    assert confirmed.status_code == 302
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("who", ["police_lead", "outsider"])
def test_someone_refused_is_refused_before_being_asked(client, personas, who):
    person = getattr(personas, who)
    client.force_login(person)
    authenticated_at(client, person, seconds_ago=ELEVEN_MINUTES)
    response = client.get(reverse("partners:member-invite", args=[personas.partnership.slug]))
    assert response.status_code in {403, 404}

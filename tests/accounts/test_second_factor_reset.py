"""A service administrator resets the second factor of someone who has lost it: after a
confirmation page, recorded in the security event log, signing the person out everywhere
and e-mailing them. Nobody else can."""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from partners.models import Membership
from security.models import SecurityEvent
from tests import factories
from tests.mail import delivered

pytestmark = pytest.mark.django_db


@pytest.fixture
def service_admin(db):
    return factories.PersonFactory(username="service.admin", is_service_admin=True)


def reset_url(person):
    return reverse("accounts:second-factor-reset", args=[person.pk])


def test_the_confirmation_page_says_what_follows(client, personas, service_admin):
    client.force_login(service_admin)
    page = client.get(reset_url(personas.chair))
    assert page.status_code == 200
    content = page.content.decode()
    assert "Reset" in content
    assert "signed out everywhere and e-mailed" in content
    assert Authenticator.objects.filter(user=personas.chair).count() == 2, "nothing changes yet"


def test_a_reset_removes_the_second_factor_records_it_ends_sessions_and_e_mails(
    client, personas, service_admin, django_capture_on_commit_callbacks
):
    chair = personas.chair
    chairs_browser = type(client)()
    chairs_browser.post(
        reverse("login"), {"login": chair.username, "password": factories.TEST_PASSWORD}
    )
    chairs_browser.post(reverse("mfa_authenticate"), {"code": factories.totp_code(chair)})
    assert chairs_browser.get(reverse("overview:home")).status_code == 200
    client.force_login(service_admin)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reset_url(chair))

    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=chair).exists()
    [event] = SecurityEvent.objects.filter(kind=SecurityEvent.Kind.SECOND_FACTOR_RESET)
    assert (event.person, event.detail) == (chair, "reset by service.admin")
    assert chairs_browser.get(reverse("overview:home"))["Location"].startswith(reverse("login"))
    [message] = [message for message in delivered() if message.to == [chair.email]]
    assert message.subject == "Your two-factor sign-in has been reset"
    assert "asked to set up an authenticator app again" in message.body


def test_after_a_reset_the_chair_is_made_to_set_it_up_again(client, personas, service_admin):
    client.force_login(service_admin)
    client.post(reset_url(personas.chair))
    client.force_login(personas.chair)
    assert client.get(reverse("overview:home"))["Location"] == reverse("mfa_activate_totp")


@pytest.mark.parametrize(
    "who", ["secretariat", "chair", "police_lead", "community_member", "outsider"]
)
def test_nobody_but_a_service_administrator_finds_the_reset(client, personas, who):
    client.force_login(getattr(personas, who))
    assert client.get(reset_url(personas.chair)).status_code == 404
    assert client.post(reset_url(personas.chair)).status_code == 404
    assert Authenticator.objects.filter(user=personas.chair).count() == 2
    assert not SecurityEvent.objects.filter(kind=SecurityEvent.Kind.SECOND_FACTOR_RESET).exists()


def test_a_membership_page_links_to_the_reset_for_a_service_administrator_only(
    client, personas, service_admin
):
    membership = Membership.objects.get(person=personas.chair)
    page = reverse("partners:membership-detail", args=[personas.partnership.slug, membership.pk])
    client.force_login(service_admin)
    assert reset_url(personas.chair) in client.get(page).content.decode()
    client.force_login(personas.secretariat)
    assert reset_url(personas.chair) not in client.get(page).content.decode()

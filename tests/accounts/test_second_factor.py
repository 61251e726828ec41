"""Two-factor sign-in (django-allauth's MFA): an authenticator app with ten single-use
recovery codes. Service administrators and those who run a group must set it up before
they can do anything else; everyone else may."""

import pyotp
import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY
from django.urls import reverse

from accounts.forms import TOO_MANY_WRONG_CODES
from accounts.middleware import SET_UP_FIRST
from partners.models import Membership
from tests import factories

pytestmark = pytest.mark.django_db

SIGN_IN = reverse("login")
AUTHENTICATE = reverse("mfa_authenticate")
SET_UP = reverse("mfa_activate_totp")
HOME = reverse("overview:home")
PASSWORD = "a-long-demo-password"
WRONG_CODE = "Enter the code your authenticator app shows now, or a recovery code you have not used"


def person_in_role(role, **kwargs):
    person = factories.PersonFactory(password=PASSWORD, **kwargs)
    if role:
        factories.MembershipFactory(person=person, role=role, second_factor=False)
    return person


PRIVILEGED = {
    "secretariat": lambda: person_in_role(Membership.Role.SECRETARIAT),
    "chair": lambda: person_in_role(Membership.Role.CHAIR),
    "vice-chair": lambda: person_in_role(Membership.Role.VICE_CHAIR),
    "service administrator": lambda: person_in_role(
        None, is_service_admin=True, second_factor=False
    ),
    "superuser": lambda: person_in_role(
        None, is_superuser=True, is_staff=True, second_factor=False
    ),
}
UNPRIVILEGED = {
    "member": lambda: person_in_role(Membership.Role.MEMBER),
    "adviser": lambda: person_in_role(Membership.Role.ADVISER),
    "observer": lambda: person_in_role(Membership.Role.OBSERVER),
    "outsider": lambda: person_in_role(None),
}


def sign_in_with_password(client, person):
    return client.post(SIGN_IN, {"login": person.username, "password": PASSWORD})


@pytest.mark.parametrize("who", PRIVILEGED)
@pytest.mark.parametrize(
    "path",
    [HOME, reverse("accounts:account"), reverse("partners:organisation-list"), "/admin/"],
)
def test_a_role_that_needs_two_factor_sign_in_reaches_nothing_before_setting_it_up(
    client, who, path
):
    client.force_login(PRIVILEGED[who]())
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == SET_UP
    assert client.post(path).status_code == 302, "nor can it post anything"


@pytest.mark.parametrize("who", PRIVILEGED)
def test_after_signing_in_a_role_that_needs_it_is_sent_to_set_it_up(client, who):
    person = PRIVILEGED[who]()
    signed_in = sign_in_with_password(client, person)
    assert signed_in.status_code == 302
    sent = client.get(signed_in["Location"], follow=True)
    assert sent.redirect_chain[-1][0] == SET_UP
    assert SET_UP_FIRST in sent.content.decode()
    assert "Set up an authenticator app" in sent.content.decode()


def test_setting_up_the_sign_out_and_the_style_sheet_are_allowed(client):
    client.force_login(PRIVILEGED["chair"]())
    assert client.get(reverse("accessibility-statement")).status_code == 200
    assert client.post(reverse("logout")).status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("who", UNPRIVILEGED)
def test_everyone_else_is_offered_two_factor_sign_in_and_not_made_to(client, who):
    client.force_login(UNPRIVILEGED[who]())
    assert client.get(HOME).status_code == 200
    account = client.get(reverse("accounts:account")).content.decode()
    assert "Two-factor sign-in" in account
    assert reverse("mfa_index") in account
    assert client.get(reverse("mfa_index")).status_code == 200


def test_in_development_the_requirement_can_be_skipped(client, settings):
    settings.SECOND_FACTOR_REQUIRED = False
    client.force_login(PRIVILEGED["chair"]())
    assert client.get(HOME).status_code == 200


def set_up_authenticator(client, *, code=None):
    """Open the set-up page and enter the app's code; the key is the one the page shows."""
    page = client.get(SET_UP)
    assert page.status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    assert secret in page.content.decode(), "the key to type is shown with the QR code"
    return client.post(SET_UP, {"code": code or pyotp.TOTP(secret).now()})


def test_setting_up_an_app_gives_ten_recovery_codes_and_then_the_service(client):
    chair = PRIVILEGED["chair"]()
    sign_in_with_password(client, chair)

    response = set_up_authenticator(client)

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    codes_page = client.get(response["Location"]).content.decode()
    codes = factories.recovery_codes_of(chair)
    assert len(codes) == 10
    assert all(code in codes_page for code in codes)
    assert client.get(HOME).status_code == 200


def test_a_wrong_code_does_not_set_up_the_app(client):
    chair = PRIVILEGED["chair"]()
    sign_in_with_password(client, chair)
    response = set_up_authenticator(client, code="000000")
    assert response.status_code == 200
    assert WRONG_CODE in response.content.decode()
    assert not Authenticator.objects.filter(user=chair).exists()


@pytest.fixture
def chair():
    person = PRIVILEGED["chair"]()
    factories.second_factor_for(person)
    return person


def test_with_a_second_factor_the_password_alone_does_not_sign_in(client, chair):
    response = sign_in_with_password(client, chair)
    assert response.status_code == 302
    assert response["Location"] == AUTHENTICATE
    assert "_auth_user_id" not in client.session
    assert client.get(HOME)["Location"].startswith(SIGN_IN)
    page = client.get(AUTHENTICATE).content.decode()
    assert "Enter your code" in page


def test_the_app_s_code_completes_the_sign_in(client, chair):
    sign_in_with_password(client, chair)
    response = client.post(AUTHENTICATE, {"code": factories.totp_code(chair)})
    assert response.status_code == 302
    assert response["Location"] == HOME
    assert client.get(HOME).status_code == 200


def test_a_wrong_code_is_refused(client, chair):
    sign_in_with_password(client, chair)
    response = client.post(AUTHENTICATE, {"code": "123456"})
    assert response.status_code == 200
    assert WRONG_CODE in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_code_once_used_is_refused(client, chair):
    code = factories.totp_code(chair)
    sign_in_with_password(client, chair)
    client.post(AUTHENTICATE, {"code": code})
    client.post(reverse("logout"))

    sign_in_with_password(client, chair)
    response = client.post(AUTHENTICATE, {"code": code})

    assert response.status_code == 200
    assert WRONG_CODE in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_recovery_code_signs_in_once(client, chair):
    code = factories.recovery_codes_of(chair)[0]
    sign_in_with_password(client, chair)
    assert client.post(AUTHENTICATE, {"code": code})["Location"] == HOME
    client.post(reverse("logout"))

    sign_in_with_password(client, chair)
    again = client.post(AUTHENTICATE, {"code": code})

    assert again.status_code == 200
    assert WRONG_CODE in again.content.decode()
    assert len(factories.recovery_codes_of(chair)) == 9


def test_the_account_page_says_two_factor_sign_in_is_on(client, chair):
    client.force_login(chair)
    account = client.get(reverse("accounts:account")).content.decode()
    assert "On: a code from your authenticator app" in account
    overview = client.get(reverse("mfa_index")).content.decode()
    assert "10 of 10 not used yet" in overview


def test_wrong_codes_are_limited_per_account_whatever_the_address(client, chair):
    for attempt in range(10):
        sign_in_with_password(client, chair)
        client.post(AUTHENTICATE, {"code": "000000"}, REMOTE_ADDR=f"192.0.2.{attempt}")
    sign_in_with_password(client, chair)
    refused = client.post(
        AUTHENTICATE, {"code": factories.totp_code(chair)}, REMOTE_ADDR="198.51.100.7"
    )
    assert refused.status_code == 200
    assert TOO_MANY_WRONG_CODES in refused.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_security_key_can_be_added_instead_of_an_app_even_before_either(client):
    chair = PRIVILEGED["chair"]()
    sign_in_with_password(client, chair)
    page = client.get(reverse("mfa_add_webauthn"))
    assert page.status_code == 200, "adding a key is a way of setting up"
    content = page.content.decode()
    assert "Name of the key" in content
    assert 'id="mfa_webauthn_add"' in content
    assert reverse("mfa_add_webauthn") in client.get(SET_UP).content.decode()


def test_the_overview_lists_the_security_keys(client, chair):
    client.force_login(chair)
    assert "Security keys and passkeys" in client.get(reverse("mfa_index")).content.decode()
    keys = client.get(reverse("mfa_list_webauthn")).content.decode()
    assert "You have not added a security key." in keys


def test_the_code_page_offers_a_security_key_only_to_someone_who_has_one(client, chair):
    sign_in_with_password(client, chair)
    assert "Use a security key" not in client.get(AUTHENTICATE).content.decode()

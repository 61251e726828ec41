import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

HOME = reverse("home")
SIGN_IN = reverse("login")


@pytest.mark.parametrize(
    "url",
    [
        HOME,
        "/partnerships/any-partnership/",
        "/plans/any-plan/",
    ],
)
def test_anonymous_people_are_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{SIGN_IN}?next={url}"


def test_the_accessibility_statement_and_sign_in_are_public(client):
    assert client.get(reverse("accessibility-statement")).status_code == 200
    assert client.get(SIGN_IN).status_code == 200


def test_signing_in_with_the_right_password_goes_home(client):
    factories.PersonFactory(username="chair", password="a-long-demo-password")
    response = client.post(SIGN_IN, {"username": "chair", "password": "a-long-demo-password"})
    assert response.status_code == 302
    assert response["Location"] == HOME


def test_a_wrong_password_shows_the_error_summary(client):
    factories.PersonFactory(username="chair")
    response = client.post(SIGN_IN, {"username": "chair", "password": "wrong"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content
    assert "Enter a correct username and password" in content
    assert "<title>Error: Sign in" in content


def test_repeated_failures_lock_out_that_username_from_that_address(client, settings):
    factories.PersonFactory(username="chair", password="a-long-demo-password")
    factories.PersonFactory(username="colleague", password="a-long-demo-password")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(SIGN_IN, {"username": "chair", "password": "wrong"}, REMOTE_ADDR="10.0.0.1")
    locked = client.post(
        SIGN_IN, {"username": "chair", "password": "a-long-demo-password"}, REMOTE_ADDR="10.0.0.1"
    )
    assert locked.status_code == 429
    assert "Too many attempts to sign in" in locked.content.decode()
    colleague = client.post(
        SIGN_IN,
        {"username": "colleague", "password": "a-long-demo-password"},
        REMOTE_ADDR="10.0.0.1",
    )
    assert colleague.status_code == 302, "a colleague at the same address is not locked out"


def test_signing_out_needs_a_post_and_ends_the_session(client, personas):
    client.force_login(personas.chair)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response["Location"] == SIGN_IN
    assert client.get(HOME).status_code == 302


def test_home_lists_only_the_partnerships_and_plans_a_person_belongs_to(client, personas):
    other_plan = factories.ActionPlanFactory(title="Someone else's plan")
    client.force_login(personas.police_lead)
    content = client.get(HOME).content.decode()
    assert personas.partnership.name in content
    assert personas.plan.title in content
    assert "Member" in content
    assert other_plan.title not in content
    assert other_plan.partnership.name not in content


def test_home_shows_an_empty_state_to_someone_with_no_partnership(client, personas):
    client.force_login(personas.outsider)
    content = client.get(HOME).content.decode()
    assert "You are not a member of any partnership yet." in content
    assert personas.partnership.name not in content


def test_home_runs_a_fixed_number_of_queries(client, personas, django_assert_max_num_queries):
    for _ in range(5):
        factories.MembershipFactory(person=personas.chair)
        factories.ActionPlanFactory(partnership=personas.partnership)
    client.force_login(personas.chair)
    # 1 session, 1 user, 1 partnerships, 1 their plans, 1 the viewer's memberships
    with django_assert_max_num_queries(5):
        response = client.get(HOME)
    assert response.status_code == 200


def test_pages_send_a_content_security_policy_with_a_nonce(client, personas):
    client.force_login(personas.chair)
    response = client.get(HOME)
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert f'<script nonce="{nonce}">' in response.content.decode()

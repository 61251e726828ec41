"""Personas shared by every test: one partnership, each role in it, and an outsider;
and the demo, loaded once per test module."""

import io
import time
from dataclasses import dataclass

import pytest
from allauth.account.internal.flows.login import (
    _AUTHENTICATION_METHODS_USER_SESSION_KEY,
    AUTHENTICATION_METHODS_SESSION_KEY,
)
from allauth.account.internal.userkit import user_id_to_str
from allauth.mfa.utils import is_mfa_enabled
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings

from accounts.middleware import SECOND_FACTOR_SESSION_KEY
from partners.models import Membership, Organisation, Partnership, Person
from partners.rules import needs_second_factor
from tests import factories
from workstreams.models import ActionPlan, Workstream

FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = FAST_PASSWORD_HASHERS


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"


@pytest.fixture(autouse=True)
def _queue_delivers_to_the_test_outbox(settings):
    """The sender hands mail to Django's test outbox; tests run it with tests.mail."""
    settings.MAILER_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with no rendered fragment cached by an earlier one."""
    cache.clear()


def authenticated_at(client, person, *, seconds_ago: float = 0) -> None:
    """Record in the client's session that the person entered their password
    `seconds_ago`, as django-allauth records a sign-in or a re-authentication."""
    session = client.session
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = user_id_to_str(person)
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": time.time() - seconds_ago, "username": person.username}
    ]
    session.save()


@pytest.fixture(autouse=True)
def _force_login_counts_as_signing_in(monkeypatch):
    """A test's force_login stands for signing in just now, with the password and the
    second factor if the person has one: a sensitive change (hcag.reauthentication) goes
    ahead as it would after a sign-in, and the session knows the second factor, as after
    the first page of a sign-in (accounts.middleware), so pages cost the queries they
    would then."""
    force_login = Client.force_login

    def force_login_now(self, user, backend=None):
        force_login(self, user, backend)
        authenticated_at(self, user)
        if is_mfa_enabled(user):
            session = self.session
            session[SECOND_FACTOR_SESSION_KEY] = True
            session.save()

    monkeypatch.setattr(Client, "force_login", force_login_now)


@dataclass
class Personas:
    partnership: Partnership
    plan: ActionPlan
    police: Organisation
    council: Organisation
    commissioner: Organisation
    police_workstream: Workstream
    council_workstream: Workstream
    secretariat: Person
    chair: Person
    police_lead: Person
    council_lead: Person
    community_member: Person
    outsider: Person

    @property
    def members(self) -> list[Person]:
        return [
            self.secretariat,
            self.chair,
            self.police_lead,
            self.council_lead,
            self.community_member,
        ]


@pytest.fixture
def personas(db) -> Personas:
    """A partnership with a plan whose workstream B is led by the police and D by a council."""
    police = factories.OrganisationFactory(name="Test Constabulary", kind="police")
    council = factories.OrganisationFactory(name="Test Borough Council", kind="local-authority")
    commissioner = factories.OrganisationFactory(
        name="Office of the Test Commissioner", kind="commissioner"
    )
    partnership = factories.PartnershipFactory(name="Test Hate Crime Action Group")
    plan = factories.ActionPlanFactory(partnership=partnership, title="Test action plan")

    def member(username, organisation, role):
        person = factories.PersonFactory(username=username, organisation=organisation)
        factories.MembershipFactory(partnership=partnership, person=person, role=role)
        return person

    return Personas(
        partnership=partnership,
        plan=plan,
        police=police,
        council=council,
        commissioner=commissioner,
        police_workstream=factories.WorkstreamFactory(
            plan=plan, letter="B", lead_organisations=[police]
        ),
        council_workstream=factories.WorkstreamFactory(
            plan=plan, letter="D", lead_organisations=[council]
        ),
        secretariat=member("secretariat", commissioner, Membership.Role.SECRETARIAT),
        chair=member("chair", commissioner, Membership.Role.CHAIR),
        police_lead=member("police.lead", police, Membership.Role.MEMBER),
        council_lead=member("council.lead", council, Membership.Role.MEMBER),
        community_member=member("community.member", None, Membership.Role.MEMBER),
        outsider=factories.PersonFactory(username="outsider", organisation=None),
    )


def load_demo(*, second_factors: bool = True) -> str:
    """Run `load_demo` and return what it printed. The demo's service administrators,
    chair and secretariat are given an authenticator app, as if they had set it up at
    their first sign-in, unless `second_factors` is false."""
    output = io.StringIO()
    call_command("load_demo", allow_without_debug=True, stdout=output)
    if second_factors:
        for person in Person.objects.all():
            if needs_second_factor(person):
                factories.second_factor_for(person)
    return output.getvalue()


@pytest.fixture(scope="module")
def _demo_loaded(django_db_setup, django_db_blocker):
    """The demo, loaded once for a module in a transaction that is rolled back after its
    last test. Each test runs in a savepoint inside it (pytest-django's `db`), so every
    test sees the demo as loaded, whatever an earlier test changed."""
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_PASSWORD_HASHERS),
        transaction.atomic(),
    ):
        yield load_demo()
        transaction.set_rollback(True)


@pytest.fixture
def demo(_demo_loaded, db) -> str:
    """The demo, as loaded for this module; the value is what `load_demo` printed. Not for
    tests that need committed data (`transactional_db`, `live_server`)."""
    return _demo_loaded

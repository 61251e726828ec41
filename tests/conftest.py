"""Personas shared by every test: one partnership, each role in it, and an outsider;
and the demo, loaded once per test module."""

import io
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from partners.models import Membership, Organisation, Partnership, Person
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


def load_demo() -> str:
    """Run `load_demo` and return what it printed."""
    output = io.StringIO()
    call_command("load_demo", allow_without_debug=True, stdout=output)
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

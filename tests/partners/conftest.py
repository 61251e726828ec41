"""The people the accounts and membership pages are tried as, beyond the shared personas:
a service administrator, and the secretariat of another partnership."""

import re
from dataclasses import dataclass

import pytest

from partners.models import Membership, Person
from tests import factories
from tests.mail import delivered

INVITATION_LINK = re.compile(r"https?://[^\s]+/invitations/([\w-]+)/")


@pytest.fixture
def service_admin(db) -> Person:
    return factories.PersonFactory(username="service.admin", is_service_admin=True)


@pytest.fixture
def other_secretariat(db) -> Person:
    person = factories.PersonFactory(username="other.secretariat")
    factories.MembershipFactory(person=person, role=Membership.Role.SECRETARIAT)
    return person


@dataclass(frozen=True)
class Sent:
    token: str
    path: str


def last_invitation_link() -> Sent:
    """The link in the latest e-mail sent (from the test mail outbox)."""
    token = INVITATION_LINK.search(delivered()[-1].body).group(1)
    return Sent(token=token, path=f"/invitations/{token}/")

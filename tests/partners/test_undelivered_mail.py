"""The secretariat sees its partnership's e-mail that the mail server has not taken:
waiting to be tried again, or refused for good; nobody else sees it."""

import pytest
from django.urls import reverse

from hcag import mail
from tests import factories
from tests.hcag.test_mail_queue import REFUSED, smtp  # noqa: F401 - the mail server fixture

pytestmark = pytest.mark.django_db


def page_url(partnership):
    return reverse("partners:undelivered-mail", args=[partnership.slug])


def send(partnership, subject, to):
    mail.queue(mail.message(subject=subject, text="Hello", to=[to], partnership_id=partnership.pk))


def test_failed_mail_of_the_partnership_is_listed_with_where_it_stands(client, personas, smtp):  # noqa: F811
    controller, _ = smtp
    elsewhere = factories.PartnershipFactory(name="Elsewhere")
    send(personas.partnership, "Papers for the meeting", "lead@example.org")
    send(elsewhere, "Another partnership's papers", "other@example.org")
    mail.deliver()  # the server is down: both wait
    controller.start()
    send(personas.partnership, "Invitation to join", REFUSED)
    mail.deliver()  # the two waiting are not due again yet; the refusal is for good
    client.force_login(personas.secretariat)
    page = client.get(page_url(personas.partnership)).content.decode()
    assert "Papers for the meeting" in page
    assert mail.WAITING in page
    assert "Invitation to join" in page
    assert mail.REFUSED_FOR_GOOD in page
    assert "Another partnership" not in page
    assert "Messages not delivered (2)" in page


def test_with_everything_delivered_the_page_says_so(client, personas):
    client.force_login(personas.secretariat)
    assert (
        "Every message has been delivered."
        in client.get(page_url(personas.partnership)).content.decode()
    )


@pytest.mark.parametrize(
    ("persona", "status"),
    [("chair", 403), ("police_lead", 403), ("community_member", 403), ("outsider", 404)],
)
def test_only_the_secretariat_sees_it(client, personas, persona, status):
    client.force_login(getattr(personas, persona))
    assert client.get(page_url(personas.partnership)).status_code == status


def test_the_partnership_page_links_to_it_for_the_secretariat_only(client, personas):
    partnership_page = reverse("overview:partnership-detail", args=[personas.partnership.slug])
    client.force_login(personas.secretariat)
    assert page_url(personas.partnership) in client.get(partnership_page).content.decode()
    client.force_login(personas.chair)
    assert page_url(personas.partnership) not in client.get(partnership_page).content.decode()

"""The mail queue against a real SMTP server on loopback (aiosmtpd): a change succeeds
while the server is down, its messages wait, and they are delivered once, with back-off,
when it is back; an address the server refuses for good gets nothing more."""

import datetime
import email
import io
import socket

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from mailer.models import RESULT_FAILURE, DontSendEntry, Message, MessageLog

from hcag import mail
from meetings.models import Meeting
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
REFUSED = "gone@example.org"


class Inbox:
    """What the SMTP server received, one parsed message per recipient."""

    def __init__(self):
        self.messages: list[email.message.Message] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == REFUSED:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.original_content))
        return "250 Message accepted for delivery"

    def recipients(self) -> list[str]:
        return sorted(message["To"] for message in self.messages)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """A mail server on a loopback port, stopped until the test starts it."""
    port = free_port()
    settings.MAILER_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = False, 2
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    yield controller, inbox
    if controller._thread is not None:
        controller.stop()


def an_hour_passes():
    MessageLog.objects.update(when_attempted=timezone.now() - datetime.timedelta(hours=1))


def test_minutes_approved_while_the_mail_server_is_down_are_delivered_once_it_is_back(
    client, personas, smtp
):
    controller, inbox = smtp
    earlier = factories.MeetingFactory(
        partnership=personas.partnership, date=TODAY - 90 * DAY, status="held"
    )
    later = factories.MeetingFactory(
        partnership=personas.partnership, date=TODAY - 7 * DAY, status="held"
    )
    client.force_login(personas.secretariat)
    response = client.post(
        reverse("meetings:minutes-approve", args=[earlier.pk]),
        {"at_meeting": later.pk},
        follow=True,
    )
    assert "The minutes are approved." in response.content.decode()
    assert Meeting.objects.get(pk=earlier.pk).minutes_approved_at == later
    members = sorted(person.email for person in personas.members)
    assert Message.objects.count() == len(members), "waiting in the queue"

    mail.deliver()  # the server refuses connections
    assert Message.objects.deferred().count() == len(members)
    assert MessageLog.objects.filter(result=RESULT_FAILURE).count() == len(members)

    controller.start()
    mail.deliver()
    assert inbox.messages == [], "not tried again until the back-off has passed"
    an_hour_passes()
    mail.deliver()
    mail.deliver()
    assert inbox.recipients() == members, "each delivered once"
    assert not Message.objects.exists()
    first = inbox.messages[0]
    assert "Approved minutes of the quarterly meeting" in first["Subject"]
    assert [part.get_content_type() for part in first.walk()] == [
        "multipart/alternative",
        "text/plain",
        "text/html",
    ]


def test_an_address_refused_for_good_gets_nothing_more(personas, smtp):
    controller, inbox = smtp
    controller.start()
    mail.queue(mail.message(subject="First", text="Hello", to=[REFUSED]))
    mail.queue(mail.message(subject="To someone else", text="Hello", to=["jo@example.org"]))
    mail.deliver()
    assert inbox.recipients() == ["jo@example.org"]
    assert DontSendEntry.objects.filter(to_address=REFUSED).exists()
    assert not Message.objects.exists(), "dropped, not retried"
    assert mail.queue(mail.message(subject="Second", text="Hello", to=[REFUSED.upper()])) == 0


def test_the_deliver_mail_command_sends_what_waits_and_retries_after_the_back_off(personas, smtp):
    controller, inbox = smtp
    mail.queue(mail.message(subject="Papers", text="Hello", to=["jo@example.org"]))
    output = io.StringIO()
    call_command("deliver_mail", stdout=output)
    assert Message.objects.deferred().count() == 1, "the server is down"
    controller.start()
    an_hour_passes()
    call_command("deliver_mail", stdout=output)
    assert inbox.recipients() == ["jo@example.org"]
    assert "Back in the queue after their wait: 1" in output.getvalue()

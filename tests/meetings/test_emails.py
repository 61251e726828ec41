"""Mail about meetings that cannot hang or silently fail: a mail server that accepts a
connection and never answers gives up after EMAIL_TIMEOUT, and nothing that goes into a
header (a meeting's title, in the Subject) holds a line break."""

import json
import os
import socket
import subprocess
import sys
import threading
import time

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone
from mailer.models import Message

from meetings import services
from meetings.forms import MeetingForm
from meetings.models import TITLE_ON_ONE_LINE, Meeting
from tests import factories
from tests.mail import delivered

pytestmark = pytest.mark.django_db

PRODUCTION = {
    "PATH": os.environ["PATH"],
    "DJANGO_SETTINGS_MODULE": "hcag.settings",
    "SECRET_KEY": "a-production-secret-that-is-long-and-random-enough-0123456789",
    "ALLOWED_HOSTS": "hcag.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
}


@pytest.fixture
def silent_mail_server():
    """A server on loopback that accepts connections and never says a word: the port."""
    listener = socket.create_server(("127.0.0.1", 0))
    accepted = []
    stopped = threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stopped.is_set():
            try:
                accepted.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stopped.set()
    thread.join()
    for connection in accepted:
        connection.close()
    listener.close()


def run_python(code: str, environment: dict, timeout: float) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own interpreter with fixed arguments
        [sys.executable, "-c", code],
        env=environment,
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
    )


def test_the_mail_timeout_is_ten_seconds_unless_set():
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps(settings.EMAIL_TIMEOUT))"
    )
    assert json.loads(run_python(code, PRODUCTION, 30).stdout) == 10
    assert json.loads(run_python(code, PRODUCTION | {"EMAIL_TIMEOUT": "3"}, 30).stdout) == 3
    refused = run_python(code, PRODUCTION | {"EMAIL_TIMEOUT": "0"}, 30)
    assert "EMAIL_TIMEOUT must be 1 second or more" in refused.stderr


def test_a_mail_server_that_never_answers_is_given_up_on_after_the_timeout(silent_mail_server):
    """Production settings, as a worker has them: the send fails within EMAIL_TIMEOUT
    instead of holding the worker until the server's own timeout kills it."""
    environment = PRODUCTION | {
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(silent_mail_server),
        "EMAIL_USE_TLS": "false",
        "EMAIL_TIMEOUT": "1",
    }
    code = (
        "import django; django.setup(); from django.conf import settings\n"
        "from django.core.mail import EmailMessage, get_connection\n"
        "message = EmailMessage('Subject', 'Body', None, ['member@example.org'])\n"
        "try:\n    get_connection(settings.MAILER_EMAIL_BACKEND).send_messages([message])\n"
        "except OSError as error:\n    print(error)\n"
    )
    started = time.monotonic()
    result = run_python(code, environment, timeout=20)
    # smtplib reports the socket's timeout as the server having closed the connection.
    assert result.stdout.strip().endswith("timed out"), result.stderr
    assert time.monotonic() - started < 10


def test_publishing_with_a_silent_mail_server_does_not_wait_for_it(
    client, personas, settings, silent_mail_server
):
    """The messages wait in the queue; the page answers without touching the mail server."""
    settings.MAILER_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", silent_mail_server
    settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = False, 1
    meeting = services.meeting_create(partnership=personas.partnership, date=timezone.localdate())
    client.force_login(personas.secretariat)
    started = time.monotonic()
    response = client.post(reverse("meetings:papers-publish", args=[meeting.pk]))
    assert response.status_code == 302
    assert time.monotonic() - started < 1
    assert Message.objects.count() == len(personas.members)


BAD_TITLES = ["Extraordinary\r\nBcc: everyone@example.org", "Two\nlines", "Carriage\rreturn"]


@pytest.mark.parametrize("title", BAD_TITLES)
def test_a_title_with_a_line_break_is_refused_with_a_clear_message(personas, title):
    meeting = factories.MeetingFactory(partnership=personas.partnership)
    data = {"kind": "quarterly", "title": title, "status": "scheduled", "version": 1,
            "date_0": "10", "date_1": "12", "date_2": "2018"}  # fmt: skip
    form = MeetingForm(data, instance=meeting)
    assert form.errors == {"title": [TITLE_ON_ONE_LINE]}
    fields = {name: getattr(meeting, name) for name in Meeting.EDITABLE_FIELDS}
    with pytest.raises(services.ValidationError, match="must be on one line"):
        services.meeting_update(meeting=meeting, expected_version=1, **fields | {"title": title})
    with pytest.raises(services.ValidationError, match="must be on one line"):
        services.meeting_create(partnership=personas.partnership, date=meeting.date, title=title)
    assert Meeting.objects.get(pk=meeting.pk).title == ""


def test_a_title_saved_before_the_rule_still_gives_a_one_line_subject(
    personas, django_capture_on_commit_callbacks
):
    """An old record cannot break the header: the e-mail is sent, its subject on one line."""
    meeting = services.meeting_create(partnership=personas.partnership, date=timezone.localdate())
    Meeting.objects.filter(pk=meeting.pk).update(title=BAD_TITLES[0])
    meeting.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.papers_publish(meeting=meeting)
    assert len(delivered()) == len(personas.members)
    subject = delivered()[0].subject
    assert "\r" not in subject
    assert "\n" not in subject
    assert subject.startswith("Papers for the extraordinary bcc: everyone@example.org on ")

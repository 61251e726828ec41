"""Two senders started at the same moment on PostgreSQL, as on two servers, deliver each
queued message once: django-mailer locks each message's row while sending it."""

import os
import subprocess
import sys

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection
from mailer.models import Message

from hcag import mail
from tests.hcag.test_mail_queue import Inbox, free_port

MESSAGES = 60

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks that keep senders apart"
    ),
]


def sender(port: int) -> subprocess.Popen:
    database = settings.DATABASES["default"]
    environment = {
        **os.environ,
        "DEBUG": "true",
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
            f"{database['NAME']}"
        ),
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
        "EMAIL_USE_TLS": "false",
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", "deliver_mail"],
        cwd=settings.BASE_DIR,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_senders_at_once_deliver_each_message_once():
    port = free_port()
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        for number in range(MESSAGES):
            mail.queue(
                mail.message(
                    subject=f"Message {number}",
                    text="Queued for two senders.",
                    to=[f"person{number}@example.org"],
                )
            )
        senders = [sender(port), sender(port)]
        for process in senders:
            _, errors = process.communicate(timeout=120)
            assert process.returncode == 0, errors
    finally:
        controller.stop()
    subjects = sorted(message["Subject"] for message in inbox.messages)
    assert subjects == sorted(f"Message {number}" for number in range(MESSAGES))
    assert not Message.objects.exists()

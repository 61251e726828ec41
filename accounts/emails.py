"""E-mail about people's accounts: allauth's messages (password reset, confirming a new
address, "your password was changed") and the warning that someone is guessing at an
account. Each is sent with transaction.on_commit, so a change that is rolled back sends
nothing, and a mail server's failure is logged rather than shown as an error page."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage, send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

logger = logging.getLogger(__name__)


def _deliver(message: EmailMessage) -> None:
    try:
        message.send(fail_silently=False)
    except Exception:  # any backend's failure: SMTP, connection, or an e-mail service's API
        logger.exception("Could not send %r to %s", message.subject, message.to)


def send_after_commit(message: EmailMessage) -> None:
    transaction.on_commit(lambda: _deliver(message))


def send_sign_in_attempts_warning(*, email: str, name: str, failures: int, minutes: int) -> None:
    context = {
        "name": name,
        "failures": failures,
        "minutes": minutes,
        "reset_url": settings.SITE_URL + reverse("account_reset_password"),
    }
    body = render_to_string("accounts/emails/sign_in_attempts.txt", context)

    def deliver():
        try:
            send_mail(
                "Someone is trying to sign in to your account",
                body,
                settings.DEFAULT_FROM_EMAIL,
                [email],
                fail_silently=False,
            )
        except Exception:
            logger.exception("Could not warn %s of failed sign-ins", email)

    transaction.on_commit(deliver)

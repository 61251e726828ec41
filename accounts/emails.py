"""E-mail about people's accounts: allauth's messages (password reset, confirming a new
address, "your password was changed") and the warning that someone is guessing at an
account. Each goes into the mail queue in the transaction of the change that caused it."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from hcag import mail


def queue_allauth_message(email: EmailMessage) -> None:
    """allauth renders its own text and HTML parts; they go into the queue as rendered."""
    alternatives = getattr(email, "alternatives", [])
    html = next((content for content, mimetype in alternatives if mimetype == "text/html"), None)
    mail.queue(mail.message(subject=email.subject, text=email.body, to=email.to, html=html))


def send_sign_in_attempts_warning(*, email: str, name: str, failures: int, minutes: int) -> None:
    context = {
        "name": name,
        "failures": failures,
        "minutes": minutes,
        "reset_url": settings.SITE_URL + reverse("account_reset_password"),
    }
    mail.queue(
        mail.message(
            subject="Someone is trying to sign in to your account",
            text=render_to_string("accounts/emails/sign_in_attempts.txt", context),
            to=[email],
        )
    )


def send_second_factor_reset(*, email: str, name: str, by: str, required: bool) -> None:
    context = {
        "name": name,
        "by": by,
        "required": required,
        "sign_in_url": settings.SITE_URL + reverse("login"),
    }
    mail.queue(
        mail.message(
            subject="Your two-factor sign-in has been reset",
            text=render_to_string("accounts/emails/second_factor_reset.txt", context),
            to=[email],
        )
    )

"""Running the mail queue's sender in a test, as `manage.py deliver_mail` does."""

from django.core import mail as django_mail
from django.core.mail import EmailMessage

from hcag import mail


def delivered() -> list[EmailMessage]:
    """Deliver the queue to the test outbox, and what the outbox now holds."""
    mail.deliver()
    return django_mail.outbox

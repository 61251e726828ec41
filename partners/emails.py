"""E-mail inviting someone to a partnership. Services send it with transaction.on_commit,
so nothing is sent for an invitation that is rolled back; whether it went is recorded on
the invitation (`sent_at`), so the secretariat is told to try again rather than shown an
error page."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from partners.models import Invitation

logger = logging.getLogger(__name__)


def send_invitation(invitation: Invitation, token: str) -> bool:
    """E-mail the link (which holds the secret, of which only a hash is kept); True if
    the mail server took it."""
    context = {
        "invitation": invitation,
        "url": settings.SITE_URL + reverse("partners:invitation", args=[token]),
        "role": invitation.get_role_display().lower(),
    }
    try:
        send_mail(
            f"You are invited to join {invitation.partnership.name}",
            render_to_string("partners/emails/invitation.txt", context),
            settings.DEFAULT_FROM_EMAIL,
            [invitation.email],
            fail_silently=False,
        )
    except Exception:  # any backend's failure: SMTP, connection, or an e-mail service's API
        logger.exception("Could not send invitation %s", invitation.pk)
        return False
    sent_at = timezone.now()
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=sent_at)
    invitation.sent_at = sent_at
    return True

"""E-mail inviting someone to a partnership, queued in the transaction that makes the
invitation, so nothing is sent for an invitation that is rolled back and nothing is lost
while the mail server is down."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from hcag import mail
from partners.models import Invitation


def send_invitation(invitation: Invitation, token: str) -> None:
    """Queue the link (which holds the secret, of which only a hash is kept) and record when."""
    context = {
        "invitation": invitation,
        "url": settings.SITE_URL + reverse("partners:invitation", args=[token]),
        "role": invitation.get_role_display().lower(),
    }
    mail.queue(
        mail.message(
            subject=f"You are invited to join {invitation.partnership.name}",
            text=render_to_string("partners/emails/invitation.txt", context),
            to=[invitation.email],
            partnership_id=invitation.partnership_id,
        )
    )
    invitation.sent_at = timezone.now()
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=invitation.sent_at)

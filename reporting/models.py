from django.conf import settings
from django.db import models


class Notification(models.TextChoices):
    """The kinds of e-mail the service sends a person about the reporting cycle."""

    REMINDER = "reminders", "Reminders of updates due for actions you lead"
    STATUS_REVIEWED = "status_reviewed", "When the chair challenges or confirms your status"
    PAPERS_ADDED = "papers_added", "Papers added to a meeting after its papers were published"
    ROUND_DIGEST = "round_digest", "A summary when a reporting round closes"


# Every kind but reminders, which a lead cannot switch off: the updates are their job.
OPTIONAL_NOTIFICATIONS = [
    Notification.STATUS_REVIEWED,
    Notification.PAPERS_ADDED,
    Notification.ROUND_DIGEST,
]


class NotificationSettings(models.Model):
    """Which optional e-mail a person receives. Without a row, they receive all of it."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    status_reviewed = models.BooleanField(Notification.STATUS_REVIEWED.label, default=True)
    papers_added = models.BooleanField(Notification.PAPERS_ADDED.label, default=True)
    round_digest = models.BooleanField(Notification.ROUND_DIGEST.label, default=True)

    class Meta:
        verbose_name_plural = "notification settings"

    def __str__(self):
        return f"Notification settings of {self.person}"

    def receives(self, kind: str) -> bool:
        return kind == Notification.REMINDER or getattr(self, kind)


class SentReminder(models.Model):
    """A reminder (or a round's digest) sent to a person for a meeting's round, so none is
    sent twice, even by two servers running the scheduler at once."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sent_reminders"
    )
    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="sent_reminders"
    )
    # "before-7", "before-1", "after-due": which of the round's reminders it was; "digest".
    kind = models.CharField(max_length=20)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "meeting", "kind"], name="reporting_reminder_sent_once"
            )
        ]

    def __str__(self):
        return f"{self.kind} reminder to {self.person} for {self.meeting}"

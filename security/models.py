"""The security event log: who signed in, failed to, was locked out, refused or
downloaded what, from where. Append-only: an event is written once and only the
retention command (`prune_security_events`) ever deletes it."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from hcag.fields import LimitedTextField

APPEND_ONLY = "Security events are append-only: they cannot be changed."


class SecurityEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError(APPEND_ONLY)


class SecurityEvent(models.Model):
    class Kind(models.TextChoices):
        SIGN_IN = "sign-in", "Sign-in"
        SIGN_OUT = "sign-out", "Sign-out"
        LOCKOUT = "lockout", "Lockout"
        SECOND_FACTOR_ADDED = "second-factor-added", "Second factor added"
        SECOND_FACTOR_USED = "second-factor-used", "Second factor used"
        SECOND_FACTOR_REMOVED = "second-factor-removed", "Second factor removed"
        SECOND_FACTOR_RESET = "second-factor-reset", "Second factor reset"
        RECOVERY_CODE_USED = "recovery-code-used", "Recovery code used"
        PASSWORD_CHANGED = "password-changed", "Password changed"
        PASSWORD_RESET = "password-reset", "Password reset"
        SESSION_TIMED_OUT = "session-timed-out", "Session ended by timeout"
        SESSIONS_ENDED = "sessions-ended", "Other sessions ended"
        ACCESS_REFUSED = "access-refused", "Access refused"
        EXPORT_DOWNLOADED = "export-downloaded", "Export downloaded"
        MEMBERSHIP_CHANGED = "membership-changed", "Membership changed"
        API_TOKEN_CREATED = "api-token-created", "API token created"
        API_TOKEN_REVOKED = "api-token-revoked", "API token revoked"
        API_TOKEN_REFUSED = "api-token-refused", "API token refused"

    class Outcome(models.TextChoices):
        SUCCESS = "success", "Success"
        FAILURE = "failure", "Failure"

    occurred_at = models.DateTimeField(default=timezone.now, db_index=True)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="security_events",
    )
    # What was typed at the sign-in, or the person's username at the time.
    username = models.CharField(max_length=254, blank=True)
    address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=500, blank=True)
    kind = models.CharField(max_length=30, choices=Kind.choices, db_index=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    partnership = models.ForeignKey(
        "partners.Partnership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="security_events",
    )
    detail = LimitedTextField(max_length=1000, blank=True)

    objects = SecurityEventQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.get_outcome_display()}) {self.username}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError(APPEND_ONLY)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError(APPEND_ONLY)

"""Personal API tokens: a member's key for Excel, Power BI or a script, standing for them
with their own memberships. Only a hash of the key is kept; the key is shown once."""

import datetime
import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def usable(self, today: datetime.date | None = None) -> "ApiTokenQuerySet":
        """Neither revoked nor past its expiry date."""
        today = today or timezone.localdate()
        return self.filter(revoked_at__isnull=True, expires_on__gte=today)


class ApiToken(models.Model):
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100, help_text="What it is for, such as “Power BI”.")
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The key's first characters, so that its owner can tell their tokens apart.
    key_start = models.CharField(max_length=12, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_on = models.DateField(help_text="It stops working after this day.")
    last_used_on = models.DateField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.name} ({self.key_start}…)"

    def is_usable(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.revoked_at is None and self.expires_on >= today

    @property
    def state(self) -> str:
        if self.revoked_at is not None:
            return "Revoked"
        return "Active" if self.is_usable() else "Expired"

"""Security events are kept for SECURITY_EVENT_RETENTION_DAYS, then deleted by
`prune_security_events`."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from security.models import SecurityEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def old_and_new(settings):
    settings.SECURITY_EVENT_RETENTION_DAYS = 730
    now = timezone.now()
    old = SecurityEvent.objects.create(
        kind="sign-in", outcome="success", occurred_at=now - datetime.timedelta(days=731)
    )
    new = SecurityEvent.objects.create(
        kind="sign-in", outcome="success", occurred_at=now - datetime.timedelta(days=729)
    )
    return old, new


def prune(*args) -> str:
    output = io.StringIO()
    call_command("prune_security_events", *args, stdout=output)
    return output.getvalue()


def test_events_past_the_retention_period_are_deleted(old_and_new):
    _old, new = old_and_new
    assert "Deleted 1 security event(s)" in prune()
    assert list(SecurityEvent.objects.all()) == [new]


def test_a_dry_run_deletes_nothing(old_and_new):
    assert "Would delete 1 security event(s)" in prune("--dry-run")
    assert SecurityEvent.objects.count() == 2


def test_the_command_explains_itself(capsys):
    with pytest.raises(SystemExit):
        call_command("prune_security_events", "--help")
    assert "SECURITY_EVENT_RETENTION_DAYS" in capsys.readouterr().out

"""Two schedulers started at the same moment on PostgreSQL, as on two servers, queue each
reminder once: the second to record it waits for the first's transaction, then finds it
recorded (the unique constraint) and leaves it."""

import datetime
import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection
from mailer.models import Message

from reporting.models import SentReminder
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def start_scheduler(environment) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "run_scheduled", "--today", "2027-02-22"],
        env=environment,
        cwd=settings.BASE_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_schedulers_at_once_queue_each_reminder_once(personas):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer at a time; the race is PostgreSQL's")
    factories.MeetingFactory(partnership=personas.partnership, date=datetime.date(2026, 12, 14))
    factories.MeetingFactory(partnership=personas.partnership, date=datetime.date(2027, 3, 15))
    factories.ActionFactory(workstream=personas.police_workstream)
    factories.ActionFactory(workstream=personas.council_workstream)
    database = connection.settings_dict
    environment = {
        "PATH": os.environ["PATH"],
        "DEBUG": "true",
        "DJANGO_SETTINGS_MODULE": "hcag.settings",
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
        f"{database['NAME']}",
    }
    schedulers = [start_scheduler(environment), start_scheduler(environment)]
    outputs = [scheduler.communicate(timeout=120) for scheduler in schedulers]
    assert [scheduler.returncode for scheduler in schedulers] == [0, 0], outputs
    queued = sorted(message.to_addresses[0] for message in Message.objects.all())
    assert queued == sorted([personas.police_lead.email, personas.council_lead.email])
    assert SentReminder.objects.count() == 2
    counts = [int(re.search(r"Queued (\d+) reminder", out).group(1)) for out, _ in outputs]
    assert sum(counts) == 2, outputs

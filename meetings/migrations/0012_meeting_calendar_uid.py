"""Each meeting gets a calendar UID of its own. Until now the UID was made from SITE_URL
at every fetch, so changing the address duplicated every meeting in members' calendars.
Existing meetings keep the UID calendars already hold (made from the address now);
new ones get a random one."""

from django.conf import settings
from django.db import migrations, models

import meetings.models


def keep_the_uids_calendars_hold(apps, schema_editor):
    Meeting = apps.get_model("meetings", "Meeting")
    host = settings.SITE_URL.split("://")[-1]
    for pk in Meeting.objects.values_list("pk", flat=True):
        Meeting.objects.filter(pk=pk).update(calendar_uid=f"meeting-{pk}@{host}")


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0011_free_text_limits"),
    ]

    operations = [
        migrations.AddField(
            model_name="meeting",
            name="calendar_uid",
            field=models.CharField(editable=False, max_length=255, null=True),
        ),
        migrations.RunPython(keep_the_uids_calendars_hold, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="meeting",
            name="calendar_uid",
            field=models.CharField(
                default=meetings.models.new_calendar_uid,
                editable=False,
                help_text="Its event's UID in calendar programs, which must never change.",
                max_length=255,
                unique=True,
            ),
        ),
    ]

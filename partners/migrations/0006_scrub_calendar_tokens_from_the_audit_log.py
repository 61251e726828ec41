"""The audit log used to keep each membership's calendar token, a secret; remove it."""

from django.db import migrations


def scrub(apps, schema_editor):
    LogEntry = apps.get_model("auditlog", "LogEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    membership = ContentType.objects.filter(app_label="partners", model="membership").first()
    if membership is None:
        return
    for entry in LogEntry.objects.filter(
        content_type=membership, changes__has_key="calendar_token"
    ):
        del entry.changes["calendar_token"]
        entry.save(update_fields=["changes"])


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0005_small_number_threshold"),
        ("auditlog", "__latest__"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(scrub, migrations.RunPython.noop)]

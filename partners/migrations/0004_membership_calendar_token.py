"""Give every membership its own secret calendar address: add the column, fill each row
with a fresh UUID, then make it unique (Django's recipe for unique callable defaults)."""

import uuid

from django.db import migrations, models


def fill_tokens(apps, schema_editor):
    Membership = apps.get_model("partners", "Membership")
    for membership in Membership.objects.filter(calendar_token__isnull=True):
        membership.calendar_token = uuid.uuid4()
        membership.save(update_fields=["calendar_token"])


class Migration(migrations.Migration):
    dependencies = [("partners", "0003_order_by_key_columns")]

    operations = [
        migrations.AddField(
            model_name="membership",
            name="calendar_token",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(fill_tokens, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="membership",
            name="calendar_token",
            field=models.UUIDField(
                default=uuid.uuid4,
                editable=False,
                unique=True,
                help_text="The secret in this member's calendar subscription address.",
            ),
        ),
    ]

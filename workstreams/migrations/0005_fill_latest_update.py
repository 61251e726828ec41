"""Point every existing action at its latest progress update."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def fill(apps, schema_editor):
    Action = apps.get_model("workstreams", "Action")
    ProgressUpdate = apps.get_model("workstreams", "ProgressUpdate")
    latest = ProgressUpdate.objects.filter(action=OuterRef("pk")).order_by(
        "-as_at", "-created_at", "-pk"
    )
    Action.objects.update(latest_update=Subquery(latest.values("pk")[:1]))


class Migration(migrations.Migration):
    dependencies = [("workstreams", "0004_action_latest_update")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]

"""Create the fixed vocabulary of monitored hate-crime strands."""

from django.db import migrations

STRANDS = [
    ("race", 1),
    ("religion", 2),
    ("sexual-orientation", 3),
    ("disability", 4),
    ("transgender", 5),
]


def create_strands(apps, schema_editor):
    Strand = apps.get_model("partners", "Strand")
    for code, position in STRANDS:
        Strand.objects.update_or_create(code=code, defaults={"position": position})


class Migration(migrations.Migration):
    dependencies = [("partners", "0001_initial")]

    operations = [migrations.RunPython(create_strands, migrations.RunPython.noop)]

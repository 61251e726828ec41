"""An action records when it closed (done or dropped), not only when it was done."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0005_document_checks"),
    ]

    operations = [
        migrations.RenameField(
            model_name="meetingaction", old_name="completed_on", new_name="closed_on"
        ),
        migrations.AlterField(
            model_name="meetingaction",
            name="closed_on",
            field=models.DateField(
                blank=True,
                help_text="When it was marked done or dropped, so that each meeting's action "
                "log shows the actions open at that meeting.",
                null=True,
            ),
        ),
    ]

from crispy_forms_gds.layout import Field
from django import forms

from hcag.forms import GovukDateField, form_helper, say_what_to_do
from partners.models import Partnership
from reporting.models import OPTIONAL_NOTIFICATIONS, NotificationSettings


class WorkingDaysForm(forms.ModelForm):
    class Meta:
        model = Partnership
        fields = ["update_due_working_days"]
        labels = {"update_due_working_days": "Updates are due this many working days before"}
        help_texts = {
            "update_due_working_days": "Weekends and bank holidays in England and Wales do "
            "not count. Each meeting's round uses it unless you move that round's date."
        }
        error_messages = {
            "update_due_working_days": {
                "required": "Enter the number of working days",
                "invalid": "Enter a whole number, like 10",
                "min_value": "The number of working days must be 1 or more",
                "max_value": "The number of working days must be 40 or fewer",
            }
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.text("update_due_working_days", field_width=2), submit="Save"
        )


class DueDateForm(forms.Form):
    """A round's due date, at the meeting's version when the form was shown, so that a
    save over someone else's change is refused."""

    updates_due_on = GovukDateField(
        label="Updates due on",
        label_text="due date",
        required=False,
        help_text="Leave it empty to go back to the usual number of working days before "
        "the meeting.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, meeting, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("updates_due_on", meeting.updates_due_on)
        kwargs["initial"].setdefault("version", meeting.version)
        super().__init__(*args, **kwargs)
        say_what_to_do(self, {})
        self.helper = form_helper(Field("updates_due_on"), "version", submit="Save due date")


class NotificationSettingsForm(forms.ModelForm):
    class Meta:
        model = NotificationSettings
        fields = OPTIONAL_NOTIFICATIONS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            *(Field.checkbox(kind) for kind in OPTIONAL_NOTIFICATIONS), submit="Save settings"
        )

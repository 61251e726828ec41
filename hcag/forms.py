"""What every form shares: GOV.UK messages that name the field, date and time fields, and
the form helper."""

import datetime
from pathlib import Path

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Field, Fieldset, Layout, Size, Submit
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.text import capfirst

from hcag.tables import NOT_A_TABLE, ImportRejected, Problem

RELOAD_THE_PAGE = "This page was out of date: reload it, then make your changes again"
TIME_HINT = "On the 24-hour clock, for example 10:00"


class GovukDateField(DateInputField):
    """GOV.UK's date input (day, month and year boxes) with messages that say what to fix."""

    def __init__(self, *, label_text: str, **kwargs):
        super().__init__(require_all_fields=False, **kwargs)
        self.label_text = label_text
        self.error_messages["required"] = f"Enter the {label_text}"
        for part, name in zip(self.fields, ["day", "month", "year"], strict=True):
            part.error_messages["incomplete"] = f"The {label_text} must include a {name}"
            part.validators[0].message = f"The {label_text} must be a real date, like 27 3 2019"

    def compress(self, data_list):
        try:
            return super().compress(data_list)
        except ValidationError:
            raise ValidationError(
                f"The {self.label_text} must be a real date, like 27 3 2019", code="invalid"
            ) from None


def text_box(form: forms.BaseForm, name: str, *, rows: int) -> Field:
    """A textarea that counts the characters left, up to the field's length limit
    (GOV.UK's character count)."""
    limit = form.fields[name].max_length
    # crispy-forms-gds 2.0 adds the count to aria-describedby, which it only sets when
    # the field has a hint: start it empty for a field without one.
    return Field.textarea(name, rows=rows, max_characters=limit, aria_describedby="")


def form_helper(
    *fields, submit: str, legend_size: str = Size.SMALL, submit_name: str = "submit"
) -> FormHelper:
    """A GOV.UK form helper: the view's template writes the <form> tag and CSRF token. The
    button ignores a second click, as GOV.UK recommends, so a form is not sent twice.
    `submit_name` names the button, for a view that reads which one was pressed."""
    form_helper = FormHelper()
    form_helper.form_tag = False
    form_helper.disable_csrf = True
    form_helper.label_size = Size.SMALL
    form_helper.legend_size = legend_size
    form_helper.layout = Layout(
        *fields, Submit(submit_name, submit, data_prevent_double_click="true")
    )
    return form_helper


def _django_defaults(field: forms.Field) -> dict:
    messages = {}
    for cls in reversed(type(field).__mro__):
        messages.update(getattr(cls, "default_error_messages", {}))
    return messages


def _messages_naming(field: forms.Field, what: str) -> dict[str, str]:
    """GOV.UK's messages for a field that a sentence calls `what`."""
    choosing = isinstance(field, forms.ChoiceField | forms.ModelChoiceField | forms.FileField)
    options = isinstance(field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)
    choose_again = f"Choose {what} from the {'options' if options else 'list'}"
    messages = {
        "required": f"Choose {what}" if choosing else f"Enter {what}",
        "invalid_choice": choose_again,
        "invalid_pk_value": choose_again,
        "invalid_list": choose_again,
    }
    if isinstance(field, forms.IntegerField):
        messages["invalid"] = f"{capfirst(what)} must be a whole number, like 4"
    if isinstance(field, forms.FileField):
        messages |= {
            "invalid": f"Choose {what} again",
            "missing": f"Choose {what}",
            "empty": "The selected file is empty",
            "contradiction": f"Either choose a new file for {what} or remove it, not both",
        }
        if field.max_length:
            messages["max_length"] = (
                f"The name of {what} must be {field.max_length} characters or fewer: "
                "rename it, then choose it again"
            )
    elif getattr(field, "max_length", None):
        messages["max_length"] = f"{capfirst(what)} must be {field.max_length} characters or fewer"
    if isinstance(field, forms.CharField):
        messages["null_characters_not_allowed"] = (
            f"{capfirst(what)} holds a character that cannot be saved: type it rather than "
            "pasting it"
        )
    if getattr(field, "min_value", None) is not None:
        messages["min_value"] = f"{capfirst(what)} must be {field.min_value} or more"
    if getattr(field, "max_value", None) is not None:
        messages["max_value"] = f"{capfirst(what)} must be {field.max_value} or fewer"
    return messages


def say_what_to_do(form: forms.BaseForm, names: dict[str, str]) -> None:
    """Replace Django's messages ("This field is required.", "Ensure this value is
    greater than or equal to 1.") with GOV.UK's, which name the field and say what to
    do: "Enter the title of the item", "Choose the kind of meeting". `names` says how a
    sentence calls each field. A message the form sets itself is kept; a hidden field
    (the version a page was shown at) says to reload the page."""
    for name, field in form.fields.items():
        if isinstance(field.widget, forms.HiddenInput):
            messages = dict.fromkeys(field.error_messages, RELOAD_THE_PAGE)
        elif name in names:
            messages = _messages_naming(field, names[name])
        else:
            continue
        defaults = _django_defaults(field)
        for code, message in messages.items():
            if code not in field.error_messages or field.error_messages[code] == defaults.get(code):
                field.error_messages[code] = message


class GovukTimeField(forms.TimeField):
    """A time typed as hours and minutes in GOV.UK's text input. A plain TextInput, not
    Django's TimeInput, since crispy-forms-gds gives only a TextInput the govuk-input
    class and its error styling; the time is shown as hours and minutes here instead."""

    widget = forms.TextInput

    def prepare_value(self, value):
        return value.strftime("%H:%M") if isinstance(value, datetime.time) else value


def time_field(label, **kwargs):
    return GovukTimeField(
        label=label,
        help_text=TIME_HINT,
        input_formats=["%H:%M", "%H.%M"],
        error_messages={"invalid": f"Enter the {label.lower()} as hours and minutes, like 10:00"},
        **kwargs,
    )


def filter_form_helper(*fields, legend: str, button: str) -> FormHelper:
    """A list's filters: a GET form whose address holds only the filters."""
    helper = FormHelper()
    helper.form_method = "get"
    helper.label_size = Size.SMALL
    helper.layout = Layout(
        Fieldset(*fields, legend=legend, legend_size=Size.MEDIUM),
        # A nameless button, so that the filtered page's address holds only the filters.
        HTML(
            '<button type="submit" class="govuk-button govuk-button--secondary" '
            f'data-module="govuk-button">{button}</button>'
        ),
    )
    return helper


TABLE_SUFFIXES = {".csv", ".xlsx"}
PROBLEMS_SHOWN = 100  # on the page; all of them are in the download
TOO_LARGE = "The file must be smaller than {limit}"
EMPTY = "The file is empty"
PROBLEMS = "The file has {count} problems, so nothing was imported: fix them and upload it again"
ONE_PROBLEM = "The file has a problem, so nothing was imported: fix it and upload it again"


class TableUploadForm(forms.Form):
    """An upload of a CSV file or workbook to import (hcag.tables), with its field
    `file`; the problems an importer found in it, listed on the page row by row."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.problems: list[Problem] = []

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in TABLE_SUFFIXES:
            raise forms.ValidationError(NOT_A_TABLE)
        if upload.size == 0:
            raise forms.ValidationError(EMPTY)
        if upload.size > settings.UPLOAD_MAX_BYTES:
            limit = filesizeformat(settings.UPLOAD_MAX_BYTES)
            raise forms.ValidationError(TOO_LARGE.format(limit=limit))
        return upload

    def reject(self, rejected: ImportRejected) -> None:
        """Show why the importer refused the file."""
        self.problems = [p for p in rejected.problems if isinstance(p, Problem)]
        self.add_error("file", _rejection_message(rejected.problems))

    @property
    def problems_shown(self) -> list[Problem]:
        return self.problems[:PROBLEMS_SHOWN]


def _rejection_message(problems: list) -> str:
    """A problem with the file as a whole is the message; problems in rows are listed
    on the page, and the message counts them."""
    if len(problems) == 1:
        return problems[0] if isinstance(problems[0], str) else ONE_PROBLEM
    return PROBLEMS.format(count=len(problems))

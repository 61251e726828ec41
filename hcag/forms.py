from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError


class SignInForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.pop("autofocus", None)
        self.helper = form_helper(
            Field.text("username", field_width=20),
            Field.text("password", field_width=20),
            submit="Sign in",
        )


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


def form_helper(*fields, submit: str, legend_size: str = Size.SMALL) -> FormHelper:
    """A GOV.UK form helper: the view's template writes the <form> tag and CSRF token. The
    button ignores a second click, as GOV.UK recommends, so a form is not sent twice."""
    form_helper = FormHelper()
    form_helper.form_tag = False
    form_helper.disable_csrf = True
    form_helper.label_size = Size.SMALL
    form_helper.legend_size = legend_size
    form_helper.layout = Layout(*fields, Submit("submit", submit, data_prevent_double_click="true"))
    return form_helper

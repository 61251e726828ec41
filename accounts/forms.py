"""django-allauth's forms, with GOV.UK labels and messages (ACCOUNT_FORMS), and the form
that changes a person's name."""

from allauth.account import forms as allauth_forms
from allauth.core import context, ratelimit
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.recovery_codes import forms as recovery_code_forms
from allauth.mfa.totp import forms as totp_forms
from allauth.mfa.webauthn import forms as webauthn_forms
from crispy_forms_gds.layout import Field
from django import forms
from django.core.exceptions import ValidationError

from hcag.forms import form_helper, say_what_to_do
from partners.models import Person

PASSWORDS_DIFFER = "Enter the same new password in both boxes"


def _no_placeholders(form: forms.BaseForm) -> None:
    """GOV.UK's inputs have labels, never placeholders; allauth's help text on the
    password box links to a reset page the template links to itself."""
    for field in form.fields.values():
        field.widget.attrs.pop("placeholder", None)
        field.widget.attrs.pop("autofocus", None)


def _password_boxes_match(form: forms.Form) -> None:
    if "password2" in form.errors:
        form.errors["password2"] = form.error_class([PASSWORDS_DIFFER])


class SignInForm(allauth_forms.LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _no_placeholders(self)
        self.fields["login"].label = "Username or email address"
        self.fields["login"].max_length = 254
        self.fields["password"].help_text = ""
        say_what_to_do(
            self, {"login": "your username or email address", "password": "your password"}
        )
        self.helper = form_helper(
            Field.text("login", field_width=20, autocomplete="username", spellcheck="false"),
            Field.text("password", field_width=20),
            submit="Sign in",
        )


class PasswordResetForm(allauth_forms.ResetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _no_placeholders(self)
        self.fields["email"].label = "Email address"
        self.fields["email"].error_messages["invalid"] = (
            "Enter an email address in the correct format, like name@example.com"
        )
        say_what_to_do(self, {"email": "your email address"})
        self.helper = form_helper(
            Field.text("email", autocomplete="email", spellcheck="false"),
            submit="Send the link",
        )


class _NewPasswordMixin:
    def _set_up_new_password(self):
        _no_placeholders(self)
        self.fields["password1"].label = "New password"
        self.fields["password2"].label = "Confirm the new password"
        say_what_to_do(self, {"password1": "a new password", "password2": "the new password again"})

    def clean(self):
        cleaned = super().clean()
        _password_boxes_match(self)
        return cleaned


class NewPasswordForm(_NewPasswordMixin, allauth_forms.ResetPasswordKeyForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._set_up_new_password()
        self.helper = form_helper(
            Field.text("password1", field_width=20),
            Field.text("password2", field_width=20),
            submit="Set the password",
        )


class PasswordChangeForm(_NewPasswordMixin, allauth_forms.ChangePasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._set_up_new_password()
        self.fields["oldpassword"].label = "Current password"
        self.fields["oldpassword"].help_text = ""
        say_what_to_do(self, {"oldpassword": "your current password"})
        self.helper = form_helper(
            Field.text("oldpassword", field_width=20),
            Field.text("password1", field_width=20),
            Field.text("password2", field_width=20),
            submit="Change the password",
        )


class EmailChangeForm(allauth_forms.AddEmailForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _no_placeholders(self)
        self.fields["email"].label = "New email address"
        self.fields[
            "email"
        ].help_text = "We will send a link to it: the change is made when you follow it."
        self.fields["email"].error_messages["invalid"] = (
            "Enter an email address in the correct format, like name@example.com"
        )
        say_what_to_do(self, {"email": "your new email address"})
        self.helper = form_helper(
            Field.text("email", autocomplete="email", spellcheck="false"),
            submit="Send the link",
            submit_name="action_add",
        )


class ReauthenticateForm(allauth_forms.ReauthenticateForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _no_placeholders(self)
        self.fields["password"].help_text = ""
        say_what_to_do(self, {"password": "your password"})
        self.helper = form_helper(Field.text("password", field_width=20), submit="Continue")


def _code_box(form: forms.Form, *, label: str, hint: str, submit: str) -> None:
    _no_placeholders(form)
    form.fields["code"].label = label
    form.fields["code"].help_text = hint
    form.fields["code"].max_length = 20
    say_what_to_do(form, {"code": "the code"})
    form.helper = form_helper(
        Field.text(
            "code",
            field_width=10,
            autocomplete="one-time-code",
            inputmode="numeric",
            spellcheck="false",
        ),
        submit=submit,
    )


SECOND_FACTOR_HINT = (
    "The 6-digit code your authenticator app shows now, or one of your 8-digit recovery "
    "codes if you do not have the app with you."
)


TOO_MANY_WRONG_CODES = (
    "There have been too many wrong codes for this account: wait 15 minutes, then try again"
)


class _WrongCodesLimited:
    """Wrong codes are limited per account (ACCOUNT_RATE_LIMITS["second_factor_failed"]),
    from whatever address, so that nobody who has the password can go through the codes;
    only someone who has the password can trip the limit."""

    def clean_code(self):
        key = f"second-factor-{self.user.pk}"
        request = context.request
        if not ratelimit.consume(request, action="second_factor_failed", key=key, dry_run=True):
            raise ValidationError(TOO_MANY_WRONG_CODES)
        try:
            return super().clean_code()
        except ValidationError:
            ratelimit.consume(request, action="second_factor_failed", key=key)
            raise


class SecondFactorForm(_WrongCodesLimited, mfa_forms.AuthenticateForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _code_box(self, label="Code", hint=SECOND_FACTOR_HINT, submit="Sign in")


class SecondFactorReauthenticateForm(_WrongCodesLimited, mfa_forms.ReauthenticateForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _code_box(self, label="Code", hint=SECOND_FACTOR_HINT, submit="Continue")


class ActivateTOTPForm(totp_forms.ActivateTOTPForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _code_box(
            self,
            label="Code from the app",
            hint="The 6-digit code the app shows once it has the key.",
            submit="Turn on two-factor sign-in",
        )


class DeactivateTOTPForm(totp_forms.DeactivateTOTPForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(submit="Turn off the authenticator app")


class GenerateRecoveryCodesForm(recovery_code_forms.GenerateRecoveryCodesForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(submit="Make new recovery codes")


def _key_name(form: forms.Form) -> None:
    _no_placeholders(form)
    form.fields["name"].label = "Name of the key"
    form.fields["name"].help_text = "So that you can tell it from your others, like “Blue USB key”."
    form.fields["name"].max_length = 100
    say_what_to_do(form, {"name": "a name for the key"})


class AddSecurityKeyForm(webauthn_forms.AddWebAuthnForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _key_name(self)


class RenameSecurityKeyForm(webauthn_forms.EditWebAuthnForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _key_name(self)


class SecondFactorResetForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(submit="Reset two-factor sign-in")


class NameForm(forms.ModelForm):
    """A person's name as the service shows it to the partnerships they belong to."""

    class Meta:
        model = Person
        fields = ["first_name", "last_name", "job_title"]
        labels = {"first_name": "First name", "last_name": "Last name", "job_title": "Job title"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True
        self.fields["job_title"].help_text = "Optional."
        say_what_to_do(
            self,
            {
                "first_name": "your first name",
                "last_name": "your last name",
                "job_title": "your job title",
            },
        )
        self.helper = form_helper(
            Field.text("first_name", field_width=20, autocomplete="given-name"),
            Field.text("last_name", field_width=20, autocomplete="family-name"),
            Field.text("job_title", autocomplete="organization-title"),
            submit="Save",
        )

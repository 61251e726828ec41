"""Forms for setting up partnerships, the organisations register, members and
invitations."""

from crispy_forms_gds.layout import Field, Size
from django import forms
from django.contrib.auth import password_validation
from django.core.validators import MaxValueValidator, MinValueValidator

from hcag.forms import RELOAD_THE_PAGE, GovukDateField, form_helper, say_what_to_do
from partners.models import Membership, Organisation, Partnership, Person, Strand

EMAIL_FORMAT = "Enter an email address in the correct format, like name@example.com"
PASSWORDS_DIFFER = "Enter the same password in both boxes"

SEARCH_LABEL = "Search by name or organisation"
COMMUNITY_MEMBER = "None: a community member"
USERNAME_CHARACTERS = "A username can only contain letters, numbers and @ . + - _"
USERNAME_TAKEN = "That username is taken: choose another"


def _version_as_shown(version: int, record) -> int:
    """The record's version when its form was shown (see hcag.editing): one it has had."""
    if not 1 <= version <= record.version:
        raise forms.ValidationError(RELOAD_THE_PAGE)
    return version


class _VersionedForm(forms.Form):
    """Carries the record's version when the form was shown."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, record, **kwargs):
        super().__init__(*args, **kwargs)
        self.record = record
        if not self.is_bound:
            self.initial.setdefault("version", record.version)

    def clean_version(self):
        return _version_as_shown(self.cleaned_data["version"], self.record)


def _organisation_choice(label, *, required, help_text="", empty_label=COMMUNITY_MEMBER):
    return forms.ModelChoiceField(
        label=label,
        queryset=Organisation.objects.offered(),
        required=required,
        empty_label=empty_label,
        help_text=help_text,
    )


def _roles_field(**kwargs):
    return forms.ChoiceField(
        label="Role", choices=Membership.Role.choices, widget=forms.RadioSelect, **kwargs
    )


def _strands_field():
    return forms.ModelMultipleChoiceField(
        label="Strands they represent",
        queryset=Strand.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="For a community member: the strands of hate crime whose interests they "
        "represent.",
    )


class PartnershipCreateForm(forms.ModelForm):
    secretariat_email = forms.EmailField(
        label="Email address of its first secretariat member",
        help_text="We will email them an invitation to set up their account.",
    )
    secretariat_organisation = _organisation_choice(
        "Their organisation",
        required=True,
        empty_label="Choose an organisation",
        help_text="Such as the commissioner's office. Not in the list? Add it to the "
        "organisations register first.",
    )

    class Meta:
        model = Partnership
        fields = [
            "name",
            "short_name",
            "slug",
            "small_number_threshold",
            "reports_to",
            "advised_by",
        ]
        labels = {
            "name": "Name",
            "short_name": "Short name",
            "slug": "Short address",
            "small_number_threshold": "Small-number threshold",
            "reports_to": "Partnership boards it reports to",
            "advised_by": "Independent advisory groups that advise it",
        }
        help_texts = {
            "short_name": "Optional. An abbreviation, such as JHCAG.",
            "slug": "Used in the partnership's web addresses: lower-case letters, numbers "
            "and hyphens, such as darlington-domestic-abuse.",
            "small_number_threshold": "Counts below this are shown as “fewer than …” to "
            "everyone but the secretariat. 5 is usual.",
        }
        widgets = {
            "reports_to": forms.CheckboxSelectMultiple,
            "advised_by": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offered = Organisation.objects.offered()
        self.fields["reports_to"].queryset = offered.filter(
            kind=Organisation.Kind.PARTNERSHIP_BOARD
        )
        self.fields["advised_by"].queryset = offered.filter(kind=Organisation.Kind.ADVISORY_GROUP)
        self.fields[
            "reports_to"
        ].help_text = (
            "Optional. Boards are organisations of the kind “Partnership board” in the register."
        )
        self.fields[
            "advised_by"
        ].help_text = (
            "Optional. Organisations of the kind “Independent advisory group” in the register."
        )
        threshold = self.fields["small_number_threshold"]
        threshold.min_value, threshold.max_value = 1, 1000
        threshold.validators = [MinValueValidator(1), MaxValueValidator(1000)]
        self.fields["secretariat_email"].error_messages["invalid"] = EMAIL_FORMAT
        self.fields["slug"].error_messages["invalid"] = (
            "The short address must contain only lower-case letters, numbers and hyphens"
        )
        say_what_to_do(
            self,
            {
                "name": "the name of the partnership",
                "short_name": "the short name",
                "slug": "the short address",
                "small_number_threshold": "the small-number threshold",
                "reports_to": "the boards it reports to",
                "advised_by": "the advisory groups",
                "secretariat_email": "the email address of its first secretariat member",
                "secretariat_organisation": "their organisation",
            },
        )
        self.helper = form_helper(
            Field.text("name"),
            Field.text("short_name", field_width=10),
            Field.text("slug", field_width=20, spellcheck="false"),
            Field.text("small_number_threshold", field_width=3, inputmode="numeric"),
            Field.checkboxes("reports_to", small=True),
            Field.checkboxes("advised_by", small=True),
            Field.text("secretariat_email", autocomplete="off", spellcheck="false"),
            Field.select("secretariat_organisation"),
            submit="Create the partnership and send the invitation",
            legend_size=Size.SMALL,
        )

    def clean_slug(self):
        return self.cleaned_data["slug"].lower()

    def _post_clean(self):
        """The service checks the partnership, since it writes it; ModelForm's own
        checks would say the same things in Django's words."""


class OrganisationForm(forms.ModelForm):
    website = forms.URLField(
        label="Website",
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text="Optional.",
    )

    class Meta:
        model = Organisation
        fields = Organisation.EDITABLE_FIELDS
        labels = {
            "name": "Name",
            "short_name": "Short name",
            "kind": "Kind of organisation",
            "website": "Website",
        }
        help_texts = {
            "name": "In full, as the organisation writes it, such as Durham Constabulary.",
            "short_name": "Optional. An abbreviation used in tables, such as VCAS.",
            "website": "Optional.",
        }

    def __init__(self, *args, submit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].error_messages["invalid"] = (
            "Enter the website's address in the correct format, like https://www.example.org"
        )
        say_what_to_do(
            self,
            {
                "name": "the name of the organisation",
                "short_name": "the short name",
                "kind": "the kind of organisation",
                "website": "the website's address",
            },
        )
        self.helper = form_helper(
            Field.text("name"),
            Field.text("short_name", field_width=10),
            Field.select("kind"),
            Field.text("website", spellcheck="false"),
            *(["version"] if "version" in self.fields else []),
            submit=submit,
        )

    def _post_clean(self):
        """The service cleans the organisation (its name's uniqueness included)."""


class OrganisationEditForm(OrganisationForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, submit="Save changes", **kwargs)
        if not self.is_bound:
            self.initial["version"] = self.instance.version
        say_what_to_do(self, {})

    def clean_version(self):
        return _version_as_shown(self.cleaned_data["version"], self.instance)


class OrganisationMergeForm(forms.Form):
    survivor = forms.ModelChoiceField(
        label="The organisation to keep",
        queryset=Organisation.objects.none(),
        empty_label="Choose the organisation to keep",
        help_text="Its name stays; everything that names the duplicate moves to it.",
    )

    def __init__(self, *args, duplicate, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["survivor"].queryset = Organisation.objects.offered().exclude(pk=duplicate.pk)
        say_what_to_do(self, {"survivor": "the organisation to keep"})
        self.helper = form_helper(Field.select("survivor"), submit="Continue")


class SearchForm(forms.Form):
    q = forms.CharField(label=SEARCH_LABEL, required=False, max_length=100)

    def search(self) -> str:
        return self.cleaned_data.get("q", "") if self.is_valid() else ""


class InvitationForm(forms.Form):
    email = forms.EmailField(label="Email address")
    role = _roles_field(initial=Membership.Role.MEMBER)
    organisation = _organisation_choice(
        "Organisation",
        required=False,
        help_text="The organisation they represent. Leave as it is for a community member. "
        "Not in the list? Add it to the organisations register first.",
    )
    strands = _strands_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].error_messages["invalid"] = EMAIL_FORMAT
        say_what_to_do(
            self,
            {
                "email": "their email address",
                "role": "their role",
                "organisation": "their organisation",
                "strands": "the strands they represent",
            },
        )
        self.helper = form_helper(
            Field.text("email", autocomplete="off", spellcheck="false"),
            Field.radios("role", legend_size=Size.SMALL, small=True),
            Field.select("organisation"),
            Field.checkboxes("strands", legend_size=Size.SMALL, small=True),
            submit="Send the invitation",
        )


class MembershipEditForm(_VersionedForm):
    role = _roles_field()
    strands = _strands_field()

    def __init__(self, *args, record, **kwargs):
        super().__init__(*args, record=record, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("role", record.role)
            self.initial.setdefault("strands", list(record.strands.all()))
        say_what_to_do(self, {"role": "their role", "strands": "the strands they represent"})
        self.helper = form_helper(
            Field.radios("role", legend_size=Size.SMALL, small=True),
            Field.checkboxes("strands", legend_size=Size.SMALL, small=True),
            "version",
            submit="Save changes",
        )


class MembershipEndForm(_VersionedForm):
    ended_on = GovukDateField(
        label="Last day of the membership",
        label_text="last day of the membership",
        help_text="Today or earlier, for example 27 3 2026. They lose access at once.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        say_what_to_do(self, {})
        self.helper = form_helper(Field("ended_on"), "version", submit="End the membership")


class NewAccountForm(forms.Form):
    """What someone accepting an invitation sets: their name, username and password."""

    first_name = forms.CharField(label="First name", max_length=150)
    last_name = forms.CharField(label="Last name", max_length=150)
    username = forms.CharField(
        label="Create a username",
        max_length=150,
        help_text="You sign in with it, or with your email address. Letters, numbers and "
        "@ . + - _ only.",
    )
    password1 = forms.CharField(
        label="Create a password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 12 characters. A few words together are easy to remember and "
        "hard to guess.",
    )
    password2 = forms.CharField(
        label="Confirm the password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, invitation, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = invitation
        if not self.is_bound:
            self.initial["username"] = invitation.email.split("@")[0].lower()
        say_what_to_do(
            self,
            {
                "first_name": "your first name",
                "last_name": "your last name",
                "username": "a username",
                "password1": "a password",
                "password2": "the password again",
            },
        )
        self.helper = form_helper(
            Field.text("first_name", field_width=20, autocomplete="given-name"),
            Field.text("last_name", field_width=20, autocomplete="family-name"),
            Field.text("username", field_width=20, autocomplete="username", spellcheck="false"),
            Field.text("password1", field_width=20),
            Field.text("password2", field_width=20),
            submit="Create your account and accept",
        )

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        try:
            Person.username_validator(username)
        except forms.ValidationError:
            raise forms.ValidationError(USERNAME_CHARACTERS) from None
        if Person.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(USERNAME_TAKEN)
        return username

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", PASSWORDS_DIFFER)
        elif first:
            person = Person(
                username=cleaned.get("username", ""),
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
                email=self.invitation.email,
            )
            try:
                password_validation.validate_password(first, person)
            except forms.ValidationError as problems:
                self.add_error("password1", problems)
        return cleaned

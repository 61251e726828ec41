"""The secretariat's choices of what a partnership publishes.

Each form carries what it showed when it was opened (hidden ``shown_…`` fields), so that
saving it changes only what its sender changed: a choice someone else made meanwhile,
which the sender left as they saw it, stands."""

from crispy_forms_gds.layout import Field
from django import forms

from hcag.forms import form_helper
from partners.models import Partnership


class PartnershipPublishingForm(forms.Form):
    public_page = forms.BooleanField(
        label="Publish the public page and open data",
        help_text="Anyone can then read, without signing in, the group's purpose and terms of "
        "reference, the confirmed progress of its public workstreams and actions, the date "
        "of its next meeting, the decisions of approved minutes and its statistics with "
        "small numbers hidden. No one's name is shown.",
        required=False,
    )
    open_data_licence = forms.ChoiceField(
        label="Licence of the open data",
        choices=Partnership.OpenDataLicence.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the licence the open data is published under"},
    )
    shown_public_page = forms.BooleanField(widget=forms.HiddenInput, required=False)
    shown_open_data_licence = forms.CharField(widget=forms.HiddenInput, required=False)

    FIELDS = ["public_page", "open_data_licence"]

    def __init__(self, *args, partnership: Partnership, **kwargs):
        initial = {name: getattr(partnership, name) for name in self.FIELDS}
        initial |= {f"shown_{name}": value for name, value in initial.items()}
        super().__init__(*args, initial=initial, **kwargs)
        self.helper = form_helper(
            Field.checkbox("public_page", small=True),
            Field.radios("open_data_licence", small=True),
            "shown_public_page",
            "shown_open_data_licence",
            submit="Save",
        )

    def changes(self) -> dict:
        """The choices the sender changed from what the form showed them."""
        data = self.cleaned_data
        return {name: data[name] for name in self.FIELDS if data[name] != data[f"shown_{name}"]}


class WorkstreamPublishingForm(forms.Form):
    public = forms.BooleanField(
        label="Publish this workstream",
        help_text="A private workstream's actions are not published either.",
        required=False,
    )
    public_actions = forms.MultipleChoiceField(
        label="Actions to publish",
        help_text="Untick those that are intelligence or operational. A sub-item is published "
        "only when its action is too.",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    shown_public = forms.BooleanField(widget=forms.HiddenInput, required=False)
    shown_public_actions = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, workstream, **kwargs):
        actions = list(workstream.actions.select_related("parent", "workstream").in_plan_order())
        public = [str(action.pk) for action in actions if action.public]
        initial = {
            "public": workstream.public,
            "public_actions": public,
            "shown_public": workstream.public,
            "shown_public_actions": ",".join(public),
        }
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["public_actions"].choices = [
            (str(action.pk), f"{action.reference} {action.text}") for action in actions
        ]
        self.helper = form_helper(
            Field.checkbox("public", small=True),
            Field.checkboxes("public_actions", small=True),
            "shown_public",
            "shown_public_actions",
            submit="Save",
        )

    def changes(self) -> tuple[bool | None, set[int], set[int]]:
        """Whether the workstream is now public (None when the sender left it as shown),
        and the actions the sender made public and made private."""
        data = self.cleaned_data
        shown = {int(pk) for pk in data["shown_public_actions"].split(",") if pk.isdigit()}
        chosen = {int(pk) for pk in data["public_actions"]}
        public = data["public"] if data["public"] != data["shown_public"] else None
        return public, chosen - shown, shown - chosen

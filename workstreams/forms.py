"""Forms for reporting progress on an action, editing it, and writing a plan."""

import uuid

from crispy_forms_gds.layout import Field, Fieldset, Fixed, Size
from django import forms
from django.db.models import Q
from django.utils import timezone

from hcag.forms import GovukDateField, TableUploadForm, form_helper, say_what_to_do, text_box
from partners.models import Organisation
from workstreams.models import (
    MAX_WEIGHT,
    REVISED_STATUSES,
    Action,
    ActionPlan,
    Objective,
    Priority,
    ProgressUpdate,
    StatusReview,
    Workstream,
    validate_evidence_links,
)

Status = ProgressUpdate.Status

PERCENT_NEEDED = "Enter the percentage complete, from 0 to 100"
PERCENT_OUT_OF_RANGE = "The percentage complete must be a whole number from 0 to 100"
TEXT_NEEDED = "Enter what the action is"
TARGET_DATE = "target date"
FORM_OUT_OF_DATE = (
    "This form does not match the action any more: open it again and make your changes"
)


class ProgressUpdateForm(forms.ModelForm):
    """``submission`` identifies the form as shown, so that sending it twice (a double
    click without JavaScript, a reload) adds one update."""

    submission = forms.UUIDField(widget=forms.HiddenInput, required=False)
    percent_complete = forms.IntegerField(
        label="Percentage complete",
        help_text="A whole number from 0 to 100. Marking the action complete makes it 100.",
        required=False,
        min_value=0,
        max_value=100,
        # GOV.UK asks for a text box with a numeric keypad, not type="number".
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "invalid": PERCENT_OUT_OF_RANGE,
            "min_value": PERCENT_OUT_OF_RANGE,
            "max_value": PERCENT_OUT_OF_RANGE,
        },
    )
    as_at = GovukDateField(
        label="As at",
        label_text="‘as at’ date",
        help_text="The date this update describes, for example 27 3 2019.",
    )

    class Meta:
        model = ProgressUpdate
        fields = [
            "status",
            "percent_complete",
            "confidence",
            "narrative",
            "next_steps",
            "evidence_links",
            "as_at",
            "may_be_published",
        ]
        labels = {
            "status": "Status",
            "confidence": "Confidence of delivery",
            "narrative": "What has happened",
            "next_steps": "Next steps",
            "evidence_links": "Evidence (optional)",
            "may_be_published": "May be published on the partnership's public page",
        }
        help_texts = {
            "narrative": (
                "Needed when the action is at risk or off track, or its percentage complete "
                "goes down."
            ),
            "evidence_links": "Web addresses of documents or pages, one per line.",
            "may_be_published": (
                "If the partnership has a public page, it shows this text once the chair has "
                "confirmed the status. Leave it unticked if it names anyone or says anything "
                "that should not be public."
            ),
        }
        widgets = {"status": forms.RadioSelect, "confidence": forms.RadioSelect}
        error_messages = {
            "status": {"required": "Select the action's status"},
            "confidence": {"required": "Select how confident you are that it will be delivered"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = Status.choices
        self.fields["confidence"].choices = ProgressUpdate.Confidence.choices
        if not self.is_bound:
            self.initial.setdefault("as_at", timezone.localdate())
            self.initial["submission"] = uuid.uuid4()
        self.helper = form_helper(
            Field.radios("status", small=True),
            Field.text("percent_complete", field_width=3),
            Field.radios("confidence", small=True, inline=True),
            text_box(self, "narrative", rows=4),
            text_box(self, "next_steps", rows=3),
            text_box(self, "evidence_links", rows=2),
            Field("as_at"),
            Field.checkbox("may_be_published", small=True),
            "submission",
            submit="Add update",
        )

    def clean_evidence_links(self):
        links = self.cleaned_data["evidence_links"]
        validate_evidence_links(links)  # before blank lines go, so line numbers match
        return "\n".join(line.strip() for line in links.splitlines() if line.strip())

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == Status.COMPLETE:
            cleaned["percent_complete"] = 100
        elif cleaned.get("percent_complete") is None and "percent_complete" not in self.errors:
            self.add_error("percent_complete", PERCENT_NEEDED)
        return cleaned


class ActionEditForm(forms.ModelForm):
    """The words, owners and dates of an action. ``version`` is the action's version
    when the form was shown, so that a save over someone else's change is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    start_date = GovukDateField(
        label="Start date",
        label_text="start date",
        required=False,
        help_text="Optional, for example 1 10 2018.",
    )
    target_date = GovukDateField(
        label="Target date",
        label_text=TARGET_DATE,
        required=False,
        help_text="Leave empty if there is none, for example 31 3 2019.",
    )

    class Meta:
        model = Action
        fields = Action.EDITABLE_FIELDS
        labels = {
            "text": "What the action is",
            "owner_organisation": "Owner",
            "owner_person": "Named owner (optional)",
        }
        error_messages = {"text": {"required": TEXT_NEEDED}}

    def __init__(self, *args, owner_choices, person_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_organisation"].queryset = owner_choices
        self.fields["owner_organisation"].empty_label = "The workstream's lead organisations"
        self.fields[
            "owner_organisation"
        ].help_text = "The organisation responsible for it, if not the workstream's leads."
        self.fields["owner_person"].queryset = person_choices
        self.fields["owner_person"].empty_label = "Nobody named"
        self.fields["owner_person"].error_messages["invalid_choice"] = (
            "Choose the named owner from the list of members"
        )
        if not self.is_bound:
            self.initial["version"] = self.instance.version
        self.helper = form_helper(
            text_box(self, "text", rows=3),
            Field.select("owner_organisation"),
            Field.select("owner_person"),
            Field("start_date"),
            Field("target_date"),
            "version",
            submit="Save changes",
        )

    def clean(self):
        cleaned = super().clean()
        version = cleaned.get("version")
        if version is None or not 1 <= version <= self.instance.version:
            # The version is hidden, so the error belongs to the form as a whole.
            self.add_error(None, FORM_OUT_OF_DATE)
        return cleaned


class ActionAddForm(ActionEditForm):
    """A new action or sub-item: the service gives it its label, and checks it."""

    def __init__(self, *args, submit, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout[-1].value = submit

    def _post_clean(self):
        pass


class StatusReviewForm(forms.ModelForm):
    """``reviewed_update`` is the update shown to the reviewer, so that a review is never
    recorded against an update they have not seen."""

    reviewed_update = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = StatusReview
        fields = ["outcome", "status", "comment"]
        labels = {
            "outcome": "Do you confirm this status?",
            "status": "The status you give it",
            "comment": "Your reason",
        }
        help_texts = {
            "status": "Only when you give it a different status. That status is then the one "
            "reports show, beside the lead's.",
            "comment": "Needed when you challenge the status or give it a different one; the "
            "lead will see it.",
        }
        widgets = {"outcome": forms.RadioSelect, "status": forms.RadioSelect}
        error_messages = {
            "outcome": {"required": "Select whether you confirm, challenge or change it"}
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = [
            (StatusReview.Outcome.CONFIRMED, "Confirm it"),
            (StatusReview.Outcome.CHALLENGED, "Challenge it: ask the lead to look at it again"),
            (StatusReview.Outcome.REVISED, "Give it a different status"),
        ]
        self.fields["status"].choices = [(s.value, s.label) for s in REVISED_STATUSES]
        self.fields["status"].required = False
        self.helper = form_helper(
            Field.radios("outcome"),
            Field.radios("status", small=True),
            text_box(self, "comment", rows=3),
            "reviewed_update",
            submit="Save",
            legend_size=Size.MEDIUM,
        )
        if not self.is_bound:
            self.initial["reviewed_update"] = self.instance.update_id


class ConfirmStatusesForm(forms.Form):
    """The updates whose statuses a list page offered to confirm at once."""

    updates = forms.ModelMultipleChoiceField(
        queryset=ProgressUpdate.objects.none(),
        error_messages={
            "required": "Choose the statuses to confirm",
            "invalid_choice": "The statuses listed have changed: go back and try again",
            "invalid_pk_value": "The statuses listed have changed: go back and try again",
        },
    )

    def __init__(self, *args, updates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["updates"].queryset = updates


NEW_ORGANISATION = "new"
CHOOSE_LEAD = "Choose the organisation “{name}” means"
CHOOSE_MISSING_LEAD = "Choose the lead organisation of workstream {letter}"


class OutlineImportForm(forms.Form):
    """A new plan's title and its text as a committee report writes it; once the text is
    read, a choice for each lead the register does not hold by that name."""

    title = forms.CharField(max_length=200, error_messages={"required": "Enter the plan's title"})
    description = forms.CharField(max_length=5000, required=False, widget=forms.Textarea)
    text = forms.CharField(
        label="The plan's text",
        max_length=50_000,
        widget=forms.Textarea,
        help_text="Paste the action plan as the report writes it: “A. …”, “i …”, “a …” and "
        "“Lead organisation: …” lines.",
        error_messages={"required": "Paste the plan's text"},
    )

    def add_lead_choices(self, questions, organisations) -> None:
        """A select for each question: (field name, label, close organisations, written
        name or None when the text names no lead)."""
        everyone = [(str(o.pk), o.name) for o in organisations]
        for name, label, close, written in questions:
            choices = [("", "Choose an organisation")]
            if close:
                choices.append(("Close to the name written", [(str(o.pk), o.name) for o in close]))
            if written:
                choices.append((NEW_ORGANISATION, f"Add “{written}” to the register"))
            choices.append(("The register", everyone))
            self.fields[name] = forms.ChoiceField(
                label=label, choices=choices, error_messages={"required": label}
            )


class _PlanPartForm(forms.ModelForm):
    """A form that writes part of a plan. ``version`` is the record's version when the
    form was shown, so that a save over someone else's change is refused (hcag.editing)."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    names: dict[str, str] = {}  # how a sentence calls each field (say_what_to_do)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = self.instance.version
        say_what_to_do(self, self.names)

    def clean_version(self):
        version = self.cleaned_data["version"]
        if not 1 <= version <= self.instance.version:
            raise forms.ValidationError(FORM_OUT_OF_DATE)
        return version

    def _post_clean(self):
        """The services check the record, since they write it; a ModelForm's own checks
        would refuse a new item before the service gives it its label."""


class PlanForm(_PlanPartForm):
    adopted_on = GovukDateField(
        label="Adopted on (optional)",
        label_text="date it was adopted",
        required=False,
        help_text="The date the partnership agreed it, for example 10 9 2018.",
    )
    names = {"title": "the plan's title", "description": "the description"}

    class Meta:
        model = ActionPlan
        fields = ["title", "description", "adopted_on", "adopted_at"]
        labels = {
            "title": "Title",
            "description": "Description (optional)",
            "adopted_at": "The meeting that adopted it (optional)",
        }

    def __init__(self, *args, submit, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.text("title"),
            text_box(self, "description", rows=4),
            Field("adopted_on"),
            Field.text("adopted_at"),
            "version",
            submit=submit,
        )


class PriorityForm(_PlanPartForm):
    names = {"title": "the priority"}

    class Meta:
        model = Priority
        fields = ["title"]
        labels = {"title": "The priority"}

    def __init__(self, *args, submit, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(Field.text("title"), "version", submit=submit)


class ObjectiveForm(_PlanPartForm):
    names = {"title": "the objective", "priorities": "the priorities it serves"}

    class Meta:
        model = Objective
        fields = ["title", "priorities"]
        labels = {"title": "The objective", "priorities": "The priorities it serves"}
        widgets = {"priorities": forms.CheckboxSelectMultiple}

    def __init__(self, *args, submit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priorities"].queryset = Priority.objects.live().filter(
            plan=self.instance.plan_id
        )
        self.fields["priorities"].help_text = "Optional. Choose every priority it serves."
        self.helper = form_helper(
            Field.text("title"),
            Field.checkboxes("priorities", small=True),
            "version",
            submit=submit,
        )


class WorkstreamForm(_PlanPartForm):
    names = {
        "title": "what the workstream is",
        "lead_in": "the words that introduce its actions",
        "lead_organisations": "at least one lead organisation",
        "objectives": "the objectives it supports",
    }

    class Meta:
        model = Workstream
        fields = ["title", "lead_in", "lead_organisations", "objectives"]
        labels = {
            "title": "What the workstream is",
            "lead_in": "Words that introduce its actions (optional)",
            "lead_organisations": "Lead organisations",
            "objectives": "Objectives it supports",
        }
        widgets = {
            "lead_organisations": forms.CheckboxSelectMultiple,
            "objectives": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, submit, **kwargs):
        super().__init__(*args, **kwargs)
        leads = self.fields["lead_organisations"]
        # A lead retired from the register since stays choosable, so an edit keeps it.
        kept = self.instance.lead_organisations.all() if self.instance.pk else []
        leads.queryset = Organisation.objects.filter(
            Q(pk__in=Organisation.objects.offered()) | Q(pk__in=[o.pk for o in kept])
        ).order_by("name")
        leads.required = True
        leads.help_text = (
            "Choose one or more. Not in the list? Add it to the organisations register."
        )
        leads.error_messages["required"] = "Choose at least one lead organisation"
        self.fields["objectives"].queryset = Objective.objects.live().filter(
            plan=self.instance.plan_id
        )
        self.fields["objectives"].help_text = "Optional. Choose every objective it supports."
        self.helper = form_helper(
            text_box(self, "title", rows=3),
            Field.text("lead_in"),
            Field.checkboxes("lead_organisations", small=True),
            Field.checkboxes("objectives", small=True),
            "version",
            submit=submit,
        )


def _yes_or_no(label: str, *, yes: str, no: str, help_text: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=[(True, yes), (False, no)],
        coerce=lambda value: value == "True",
        widget=forms.RadioSelect,
        help_text=help_text,
    )


def weight_field_name(action: Action) -> str:
    return f"weight_{action.pk}"


class PlanRollUpForm(_PlanPartForm):
    """How the plan's progress rolls up (workstreams.rollup): its two settings, and a
    weight for each action and sub-item still in it (`actions`, in the plan's order)."""

    sub_items_roll_up = _yes_or_no(
        "Do sub-items roll up into their action?",
        yes="Yes: an action with sub-items stands where its sub-items put it",
        no="No: an action with sub-items is reported on itself, and so is each sub-item",
        help_text="Changing this changes which actions leads are asked to update.",
    )
    weighs_actions = _yes_or_no(
        "Are actions weighted?",
        yes="Yes: each percentage counts by the weight below",
        no="No: every action and sub-item counts the same",
        help_text="Weights change percentages only: the status is still the worst part's.",
    )
    names = {
        "sub_items_roll_up": "whether sub-items roll up",
        "weighs_actions": "whether actions are weighted",
    }

    class Meta:
        model = ActionPlan
        fields = ["sub_items_roll_up", "weighs_actions"]

    def __init__(self, *args, actions: list[Action], **kwargs):
        super().__init__(*args, **kwargs)
        self.actions = actions
        by_workstream: dict[str, list[str]] = {}
        for action in actions:
            name = weight_field_name(action)
            self.fields[name] = forms.IntegerField(
                label=f"{action.reference} {action.short_text}",
                min_value=1,
                max_value=MAX_WEIGHT,
                initial=action.weight,
                # Not required, so that an action added since the page was shown keeps
                # its weight rather than refusing the form.
                required=False,
            )
            by_workstream.setdefault(action.workstream.letter, []).append(name)
        say_what_to_do(
            self, {weight_field_name(a): f"the weight of {a.reference}" for a in actions}
        )
        self.helper = form_helper(
            Field.radios("sub_items_roll_up", small=True),
            Field.radios("weighs_actions", small=True),
            *(
                Fieldset(
                    *(Field.text(name, field_width=Fixed.TWO) for name in names),
                    legend=f"Weights in workstream {letter}",
                )
                for letter, names in by_workstream.items()
            ),
            "version",
            submit="Save changes",
            legend_size=Size.MEDIUM,
        )

    def weights(self) -> dict[int, int]:
        """The weight chosen for each action given one, by its id."""
        chosen = {
            action.pk: self.cleaned_data[weight_field_name(action)] for action in self.actions
        }
        return {pk: weight for pk, weight in chosen.items() if weight is not None}


class PlanAuthorsForm(forms.Form):
    """Whether the chair and vice-chairs write the plan too; ``shown`` is the setting as
    the form showed it, so that a change made meanwhile is not undone unseen."""

    chairs_may_author_plan = forms.BooleanField(
        label="The chair and vice-chairs may write the action plan too",
        required=False,
        help_text="The secretariat always may: create plans, and add, edit, move and retire "
        "their parts.",
    )
    shown = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial = {
            "chairs_may_author_plan": partnership.chairs_may_author_plan,
            "shown": partnership.chairs_may_author_plan,
        }
        self.helper = form_helper(
            Field.checkbox("chairs_may_author_plan"), "shown", submit="Save the setting"
        )


class ActionMoveForm(forms.Form):
    workstream = forms.ModelChoiceField(
        label="The workstream to move it to",
        queryset=Workstream.objects.none(),
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the workstream to move it to",
            "invalid_choice": "Choose the workstream to move it to from the list",
        },
        help_text="It goes to the end of that workstream's actions, with its sub-items.",
    )

    def __init__(self, *args, action, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workstream"].queryset = (
            Workstream.objects.live()
            .filter(plan=action.workstream.plan_id)
            .exclude(pk=action.workstream_id)
        )
        self.fields["workstream"].label_from_instance = lambda w: f"{w.letter}. {w.short_title}"
        self.helper = form_helper(Field.radios("workstream", small=True), submit="Move it")


class PlanRefreshForm(forms.Form):
    """The new year's plan started from a current one."""

    title = forms.CharField(label="Title of the new plan", max_length=200)
    adopted_on = GovukDateField(
        label="Adopted on (optional)",
        label_text="date it was adopted",
        required=False,
        help_text="The date the partnership agreed it, for example 12 9 2027.",
    )
    adopted_at = forms.CharField(
        label="The meeting that adopted it (optional)", max_length=200, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        say_what_to_do(self, {"title": "the new plan's title"})
        self.helper = form_helper(
            Field.text("title"),
            Field("adopted_on"),
            Field.text("adopted_at"),
            submit="Start the new plan",
        )


class PlanSpreadsheetForm(TableUploadForm):
    """A spreadsheet in the layout of the plan export; for a new plan, its title too."""

    title = forms.CharField(max_length=200, error_messages={"required": "Enter the plan's title"})
    file = forms.FileField(
        label="Spreadsheet of the plan",
        help_text="A CSV file or an Excel workbook (.xlsx) with the columns of the plan "
        "export: Workstream, Reference, Action, Lead organisations, Owner and Target date.",
        error_messages={"required": "Choose a file to import"},
    )

    def __init__(self, *args, new_plan: bool, **kwargs):
        super().__init__(*args, **kwargs)
        fields = [Field("file")]
        if new_plan:
            fields.insert(0, Field.text("title"))
        else:
            del self.fields["title"]
        self.helper = form_helper(*fields, submit="Check the file")


class PlanSpreadsheetConfirmForm(forms.Form):
    """The go-ahead for a file held since it was checked, and the changes it was shown
    to make (spreadsheet.PlanChanges.fingerprint)."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=40)
    fingerprint = forms.CharField(widget=forms.HiddenInput, max_length=32)
    title = forms.CharField(widget=forms.HiddenInput, max_length=200, required=False)

"""Forms for running a partnership's meetings and governance."""

import functools
import re

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Field, Layout, Size
from django import forms
from django.utils import timezone
from django.utils.formats import date_format

from hcag.forms import GovukDateField, form_helper, say_what_to_do, text_box, time_field
from meetings.models import (
    AgendaItem,
    Attendance,
    ChairReview,
    Clause,
    Decision,
    Meeting,
    MeetingAction,
    Paper,
    ProjectGroup,
    Report,
    TermsOfReference,
)
from meetings.services import ATTENDANCE_BEFORE_THE_DAY
from partners.models import Person
from partners.selectors import current_members, member_organisations

OWNER_NEEDED = "Choose who owns the action: a person, an organisation, or both"
END_BEFORE_START = "The meeting must end after it starts"


TOO_FEW_MEETINGS = "Meetings a year must be 1 or more"
TOO_MANY_MEETINGS = "Meetings a year must be 12 or fewer"


class MeetingForm(forms.ModelForm):
    """A meeting's details. When editing, ``version`` is the meeting's version when the
    form was shown, so that a save over someone else's change is refused."""

    date = GovukDateField(label="Date", label_text="date of the meeting")
    start_time = time_field("Start time", required=False)
    end_time = time_field("End time", required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Meeting
        fields = Meeting.EDITABLE_FIELDS
        labels = {"kind": "Kind of meeting", "title": "Title (optional)", "summary": "Summary"}
        help_texts = {"title": "Leave empty to call it by its kind, such as “Quarterly meeting”."}
        widgets = {"kind": forms.RadioSelect, "status": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = Meeting.Kind.choices
        self.fields["status"].choices = Meeting.Status.choices
        fields = [
            Field.radios("kind", small=True),
            Field.text("title"),
            Field("date"),
            Field.text("start_time", field_width=5),
            Field.text("end_time", field_width=5),
            Field.text("location"),
        ]
        if self.instance.pk:
            fields += [
                Field.radios("status", small=True, inline=True),
                text_box(self, "summary", rows=5),
                "version",
            ]
            if not self.is_bound:
                self.initial["version"] = self.instance.version
        else:  # a new meeting is scheduled, and has nothing to summarise yet
            del self.fields["status"], self.fields["summary"], self.fields["version"]
        say_what_to_do(
            self,
            {
                "kind": "the kind of meeting",
                "title": "the title",
                "start_time": "the start time",
                "end_time": "the end time",
                "location": "the location",
                "status": "whether the meeting is scheduled, held or cancelled",
                "summary": "the summary",
            },
        )
        self.helper = form_helper(*fields, submit="Save meeting")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", END_BEFORE_START)
        return cleaned


class ScheduledMeetingForm(forms.Form):
    """One of the year's regular meetings, as proposed from the terms of reference."""

    date = GovukDateField(label="Date", label_text="date of the meeting")
    start_time = time_field("Start time")
    end_time = time_field("End time")
    location = forms.CharField(label="Location (optional)", required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.label_size = Size.SMALL
        self.helper.legend_size = Size.SMALL
        self.helper.layout = Layout(
            Field("date"),
            Field.text("start_time", field_width=5),
            Field.text("end_time", field_width=5),
            Field.text("location"),
        )
        say_what_to_do(
            self,
            {
                "start_time": "the start time",
                "end_time": "the end time",
                "location": "the location",
            },
        )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", END_BEFORE_START)
        return cleaned


AT_LEAST_ONE_MEETING = "Schedule at least one meeting"
SAME_DAY_TWICE = "Two of these meetings are on the same day: change one of the dates"
AT_MOST_A_YEAR = "Schedule at most 12 meetings at once"


class BaseScheduleFormSet(forms.BaseFormSet):
    default_error_messages = {
        "too_few_forms": AT_LEAST_ONE_MEETING,
        "too_many_forms": AT_MOST_A_YEAR,
    }

    def clean(self):
        dates = [form.cleaned_data["date"] for form in self.forms if form.cleaned_data.get("date")]
        if len(dates) != len(set(dates)):
            raise forms.ValidationError(SAME_DAY_TWICE)

    def meetings(self) -> list[dict]:
        """The meetings asked for, leaving out any form submitted empty."""
        return [form.cleaned_data for form in self.forms if form.cleaned_data]


ScheduleFormSet = forms.formset_factory(
    ScheduledMeetingForm,
    formset=BaseScheduleFormSet,
    extra=0,
    min_num=1,
    validate_min=True,
    max_num=12,
    validate_max=True,
)


class AgendaItemForm(forms.ModelForm):
    prefix = "item"  # three forms share the meeting page: their ids must differ

    class Meta:
        model = AgendaItem
        fields = ["title", "description"]
        labels = {"title": "Title of the item", "description": "Description (optional)"}
        error_messages = {"title": {"required": "Enter the title of the item"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.text("title"), text_box(self, "description", rows=2), submit="Add item"
        )
        say_what_to_do(self, {"title": "the title of the item", "description": "the description"})


CONFIRM_ON_THIS_PAGE = "Check what removing the item deletes, then confirm on this page"


class AgendaItemRemoveForm(forms.Form):
    """Confirms removing an item: ``papers`` is how many papers the page said would be
    deleted with it."""

    papers = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        error_messages=dict.fromkeys(["required", "invalid", "min_value"], CONFIRM_ON_THIS_PAGE),
    )


class PaperForm(forms.ModelForm):
    class Meta:
        model = Paper
        fields = ["title", "document"]
        labels = {"title": "Title of the paper", "document": "File"}
        help_texts = {"document": "A PDF, a Word document (.docx) or an Excel workbook (.xlsx)."}
        error_messages = {
            "title": {"required": "Enter the title of the paper"},
            "document": {"required": "Choose the file to upload"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(Field.text("title"), Field("document"), submit="Upload paper")
        say_what_to_do(self, {"title": "the title of the paper", "document": "the file"})


NOTHING_MARKED = "Mark at least one member as present, sent apologies or absent"
NO_APOLOGIES_MARKED = "Mark at least one member as having sent apologies"


class AttendanceForm(forms.Form):
    """A choice of present, apologies or absent for each person on the sheet; before the
    day of the meeting, apologies only. Each person's row also carries, hidden, what it
    showed when the form was opened (``shown_<id>``), so that a save writes only the
    rows its sender changed and is refused for a row someone else changed meanwhile."""

    def __init__(self, *args, lines, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.apologies_only = meeting.is_in_the_future
        choices = (
            [(Attendance.Status.APOLOGIES, Attendance.Status.APOLOGIES.label)]
            if self.apologies_only
            else Attendance.Status.choices
        )
        refused = (
            ATTENDANCE_BEFORE_THE_DAY.format(date=date_format(meeting.date))
            if self.apologies_only
            else "Choose whether {person} was present, sent apologies or was absent"
        )
        self.people = {}
        for line in lines:
            self.people[line.person.pk] = line.person
            organisation = f", {line.organisation}" if line.organisation else ""
            self.fields[f"person_{line.person.pk}"] = forms.ChoiceField(
                label=f"{line.person}{organisation}",
                choices=choices,
                widget=forms.RadioSelect,
                required=False,
                initial=line.status,
                error_messages={"invalid_choice": refused.format(person=line.person)},
            )
            self.fields[f"shown_{line.person.pk}"] = forms.ChoiceField(
                choices=[("", ""), *Attendance.Status.choices],
                widget=forms.HiddenInput,
                required=False,
                initial=line.status or "",
            )
        say_what_to_do(self, {})
        self.helper = form_helper(
            *(Field.radios(f"person_{pk}", small=True, inline=True) for pk in self.people),
            *(f"shown_{pk}" for pk in self.people),
            submit="Save attendance",
        )

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not any(self.statuses().values()):
            raise forms.ValidationError(
                NO_APOLOGIES_MARKED if self.apologies_only else NOTHING_MARKED
            )
        return cleaned

    def statuses(self) -> dict[Person, str]:
        """Each person's status as sent, for those with one."""
        return {
            person: status
            for pk, person in self.people.items()
            if (status := self.cleaned_data.get(f"person_{pk}"))
        }

    def shown(self) -> dict[Person, str | None]:
        """Each person's status as the form showed it when opened; None for no record."""
        return {
            person: self.cleaned_data.get(f"shown_{pk}") or None
            for pk, person in self.people.items()
        }

    def changed_rows(self) -> dict[str, str]:
        """The choices the sender changed from what they were shown, by field name: what
        a form rebuilt over a newer record keeps."""
        shown = self.shown()
        return {
            f"person_{person.pk}": status
            for person, status in self.statuses().items()
            if status != shown[person]
        }


class DecisionForm(forms.ModelForm):
    prefix = "decision"

    class Meta:
        model = Decision
        fields = ["agenda_item", "text"]
        labels = {"agenda_item": "Agenda item", "text": "What was decided"}
        error_messages = {"text": {"required": "Enter what was decided"}}

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.all()
        self.fields["agenda_item"].empty_label = "No particular item"
        self.helper = form_helper(
            Field.select("agenda_item"), text_box(self, "text", rows=3), submit="Add decision"
        )
        say_what_to_do(self, {"agenda_item": "the agenda item", "text": "what was decided"})


# What an action's select boxes say when left as they are.
NO_CHOICE_FOR_AN_ACTION = {
    "owner_person": "No particular person",
    "owner_organisation": "No particular organisation",
    "agenda_item": "No particular item",
    "decision": "Not from a decision",
    "source_report": "Not from a report",
}


class MeetingActionForm(forms.ModelForm):
    prefix = "action"
    due_on = GovukDateField(label="Due date (optional)", label_text="due date", required=False)

    class Meta:
        model = MeetingAction
        fields = [
            "description",
            "owner_person",
            "owner_organisation",
            "due_on",
            "agenda_item",
            "decision",
            "source_report",
        ]
        labels = {
            "description": "What needs doing",
            "owner_person": "Owner (person)",
            "owner_organisation": "Owner (organisation)",
            "agenda_item": "Agenda item",
            "decision": "The decision it follows from (optional)",
            "source_report": "The report it follows from (optional)",
        }
        error_messages = {"description": {"required": "Enter what needs doing"}}

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        partnership = meeting.partnership
        self.fields["owner_person"].queryset = current_members(partnership).select_related(
            "organisation"
        )
        self.fields["owner_organisation"].queryset = member_organisations(partnership)
        self.fields["agenda_item"].queryset = meeting.agenda_items.all()
        self.fields["decision"].queryset = meeting.decisions.all()
        self.fields["source_report"].queryset = partnership.reports.all()
        for name, empty_label in NO_CHOICE_FOR_AN_ACTION.items():
            self.fields[name].empty_label = empty_label
        self.helper = form_helper(
            text_box(self, "description", rows=2),
            Field.select("owner_person"),
            Field.select("owner_organisation"),
            Field("due_on"),
            Field.select("agenda_item"),
            Field.select("decision"),
            Field.select("source_report"),
            submit="Add action",
        )
        say_what_to_do(
            self,
            {
                "description": "what needs doing",
                "owner_person": "the person who owns the action",
                "owner_organisation": "the organisation that owns the action",
                "agenda_item": "the agenda item",
                "decision": "the decision",
                "source_report": "the report",
            },
        )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("owner_person") and not cleaned.get("owner_organisation"):
            # On the field, so the error summary can link to it; the model's constraint,
            # which names the same field, is then not checked twice.
            self.add_error("owner_person", OWNER_NEEDED)
        return cleaned


def _get_form_helper(*fields, button: str, secondary: bool = True) -> FormHelper:
    """The helper of a GET form: its button has no name, so that the address it leads to
    holds only the form's fields."""
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    helper.label_size = Size.SMALL
    helper.layout = Layout(
        *fields,
        HTML(
            f'<button type="submit" class="govuk-button{" govuk-button--secondary" * secondary}" '
            f'data-module="govuk-button">{button}</button>'
        ),
    )
    return helper


CHOOSE_AN_EARLIER_MEETING = "Choose a meeting before this one from the list"


class BriefingComparisonForm(forms.Form):
    """Which earlier meeting a briefing compares with, chosen on the page (a GET form);
    by default the previous ordinary meeting (Meeting.previous). The earlier meetings are
    read once, and only if the form is checked or shown."""

    compare_with = forms.TypedChoiceField(
        label="Compare with",
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": CHOOSE_AN_EARLIER_MEETING},
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.default = meeting.previous()
        self._earlier = functools.cache(lambda: {m.pk: m for m in meeting.earlier()})
        field = self.fields["compare_with"]
        # Without an ordinary meeting before it, the briefing starts from the plan's start.
        start = [] if self.default else [("", "The start of the plan")]
        field.choices = lambda: [*start, *((pk, str(m)) for pk, m in self._earlier().items())]
        field.initial = self.default.pk if self.default else ""
        self.helper = _get_form_helper(Field.select("compare_with"), button="Compare")

    @property
    def has_choices(self) -> bool:
        return bool(self.default or self._earlier())

    def meeting_compared(self) -> Meeting | None:
        """The meeting chosen, or the default when none (or a wrong one) was."""
        if self.is_bound and self.is_valid() and self.cleaned_data["compare_with"]:
            return self._earlier()[self.cleaned_data["compare_with"]]
        return self.default


CHOOSE_THE_APPROVING_MEETING = "Choose the meeting that approved the minutes"


class MinutesApprovalForm(forms.Form):
    """The meeting that approved the minutes: chosen on the minutes page (a GET form to
    the page that asks first), then sent again, hidden, to confirm."""

    at_meeting = forms.ModelChoiceField(
        queryset=Meeting.objects.none(),
        label="Approved at",
        empty_label=None,
        error_messages={"required": CHOOSE_THE_APPROVING_MEETING},
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["at_meeting"].queryset = Meeting.objects.filter(
            partnership=meeting.partnership_id,
            date__gt=meeting.date,
            date__lte=timezone.localdate(),
        ).held_or_scheduled()
        self.helper = _get_form_helper(
            Field.select("at_meeting"), button="Continue", secondary=False
        )
        say_what_to_do(self, {"at_meeting": "the meeting that approved the minutes"})


CLAUSE_FIELD = re.compile(r"clause_([1-9][0-9]{0,2})")
CLAUSE_BODY = Clause._meta.get_field("body")


class TermsDraftForm(forms.ModelForm):
    """The draft's preamble and settings, and one box per clause plus one for a new clause.
    Empty a clause's box to remove it. ``revision`` is the draft's revision when the form
    was shown, so that a save over someone else's change is refused; and a submitted form
    has the boxes its editor saw, whatever has been saved since, so that their words are
    never matched to someone else's clauses."""

    meetings_per_year = forms.IntegerField(
        label="Meetings a year",
        min_value=1,
        max_value=12,
        error_messages={"min_value": TOO_FEW_MEETINGS, "max_value": TOO_MANY_MEETINGS},
    )
    revision = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = TermsOfReference
        fields = ["preamble", "meetings_per_year", "chair_review_season"]
        labels = {
            "preamble": "Preamble",
            "meetings_per_year": "Meetings a year",
            "chair_review_season": "The chair is reviewed each",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            shown = [int(m[1]) for key in self.data if (m := CLAUSE_FIELD.fullmatch(key))]
            bodies = [None] * max(shown, default=0)
        else:
            self.initial["revision"] = self.instance.revision
            clauses = list(self.instance.clauses.all()) if self.instance.pk else []
            bodies = [clause.body for clause in clauses] + [None]
        names = []
        for number, body in enumerate(bodies, start=1):
            name = f"clause_{number}"
            is_new = number == len(bodies)
            self.fields[name] = CLAUSE_BODY.formfield(
                label="A new clause (optional)" if is_new else f"Clause {number}",
                required=False,
                initial=body or "",
                help_text="A line starting with “- ” is a bullet point." if number == 1 else "",
            )
            names.append(name)
        self.helper = form_helper(
            text_box(self, "preamble", rows=3),
            Field.text("meetings_per_year", field_width=2),
            Field.select("chair_review_season"),
            *(text_box(self, name, rows=4) for name in names),
            "revision",
            submit="Save draft",
        )
        say_what_to_do(
            self,
            {
                "preamble": "the preamble",
                "meetings_per_year": "the number of meetings a year",
                "chair_review_season": "the season the chair is reviewed in",
                **{name: self.fields[name].label.removesuffix(" (optional)") for name in names},
            },
        )

    def clause_bodies(self) -> list[str]:
        return [
            self.cleaned_data[name]
            for name in sorted(
                (n for n in self.cleaned_data if n.startswith("clause_")),
                key=lambda n: int(n.removeprefix("clause_")),
            )
        ]


class TermsApprovalForm(forms.Form):
    """``revision`` is the draft's revision when the comparison was shown, so that no one
    approves words they have not seen."""

    meeting = forms.ModelChoiceField(
        queryset=Meeting.objects.none(), label="Approved at the meeting", required=False
    )
    approved_on = GovukDateField(label="Date of approval", label_text="date of approval")
    revision = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, partnership, draft, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = (
            partnership.meetings.held_or_scheduled()
            .filter(date__lte=timezone.localdate())
            .order_by("-date")
        )
        self.fields["meeting"].empty_label = "Not at a meeting"
        if not self.is_bound:
            self.initial["revision"] = draft.revision
        self.helper = form_helper(
            Field.select("meeting"), Field("approved_on"), "revision", submit="Approve"
        )
        say_what_to_do(self, {"meeting": "the meeting that approved the terms"})


class ChairReviewForm(forms.ModelForm):
    held_on = GovukDateField(label="Date of the review", label_text="date of the review")

    class Meta:
        model = ChairReview
        fields = ["held_on", "meeting", "chair", "notes"]
        labels = {"meeting": "At the meeting (optional)", "chair": "Chair from now on"}
        help_texts = {"chair": "Choose the current chair to record that they were re-appointed."}
        error_messages = {"chair": {"required": "Choose who chairs the group"}}

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = partnership.meetings.held_or_scheduled().order_by("-date")
        self.fields["meeting"].empty_label = "Not at a meeting"
        self.fields["chair"].queryset = current_members(partnership)
        self.fields["chair"].empty_label = "Choose a member"
        self.helper = form_helper(
            Field("held_on"),
            Field.select("meeting"),
            Field.select("chair"),
            text_box(self, "notes", rows=2),
            submit="Record the review",
        )
        say_what_to_do(
            self, {"meeting": "the meeting", "chair": "who chairs the group", "notes": "the notes"}
        )


class ReportForm(forms.ModelForm):
    date = GovukDateField(label="Date of the report", label_text="date of the report")

    class Meta:
        model = Report
        fields = ["direction", "organisation", "title", "date", "meeting", "document", "summary"]
        labels = {
            "direction": "Received or submitted",
            "organisation": "From or to",
            "meeting": "Presented at (optional)",
            "document": "File (optional)",
        }
        help_texts = {"document": "A PDF, a Word document (.docx) or an Excel workbook (.xlsx)."}
        widgets = {"direction": forms.RadioSelect}
        error_messages = {"title": {"required": "Enter the title of the report"}}

    def __init__(self, *args, partnership, advisory_group=None, **kwargs):
        """`advisory_group`: a representative files only their own group's reports."""
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership
        self.fields["direction"].choices = Report.Direction.choices
        self.fields["organisation"].queryset = (
            partnership.advised_by.all() | partnership.reports_to.all()
        ).distinct()
        self.fields["organisation"].empty_label = "Choose an advisory group or board"
        # A report presented at a meeting is part of its record, fixed once approved.
        self.fields["meeting"].queryset = (
            partnership.meetings.held_or_scheduled().not_fixed().order_by("-date")
        )
        self.fields["meeting"].empty_label = "Not presented yet"
        fields = ["direction", "organisation"]
        if advisory_group is not None:
            for name in fields:
                del self.fields[name]
            self.instance.direction = Report.Direction.RECEIVED
            self.instance.organisation = advisory_group
            fields = []
        self.helper = form_helper(
            *(Field.radios(name) if name == "direction" else Field.select(name) for name in fields),
            Field.text("title"),
            Field("date"),
            Field.select("meeting"),
            Field("document"),
            text_box(self, "summary", rows=3),
            submit="Add report",
        )
        say_what_to_do(
            self,
            {
                "direction": "whether the report was received or submitted",
                "organisation": "who the report is from or to",
                "title": "the title of the report",
                "meeting": "the meeting it was presented at",
                "document": "the file",
                "summary": "the summary",
            },
        )


class ProjectGroupForm(forms.ModelForm):
    """A project group. When editing, ``version`` is the group's version when the form was
    shown, so that a save over someone else's change is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = ProjectGroup
        fields = ["name", "remit", "members", "funding_sources", "status", "set_up_at"]
        labels = {"set_up_at": "Set up at (optional)", "funding_sources": "Funding sources"}
        widgets = {"members": forms.CheckboxSelectMultiple, "status": forms.RadioSelect}
        error_messages = {
            "name": {"required": "Enter the project group's name"},
            "remit": {"required": "Enter the project group's remit"},
        }

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership
        self.fields["members"].queryset = current_members(partnership)
        self.fields["status"].choices = ProjectGroup.Status.choices
        self.fields["set_up_at"].queryset = partnership.meetings.held_or_scheduled().order_by(
            "-date"
        )
        self.fields["set_up_at"].empty_label = "Not at a meeting"
        fields = [
            Field.text("name"),
            text_box(self, "remit", rows=3),
            Field.checkboxes("members", small=True),
            text_box(self, "funding_sources", rows=2),
            Field.radios("status", small=True, inline=True),
            Field.select("set_up_at"),
        ]
        if self.instance.pk:
            fields.append("version")
            if not self.is_bound:
                self.initial["version"] = self.instance.version
        else:
            del self.fields["version"]
        self.helper = form_helper(*fields, submit="Save project group")
        say_what_to_do(
            self,
            {
                "name": "the project group's name",
                "remit": "the project group's remit",
                "members": "the members",
                "funding_sources": "the funding sources",
                "status": "the status of the project group",
                "set_up_at": "the meeting that set it up",
            },
        )

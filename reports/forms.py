"""The committee-report builder: the parts of a report that are prose."""

from crispy_forms_gds.layout import Field, Fieldset, Size
from django import forms

from hcag.forms import RELOAD_THE_PAGE, GovukDateField, form_helper, text_box
from reports.models import IMPLICATION_HEADINGS, CommitteeReport, GeneratedReport

PARAGRAPHS_HINT = (
    "One numbered paragraph per line. Start a line with “- ” to make it a lettered point "
    "of the paragraph above."
)


class CommitteeReportForm(forms.ModelForm):
    """A report's settings and prose. For a saved report, ``version`` is the report's
    version when the form was shown, so that a save over someone else's is refused."""

    committee_date = GovukDateField(
        label="Date of the committee meeting", label_text="date of the committee meeting"
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = CommitteeReport
        fields = [
            "title",
            "committee",
            "committee_date",
            "report_of",
            "report_of_organisation",
            "purpose",
            "chaired_from",
            "priorities_introduction",
            "objectives_introduction",
            "future_work",
            "recommendations",
            "contacts",
        ]
        labels = {
            "chaired_from": "The group is chaired from (optional)",
            "priorities_introduction": "How the report introduces the priorities (optional)",
            "objectives_introduction": "How the report introduces the objectives (optional)",
            "title": "Title of the report",
            "committee": "Committee",
            "report_of": "Report of (name and role)",
            "report_of_organisation": "Their organisation",
            "purpose": "Purpose of the report",
            "future_work": "Over the next year, the group will",
            "recommendations": "Recommendations",
            "contacts": "Contacts",
        }
        help_texts = {
            "purpose": PARAGRAPHS_HINT,
            "recommendations": PARAGRAPHS_HINT,
            "future_work": "One item per line; the report lists the meetings to come after them.",
        }
        widgets = {
            "priorities_introduction": forms.Textarea,
            "objectives_introduction": forms.Textarea,
        }
        error_messages = {
            name: {"required": f"Enter the {label[0].lower()}{label[1:]}"}
            for name, label in [
                ("title", "Title of the report"),
                ("committee", "Committee"),
                ("report_of", "Name and role of who the report is from"),
                ("purpose", "Purpose of the report"),
                ("recommendations", "Recommendations"),
            ]
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A form rebuilt over someone else's save holds its implications in `initial`.
        implications = self.initial.get("implications") or self.instance.implications or {}
        for index, heading in enumerate(IMPLICATION_HEADINGS):
            self.fields[f"implication_{index}"] = forms.CharField(
                label=heading,
                initial=implications.get(heading, "N/A"),
                max_length=500,
                required=False,  # left empty, it reads "N/A"
            )
        self.helper = form_helper(
            Field.text("title"),
            Field.text("committee"),
            Field("committee_date"),
            Field.text("report_of"),
            Field.text("report_of_organisation"),
            text_box(self, "purpose", rows=3),
            Field.text("chaired_from"),
            text_box(self, "priorities_introduction", rows=2),
            text_box(self, "objectives_introduction", rows=2),
            text_box(self, "future_work", rows=5),
            text_box(self, "recommendations", rows=3),
            text_box(self, "contacts", rows=7),
            Fieldset(
                *(Field.text(f"implication_{i}") for i in range(len(IMPLICATION_HEADINGS))),
                legend="Appendix 1: implications",
                legend_size=Size.MEDIUM,
            ),
            *(["version"] if self.instance.pk else []),
            submit="Save the report",
        )
        if not self.instance.pk:
            del self.fields["version"]  # a new report has no version to be out of date with
        elif not self.is_bound:
            self.initial["version"] = self.instance.version

    def clean(self):
        cleaned = super().clean()
        version = cleaned.get("version")
        if self.instance.pk and (version is None or not 1 <= version <= self.instance.version):
            # The version is hidden, so the error belongs to the form as a whole.
            self.add_error(None, RELOAD_THE_PAGE)
        return cleaned

    def report_fields(self) -> dict:
        """The model's fields, with the implications gathered into one dictionary."""
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["implications"] = {
            heading: self.cleaned_data[f"implication_{index}"].strip() or "N/A"
            for index, heading in enumerate(IMPLICATION_HEADINGS)
        }
        return data


class GenerateForm(forms.Form):
    format = forms.ChoiceField(choices=GeneratedReport.Format.choices)

"""Forms for a partnership's statistics: importing a file, and its measures and areas."""

from crispy_forms_gds.layout import Field
from django import forms
from django.utils.text import slugify

from hcag.forms import TableUploadForm, form_helper, text_box
from partners.models import Partnership
from trends.models import Area, Measure
from workstreams.models import Objective


class StatisticsImportForm(TableUploadForm):
    file = forms.FileField(
        label="File of counts",
        help_text="A CSV file or an Excel workbook (.xlsx), in the long or wide layout.",
        error_messages={"required": "Choose a file to import"},
    )
    illustrative = forms.BooleanField(
        required=False,
        label="These are made-up figures, for trying the service out",
        help_text="They will be labelled “illustrative, not real” wherever they are shown.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field("file"), Field.checkbox("illustrative", small=True), submit="Import"
        )


class ImportConfirmForm(forms.Form):
    """The go-ahead for importing a file that replaces counts, held since it was checked."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=40)
    illustrative = forms.BooleanField(required=False, widget=forms.HiddenInput)


class MeasureForm(forms.ModelForm):
    class Meta:
        model = Measure
        fields = ["name", "description", "good_direction", "objectives"]
        labels = {
            "good_direction": "Which way is good?",
            "description": "What it counts (optional)",
            "objectives": "Objectives it tells you about (optional)",
        }
        help_texts = {"name": "As files of counts name it, for example “Recorded hate crimes”."}
        widgets = {"good_direction": forms.RadioSelect, "objectives": forms.CheckboxSelectMultiple}
        error_messages = {"name": {"required": "Enter the measure's name"}}

    def __init__(self, *args, partnership: Partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership
        self.fields["good_direction"].choices = Measure.Direction.choices
        objectives = self.fields["objectives"]
        objectives.queryset = Objective.objects.filter(plan__partnership=partnership)
        objectives.queryset = objectives.queryset.select_related("plan")
        objectives.label_from_instance = lambda objective: f"{objective} ({objective.plan.title})"
        self.helper = form_helper(
            Field.text("name"),
            text_box(self, "description", rows=3),
            Field.radios("good_direction", small=True),
            Field.checkboxes("objectives", small=True),
            submit="Save measure",
        )

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        others = self.instance.partnership.measures.exclude(pk=self.instance.pk)
        if not slugify(name):
            raise forms.ValidationError("The name must include letters or numbers")
        if others.filter(name__iexact=name).exists() or (
            not self.instance.slug and others.filter(slug=Measure.slug_for(name)).exists()
        ):
            raise forms.ValidationError("The partnership already has a measure with that name")
        return name


class AreaForm(forms.ModelForm):
    class Meta:
        model = Area
        fields = ["name", "part_of"]
        labels = {"part_of": "Part of a larger area (optional)"}
        help_texts = {
            "name": "As files of counts name it, for example “Darlington”.",
            "part_of": "For example, a council area is part of its police force area. Its "
            "counts are then treated as part of the larger area's when small numbers are "
            "hidden, so that neither gives the other away.",
        }
        error_messages = {"name": {"required": "Enter the area's name"}}

    def __init__(self, *args, partnership: Partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership
        part_of = self.fields["part_of"]
        part_of.queryset = partnership.areas.exclude(pk=self.instance.pk)
        part_of.empty_label = "Not part of another area"
        self.helper = form_helper(
            Field.text("name", field_width=20),
            Field.select("part_of"),
            submit="Save area" if self.instance.pk else "Add area",
        )

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        others = self.instance.partnership.areas.exclude(pk=self.instance.pk)
        if others.filter(name__iexact=name).exists():
            raise forms.ValidationError("The partnership already has an area with that name")
        return name


class ThresholdForm(forms.ModelForm):
    class Meta:
        model = Partnership
        fields = ["small_number_threshold"]
        labels = {"small_number_threshold": "Hide counts below"}
        help_texts = {
            "small_number_threshold": "Members other than the secretariat, and every export, "
            "see a smaller count as “fewer than” this number. It must be at least 1."
        }
        error_messages = {
            "small_number_threshold": {
                "required": "Enter the number below which counts are hidden",
                "invalid": "Enter a whole number, like 5",
                "min_value": "The number must be 1 or more",
                "max_value": "The number must be 1,000 or less",
            }
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.text("small_number_threshold", field_width=4), submit="Save"
        )

"""Reports to a council scrutiny committee, and every document generated from the plan."""

from django.conf import settings
from django.db import models
from django.utils.formats import date_format

from hcag.fields import LimitedTextField
from workstreams.models import ActionPlan

# The headings of a committee report's Appendix 1, each "N/A" unless said otherwise.
IMPLICATION_HEADINGS = [
    "Finance",
    "Staffing",
    "Risk",
    "Equality and Diversity / Public Sector Equality Duty",
    "Accommodation",
    "Crime and Disorder",
    "Human Rights",
    "Consultation",
    "Procurement",
    "Disability Issues",
    "Legal Implications",
]


def default_implications() -> dict[str, str]:
    return dict.fromkeys(IMPLICATION_HEADINGS, "N/A")


class CommitteeReport(models.Model):
    """The settings and prose of one report to a scrutiny committee. Everything else in
    the report comes from the plan's data when a document is generated."""

    # What the builder edits, with a version that refuses a stale save (see hcag.editing).
    EDITABLE_FIELDS = [
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
        "implications",
    ]

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="committee_reports")
    title = models.CharField(max_length=200)
    committee = models.CharField(max_length=200)
    committee_date = models.DateField()
    report_of = models.CharField(
        max_length=200, help_text="Who the report is from, such as “Alan Reiss, Chief of Staff”."
    )
    report_of_organisation = models.CharField(max_length=200, blank=True)
    purpose = LimitedTextField(max_length=2000)
    # How the report words what the data says, where it words it its own way.
    chaired_from = models.CharField(
        max_length=200,
        blank=True,
        help_text="Where the chair comes from, as in “is chaired from the Office of the "
        "Police, Crime and Victims' Commissioner”. Leave empty to name the current chair.",
    )
    priorities_introduction = models.CharField(
        max_length=500,
        blank=True,
        help_text="The sentence before the priorities. Leave empty for “The … contains "
        "several priorities which are relevant to the work of this Group, including:”.",
    )
    objectives_introduction = models.CharField(
        max_length=500,
        blank=True,
        help_text="The sentence before the objectives. Leave empty for “The … has four "
        "objectives which support these priorities:”.",
    )
    future_work = LimitedTextField(
        max_length=3000,
        blank=True,
        help_text="What the group will do over the next year, one item per line.",
    )
    recommendations = LimitedTextField(max_length=2000)
    contacts = LimitedTextField(
        max_length=1000,
        blank=True,
        help_text="Leave a blank line between contacts. The lines of each contact are kept.",
    )
    implications = models.JSONField(default=default_implications)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    saved_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Raised on every save, to refuse a stale one."
    )

    class Meta:
        ordering = ["plan_id", "-committee_date", "-pk"]

    def __str__(self):
        return f"{self.committee}, {date_format(self.committee_date, 'j F Y')}"

    def get_additional_data(self):
        """Stored with each audit entry: the version, so that a refused save can show the
        changes made since the one its editor started from."""
        return {"version": self.version}

    def implication_rows(self) -> list[tuple[str, str]]:
        return [(h, self.implications.get(h) or "N/A") for h in IMPLICATION_HEADINGS]


class GeneratedReport(models.Model):
    """A document exactly as it was generated, to download again later."""

    class Format(models.TextChoices):
        DOCX = "docx", "Word document (.docx)"
        PDF = "pdf", "PDF"
        XLSX = "xlsx", "Excel workbook of the plan (.xlsx)"
        CSV = "csv", "CSV of the plan (.csv)"

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="generated_reports")
    committee_report = models.ForeignKey(
        CommitteeReport,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="generated",
    )
    format = models.CharField(max_length=4, choices=Format.choices)
    document = models.FileField(upload_to="generated/%Y/")
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty for a document written by the export_committee_report command.",
    )
    generated_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan_id", "-generated_at", "-pk"]

    def __str__(self):
        return self.filename

    @property
    def filename(self) -> str:
        return self.document.name.rsplit("/", 1)[-1]

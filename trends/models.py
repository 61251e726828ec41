"""Statistics the group monitors: counts of hate crimes and incidents, by measure, area,
strand and period."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify

from hcag.fields import LimitedTextField
from partners.models import Partnership, Strand
from trends.periods import MONTH, QUARTER, YEAR, Period, starts_period
from workstreams.models import Objective

RESERVED_SLUGS = {"import", "measures", "areas", "small-numbers"}
# The largest count held: far above any real monthly or yearly count of hate crimes, and
# well inside every database's integer column.
MAX_COUNT = 1_000_000
PART_OF_ANOTHER_PARTNERSHIP = "The larger area must be one of the partnership's areas"
PART_OF_ITSELF = "An area cannot be part of itself, or of an area that is part of it"
# What a count with no strand is called: it counts every strand together.
ALL_STRANDS = "All strands"
NOT_A_PERIOD_START = {
    MONTH: "A month's count must start on the first day of the month",
    QUARTER: "A financial quarter's count must start on 1 April, 1 July, 1 October or 1 January",
    YEAR: "A financial year's count must start on 1 April",
}


class Measure(models.Model):
    """Something counted, such as recorded hate crimes, and which way is good."""

    class Direction(models.TextChoices):
        UP = "up", "A rise is welcome (as for reporting)"
        DOWN = "down", "A fall is welcome"
        NEITHER = "neither", "Neither: a change is worth a look either way"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="measures")
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=80)
    description = LimitedTextField(max_length=1000, blank=True)
    good_direction = models.CharField(
        max_length=10, choices=Direction.choices, default=Direction.NEITHER
    )
    objectives = models.ManyToManyField(
        Objective,
        blank=True,
        related_name="measures",
        help_text="The plan objectives it tells you about.",
    )

    class Meta:
        ordering = ["partnership_id", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "slug"], name="measure_one_slug_per_partnership"
            ),
            models.UniqueConstraint(
                fields=["partnership", "name"], name="measure_one_name_per_partnership"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse(
            "trends:measure", kwargs={"slug": self.partnership.slug, "measure": self.slug}
        )

    @staticmethod
    def slug_for(name: str) -> str:
        """A slug for the measure's address that no other page of the trends section uses."""
        slug = slugify(name)[:70]
        return f"{slug}-measure" if slug in RESERVED_SLUGS else slug


class Area(models.Model):
    """A place counts are given for. An area may be part of a larger one (a council area
    of a police force area), whose counts then hold its counts: small-number suppression
    treats them as parts of that total."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="areas")
    name = models.CharField(max_length=120)
    part_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="parts",
        help_text="The larger area it is part of, such as the police force area a council "
        "area is in.",
    )

    class Meta:
        ordering = ["partnership_id", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "name"], name="area_one_name_per_partnership"
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.part_of is None:
            return
        if self.part_of.partnership_id != self.partnership_id:
            raise ValidationError({"part_of": PART_OF_ANOTHER_PARTNERSHIP})
        larger, seen = self.part_of, set()
        while larger is not None and larger.pk not in seen:
            if self.pk is not None and larger.pk == self.pk:
                raise ValidationError({"part_of": PART_OF_ITSELF})
            seen.add(larger.pk)
            larger = larger.part_of


class StatisticsImport(models.Model):
    """One file of counts imported: who brought it in, when, and what it replaced."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="statistics_imports"
    )
    filename = models.CharField(max_length=255)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)
    rows = models.PositiveIntegerField()
    replaced = models.PositiveIntegerField(help_text="Counts it replaced for the same periods.")

    class Meta:
        ordering = ["partnership_id", "-imported_at"]

    def __str__(self):
        return f"{self.filename} ({self.rows} rows)"


class Count(models.Model):
    class PeriodKind(models.TextChoices):
        MONTH = MONTH, "Month"
        QUARTER = QUARTER, "Financial quarter"
        YEAR = YEAR, "Financial year"

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="counts")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="counts")
    strand = models.ForeignKey(
        Strand,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="counts",
        help_text="Empty for all strands together.",
    )
    period_kind = models.CharField(max_length=10, choices=PeriodKind.choices)
    period_start = models.DateField()
    value = models.PositiveIntegerField(validators=[MaxValueValidator(MAX_COUNT)])
    source = models.CharField(max_length=300, blank=True)
    note = LimitedTextField(max_length=1000, blank=True)
    illustrative = models.BooleanField(
        default=False, help_text="Made up to show what the charts do: not real figures."
    )
    imported_in = models.ForeignKey(
        StatisticsImport, on_delete=models.SET_NULL, null=True, blank=True, related_name="counts"
    )

    class Meta:
        ordering = ["measure_id", "period_kind", "period_start", "area_id", "strand_id"]
        indexes = [
            models.Index(fields=["measure", "period_kind", "period_start"], name="count_series")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "area", "strand", "period_kind", "period_start"],
                condition=Q(strand__isnull=False),
                name="count_once_per_strand_and_period",
            ),
            models.UniqueConstraint(
                fields=["measure", "area", "period_kind", "period_start"],
                condition=Q(strand__isnull=True),
                name="count_once_for_all_strands_and_period",
            ),
        ]

    def __str__(self):
        strand = self.strand or "all strands"
        return f"{self.measure}, {self.area}, {strand}, {self.period}: {self.value}"

    def clean(self):
        super().clean()
        kind, start = self.period_kind, self.period_start
        if kind in NOT_A_PERIOD_START and start and not starts_period(start, kind):
            raise ValidationError({"period_start": NOT_A_PERIOD_START[kind]})

    @property
    def period(self) -> Period:
        return Period(self.period_start, self.period_kind)

"""An action plan: priorities, objectives, workstreams, actions and their progress."""

import re
import string

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from partners.models import Organisation, Partnership, Person, Strand

ROMAN_NUMERAL = re.compile(r"^m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
LOWERCASE_LETTER = re.compile(r"^[a-z]$")


class ActionPlan(models.Model):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="action_plans"
    )
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    priorities_source = models.CharField(
        max_length=200,
        blank=True,
        help_text="The plan whose priorities this plan serves, such as the commissioner's plan.",
    )
    adopted_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["partnership", "-adopted_on", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("workstreams:plan-detail", kwargs={"slug": self.slug})


class Priority(models.Model):
    """A priority of the plan this action plan serves (the commissioner's plan)."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="priorities")
    label = models.CharField(max_length=3)
    title = models.CharField(max_length=300)

    class Meta:
        verbose_name_plural = "priorities"
        ordering = ["plan", "label"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "label"], name="priority_one_label_per_plan"),
        ]

    def __str__(self):
        return f"{self.label}. {self.title}"


class Objective(models.Model):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="objectives")
    label = models.CharField(max_length=3)
    title = models.CharField(max_length=300)
    priorities = models.ManyToManyField(
        Priority, blank=True, related_name="objectives", help_text="The priorities it serves."
    )

    class Meta:
        ordering = ["plan", "label"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "label"], name="objective_one_label_per_plan"),
        ]

    def __str__(self):
        return f"{self.label}. {self.title}"


class Workstream(models.Model):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="workstreams")
    letter = models.CharField(max_length=1)
    title = models.TextField()
    lead_in = models.CharField(
        max_length=200,
        blank=True,
        help_text="Words that introduce the actions, such as “The strategy will:”.",
    )
    lead_organisations = models.ManyToManyField(
        Organisation, related_name="workstreams_led", blank=True
    )
    objectives = models.ManyToManyField(
        Objective, blank=True, related_name="workstreams", help_text="The objectives it supports."
    )

    class Meta:
        ordering = ["plan", "letter"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "letter"], name="workstream_one_letter_per_plan"
            ),
            models.CheckConstraint(
                condition=Q(letter__in=list(string.ascii_uppercase)),
                name="workstream_letter_is_a_capital",
                violation_error_message="A workstream's letter is one capital letter, A to Z.",
            ),
        ]

    def __str__(self):
        return f"{self.letter}. {self.title}"


class Action(models.Model):
    """A numbered action (i, ii, …) of a workstream, or a lettered sub-item (a, b, …) of one."""

    workstream = models.ForeignKey(Workstream, on_delete=models.CASCADE, related_name="actions")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="sub_items"
    )
    label = models.CharField(
        max_length=10, help_text="A roman numeral for an action, a letter for a sub-item."
    )
    position = models.PositiveSmallIntegerField(default=0)
    text = models.TextField()
    owner_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions_owned",
        help_text="Leave empty when the workstream's lead organisations own it.",
    )
    target_date = models.DateField(null=True, blank=True)
    strands = models.ManyToManyField(Strand, blank=True, related_name="actions")
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Raised on every edit, to refuse a stale save."
    )

    class Meta:
        ordering = ["workstream", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["workstream", "label"],
                condition=Q(parent__isnull=True),
                name="action_one_label_per_workstream",
                violation_error_message="The workstream already has an action with this label.",
            ),
            models.UniqueConstraint(
                fields=["parent", "label"],
                condition=Q(parent__isnull=False),
                name="action_one_label_per_parent",
                violation_error_message="The action already has a sub-item with this label.",
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.text}"

    def clean(self):
        errors = {}
        if self.parent_id is None:
            if not ROMAN_NUMERAL.match(self.label) or not self.label:
                errors["label"] = "An action's label is a lower-case roman numeral, such as iv."
        else:
            if not LOWERCASE_LETTER.match(self.label):
                errors["label"] = "A sub-item's label is one lower-case letter, such as b."
            if self.parent.parent_id is not None:
                errors["parent"] = "A sub-item cannot have sub-items of its own."
            elif self.parent.workstream_id != self.workstream_id:
                errors["parent"] = "A sub-item belongs to an action of the same workstream."
        if errors:
            raise ValidationError(errors)

    @property
    def reference(self):
        """The action's place in the plan, such as “A.ii.b”."""
        parts = [self.workstream.letter]
        if self.parent_id is not None:
            parts.append(self.parent.label)
        parts.append(self.label)
        return ".".join(parts)


class ProgressUpdate(models.Model):
    """A lead's report on an action. Never edited or deleted: a correction is a new update."""

    class Status(models.TextChoices):
        NOT_STARTED = "not-started", "Not started"
        ON_TRACK = "on-track", "On track"
        AT_RISK = "at-risk", "At risk"
        OFF_TRACK = "off-track", "Off track"
        COMPLETE = "complete", "Complete"

    class Confidence(models.TextChoices):
        HIGH = "high", "High"
        MEDIUM = "medium", "Medium"
        LOW = "low", "Low"

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="updates")
    author = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="progress_updates")
    status = models.CharField(max_length=20, choices=Status.choices)
    percent_complete = models.PositiveSmallIntegerField(validators=[MaxValueValidator(100)])
    confidence = models.CharField(max_length=10, choices=Confidence.choices)
    narrative = models.TextField(blank=True)
    next_steps = models.TextField(blank=True)
    evidence_links = models.TextField(blank=True, help_text="One web address per line.")
    as_at = models.DateField(help_text="The date the update describes.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["action", "-as_at", "-created_at", "-pk"]
        get_latest_by = ["as_at", "created_at", "pk"]
        indexes = [
            models.Index(
                fields=["action", "-as_at", "-created_at", "-id"], name="update_latest_per_action"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent_complete__gte=0, percent_complete__lte=100),
                name="update_percent_between_0_and_100",
                violation_error_message="Percentage complete must be between 0 and 100.",
            ),
            models.CheckConstraint(
                condition=~Q(status="complete") | Q(percent_complete=100),
                name="update_complete_means_100_percent",
                violation_error_message="A complete action is 100% complete.",
            ),
        ]

    def __str__(self):
        return f"{self.action.reference}: {self.get_status_display()} at {self.as_at.isoformat()}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("Progress updates are never changed; add a new update instead.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Progress updates are never deleted; add a correcting update instead.")

    def evidence_link_list(self):
        return [line.strip() for line in self.evidence_links.splitlines() if line.strip()]

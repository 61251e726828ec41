"""An action plan: priorities, objectives, workstreams, actions and their progress."""

import re
import string
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models, transaction
from django.db.models import Case, Exists, F, OuterRef, Q, Value, When
from django.db.models.functions import Coalesce, NullIf
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator

from hcag.fields import LimitedTextField
from partners.models import Membership, Organisation, Partnership, Person, Strand

SHORT_TITLE_WORDS = 8
ROMAN_NUMERAL = re.compile(r"^m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
LOWERCASE_LETTER = re.compile(r"^[a-z]$")
START_AFTER_TARGET = "The target date must be on or after the start date"
OWNER_NOT_A_MEMBER = "The named owner must be a current member of the partnership"


class LiveQuerySet(models.QuerySet):
    def live(self):
        """Those not retired: a retired item keeps its place in the history, and leaves
        roll-ups, the dashboard and due lists."""
        return self.filter(retired_on__isnull=True)


class ActionPlan(models.Model):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="action_plans"
    )
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    description = LimitedTextField(max_length=5000, blank=True)
    priorities_source = models.CharField(
        max_length=200,
        blank=True,
        help_text="The plan whose priorities this plan serves, such as the commissioner's plan.",
    )
    adopted_on = models.DateField(null=True, blank=True)
    adopted_at = models.CharField(
        "adopting meeting",
        max_length=200,
        blank=True,
        help_text="The meeting that adopted it, such as “JHCAG meeting, 10 September 2018”.",
    )
    predecessor = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="successor",
        help_text="The plan this one was started from, for a new year.",
    )
    superseded_on = models.DateField(
        null=True,
        blank=True,
        editable=False,
        help_text="When a plan for a new year replaced it; it is then read only.",
    )
    # How progress rolls up (workstreams.rollup).
    sub_items_roll_up = models.BooleanField(
        "sub-items roll up into their action",
        default=True,
        help_text="Whether an action with sub-items stands where its sub-items put it, or is "
        "reported on itself.",
    )
    weighs_actions = models.BooleanField(
        "actions are weighted",
        default=False,
        help_text="Whether each action's percentage counts by its weight when progress rolls "
        "up, rather than every action counting the same.",
    )
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Raised on every edit, to refuse a stale save."
    )

    class Meta:
        ordering = ["partnership_id", "-adopted_on", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("workstreams:plan-detail", kwargs={"slug": self.slug})

    def get_additional_data(self):
        return {"version": self.version}

    @property
    def is_superseded(self) -> bool:
        return self.superseded_on is not None


class Priority(models.Model):
    """A priority of the plan this action plan serves (the commissioner's plan)."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="priorities")
    label = models.CharField(max_length=3)
    title = models.CharField(max_length=300)
    retired_on = models.DateField(null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = LiveQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "priorities"
        ordering = ["plan_id", "label"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "label"],
                condition=Q(retired_on__isnull=True),
                name="priority_one_label_per_plan",
            ),
        ]

    def __str__(self):
        return f"{self.label}. {self.title}"

    def get_additional_data(self):
        return {"version": self.version}


class Objective(models.Model):
    # Said wherever its priorities are shown, when they are inferred.
    PRIORITIES_INFERRED = "inferred from the wording: the plan does not say which it serves"

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="objectives")
    label = models.CharField(max_length=3)
    title = models.CharField(max_length=300)
    priorities = models.ManyToManyField(
        Priority, blank=True, related_name="objectives", help_text="The priorities it serves."
    )
    priorities_inferred = models.BooleanField(
        default=False,
        help_text="Which priorities it serves is inferred, not stated in the plan.",
    )
    retired_on = models.DateField(null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = LiveQuerySet.as_manager()

    class Meta:
        ordering = ["plan_id", "label"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "label"],
                condition=Q(retired_on__isnull=True),
                name="objective_one_label_per_plan",
            ),
        ]

    def __str__(self):
        return f"{self.label}. {self.title}"

    def get_additional_data(self):
        return {"version": self.version}


class Workstream(models.Model):
    # Said wherever its leads or objectives are shown, when they are inferred.
    LEADS_INFERRED = "inferred: the plan names no lead"
    OBJECTIVES_INFERRED = "inferred from the wording: the plan does not say which it supports"

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="workstreams")
    letter = models.CharField(max_length=1)
    title = LimitedTextField(max_length=1000)
    lead_in = models.CharField(
        max_length=200,
        blank=True,
        help_text="Words that introduce the actions, such as “The strategy will:”.",
    )
    lead_organisations = models.ManyToManyField(
        Organisation, related_name="workstreams_led", blank=True
    )
    leads_as_written = models.CharField(
        max_length=300,
        blank=True,
        help_text="The leads as the plan's text names them, where it words them differently "
        "from the organisations' names; reports print these words.",
    )
    leads_inferred = models.BooleanField(
        default=False,
        help_text="The plan names no lead: these are inferred, and pages and reports say so.",
    )
    objectives = models.ManyToManyField(
        Objective, blank=True, related_name="workstreams", help_text="The objectives it supports."
    )
    objectives_inferred = models.BooleanField(
        default=False,
        help_text="Which objectives it supports is inferred, not stated in the plan.",
    )
    public = models.BooleanField(
        default=True,
        help_text="Shown on the partnership's public page, when it has one; the secretariat "
        "makes intelligence or operational work private.",
    )
    retired_on = models.DateField(null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = LiveQuerySet.as_manager()

    class Meta:
        ordering = ["plan_id", "letter"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "letter"],
                condition=Q(retired_on__isnull=True),
                name="workstream_one_letter_per_plan",
            ),
            models.CheckConstraint(
                condition=Q(letter__in=list(string.ascii_uppercase)),
                name="workstream_letter_is_a_capital",
                violation_error_message="A workstream's letter is one capital letter, A to Z.",
            ),
        ]

    def __str__(self):
        return f"{self.letter}. {self.title}"

    def get_absolute_url(self):
        return reverse("workstreams:workstream-detail", kwargs={"pk": self.pk})

    def get_additional_data(self):
        return {"version": self.version}

    @property
    def short_title(self) -> str:
        """Its title cut to the first few words, for tables and lists that name many."""
        return Truncator(self.title).words(SHORT_TITLE_WORDS, truncate="…")


# An action whose weight counts as its plan's progress rolls up (workstreams.rollup).
WEIGHED = Q(workstream__plan__weighs_actions=True)


class ActionQuerySet(LiveQuerySet):
    def to_report_on(self) -> "ActionQuerySet":
        """Still in a plan that is still current: what leads are asked to report on. A
        superseded plan's actions are carried on by their successors."""
        return self.live().filter(workstream__plan__superseded_on__isnull=True)

    def reportable(self) -> "ActionQuerySet":
        """The actions leads report on: all but those whose sub-items roll up into them
        (their plan's setting), which are reported through their sub-items."""
        return self.exclude(
            Exists(Action.objects.live().filter(parent=OuterRef("pk"))),
            workstream__plan__sub_items_roll_up=True,
        )

    def with_roll_up_terms(self) -> "ActionQuerySet":
        """Annotate how each action counts as its plan's progress rolls up
        (workstreams.rollup): ``roll_up_weight``, its weight when its plan weighs actions
        and otherwise 1, and ``sub_items_roll_up``, its plan's setting."""
        return self.annotate(
            roll_up_weight=Case(When(WEIGHED, then=F("weight")), default=Value(1)),
            sub_items_roll_up=F("workstream__plan__sub_items_roll_up"),
        )

    def with_parent_roll_up_weight(self) -> "ActionQuerySet":
        """Annotate ``parent_roll_up_weight``: for a sub-item, the roll_up_weight of its
        action (with_roll_up_terms()); None for an action."""
        return self.annotate(
            parent_roll_up_weight=Case(
                When(parent__isnull=True, then=None),
                When(WEIGHED, then=F("parent__weight")),
                default=Value(1),
            )
        )

    def with_due_date(self) -> "ActionQuerySet":
        """Annotate ``due_on``: the target date, or for a sub-item without one, its action's."""
        return self.annotate(due_on=Coalesce("target_date", "parent__target_date"))

    def in_plan_order(self) -> "ActionQuerySet":
        """In the order the plan lists them, across plans and workstreams: each action,
        then its sub-items."""
        return self.order_by(
            "workstream__plan__title",
            "workstream__letter",
            Coalesce("parent__position", "position"),
            F("parent").asc(nulls_first=True),
            "position",
            "pk",
        )


# The most an action may weigh against another, as its plan's progress rolls up.
MAX_WEIGHT = 100


class Action(models.Model):
    """A numbered action (i, ii, …) of a workstream, or a lettered sub-item (a, b, …) of one."""

    # What its leads may edit, with a version that refuses a stale save (see hcag.editing).
    EDITABLE_FIELDS = ["text", "owner_organisation", "owner_person", "start_date", "target_date"]

    workstream = models.ForeignKey(Workstream, on_delete=models.CASCADE, related_name="actions")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="sub_items"
    )
    label = models.CharField(
        # The longest roman numeral up to 3999 is "mmmdccclxxxviii", 15 letters.
        max_length=15,
        help_text="A roman numeral for an action, a letter for a sub-item.",
    )
    position = models.PositiveSmallIntegerField(default=0)
    text = LimitedTextField(max_length=1000)
    owner_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions_owned",
        help_text="Leave empty when the workstream's lead organisations own it.",
    )
    owner_person = models.ForeignKey(
        Person,
        verbose_name="named owner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions_owned",
        help_text="A member of the partnership who owns it, if the plan names one.",
    )
    start_date = models.DateField(null=True, blank=True)
    target_date = models.DateField(null=True, blank=True)
    retired_on = models.DateField(null=True, blank=True, editable=False)
    weight = models.PositiveSmallIntegerField(
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_WEIGHT)],
        help_text="Its share when progress rolls up, if its plan weighs actions.",
    )
    predecessor = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="brought_forward_as",
        help_text="The open action of the previous year's plan that this one carries on.",
    )
    strands = models.ManyToManyField(Strand, blank=True, related_name="actions")
    latest_update = models.ForeignKey(
        "ProgressUpdate",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text="Kept in step by ProgressUpdate.save(), so that lists need no subquery.",
    )
    latest_review = models.ForeignKey(
        "StatusReview",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text="The latest review of its latest update, kept in step by "
        "ProgressUpdate.save() and StatusReview.save(), so that lists need no subquery.",
    )
    # Where it stands now, copied from its latest update and that update's latest review
    # with them (_point_at_latest), so that a list of thousands reads no other table.
    # None, as for the update it comes from, means nobody has reported on it yet.
    latest_status = models.CharField(  # noqa: DJ001
        max_length=20,
        null=True,
        editable=False,
        help_text="The status that stands: the reviewer's where the latest review revised "
        "it, else the lead's.",
    )
    latest_reported_status = models.CharField(  # noqa: DJ001
        max_length=20, null=True, editable=False, help_text="The lead's status."
    )
    latest_percent = models.PositiveSmallIntegerField(null=True, editable=False)
    latest_as_at = models.DateField(null=True, editable=False)
    latest_author = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, editable=False, related_name="+"
    )
    review_outcome = models.CharField(  # noqa: DJ001
        max_length=10,
        null=True,
        editable=False,
        help_text="The outcome of the latest review of its latest update, if any.",
    )
    update_count = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text="How many updates it has: it changes with every update added, dated back "
        "or not (workstreams.snapshots.workstream_fingerprints).",
    )
    public = models.BooleanField(
        default=True,
        help_text="Shown on the partnership's public page, when it has one and its workstream "
        "(and, for a sub-item, its action) is public too.",
    )
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Raised on every edit, to refuse a stale save."
    )

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["workstream_id", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["workstream", "label"],
                condition=Q(parent__isnull=True, retired_on__isnull=True),
                name="action_one_label_per_workstream",
                violation_error_message="The workstream already has an action with this label.",
            ),
            models.UniqueConstraint(
                fields=["parent", "label"],
                condition=Q(parent__isnull=False, retired_on__isnull=True),
                name="action_one_label_per_parent",
                violation_error_message="The action already has a sub-item with this label.",
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.text}"

    def save(self, *args, **kwargs):
        # An edit never writes back where the action stood when it was read: an update
        # recorded meanwhile keeps what it set (KEPT_FROM_UPDATES).
        if not self._state.adding and self.pk is not None and "update_fields" not in kwargs:
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name not in KEPT_FROM_UPDATES
            ]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("workstreams:action-detail", kwargs={"pk": self.pk})

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
        if self.start_date and self.target_date and self.start_date > self.target_date:
            errors["target_date"] = START_AFTER_TARGET
        if self.owner_person_id and not self.owner_is_a_member():
            errors["owner_person"] = OWNER_NOT_A_MEMBER
        if errors:
            raise ValidationError(errors)

    def owner_is_a_member(self) -> bool:
        return (
            Membership.objects.current()
            .filter(person=self.owner_person_id, partnership=self.workstream.plan.partnership_id)
            .exists()
        )

    def is_reported_through_sub_items(self) -> bool:
        """Whether its progress is its sub-items' rolled up (by its plan's setting), so that
        it takes no updates of its own."""
        return self.workstream.plan.sub_items_roll_up and self.sub_items.live().exists()

    def get_additional_data(self):
        """Stored with each audit entry: the version, so an edit conflict can show the
        changes made since the one an editor started from; where it stood, so its history
        is found after it is deleted."""
        return {"version": self.version, "workstream": self.workstream_id, "parent": self.parent_id}

    def responsible_organisation_ids(self) -> set[int]:
        """The workstream's leads, plus whoever owns the action or, for a sub-item, its action."""
        ids = {organisation.pk for organisation in self.workstream.lead_organisations.all()}
        owners = [
            self.owner_organisation_id,
            self.parent.owner_organisation_id if self.parent_id else None,
        ]
        return ids | {owner for owner in owners if owner is not None}

    @property
    def short_text(self) -> str:
        """Its words cut to the first few, for lists that name many."""
        return Truncator(self.text).words(SHORT_TITLE_WORDS, truncate="…")

    @property
    def reference(self):
        """The action's place in the plan, such as “A.ii.b”."""
        parts = [self.workstream.letter]
        if self.parent_id is not None:
            parts.append(self.parent.label)
        parts.append(self.label)
        return ".".join(parts)


def action_urls() -> Callable[[int], str]:
    """A function giving the address of an action's page from its id, as
    Action.get_absolute_url does, for pages listing hundreds: the address is resolved
    once, not once an action (reverse() costs tens of microseconds)."""
    prefix, _, suffix = reverse(
        "workstreams:action-detail", kwargs={"pk": ANY_ACTION_ID}
    ).rpartition(str(ANY_ACTION_ID))
    return lambda pk: f"{prefix}{pk}{suffix}"


ANY_ACTION_ID = 987654321  # stands in for the id in action_urls()'s one reverse()


def refresh_latest_updates(actions: "models.QuerySet[Action]") -> int:
    """Call it after creating updates or reviews in bulk, which bypasses their save(): it
    points each action at its latest update and that update's latest review, and forgets
    where it and its workstream stood at past month ends (ProgressSnapshot and
    WorkstreamSnapshot), to be worked out again: reviews created in bulk may be dated
    back, which no count of updates tells."""
    ProgressSnapshot.objects.filter(action__in=actions).delete()
    WorkstreamSnapshot.objects.filter(workstream__actions__in=actions).delete()
    return _point_at_latest(actions)


# What an action keeps from its updates and their reviews (_point_at_latest).
KEPT_FROM_UPDATES = {
    "latest_update",
    "latest_review",
    "latest_status",
    "latest_reported_status",
    "latest_percent",
    "latest_as_at",
    "latest_author",
    "review_outcome",
    "update_count",
}


def _point_at_latest(actions: "models.QuerySet[Action]") -> int:
    """Point each action at its latest update, then at that update's latest review, and
    copy where they put it (KEPT_FROM_UPDATES)."""
    latest = ProgressUpdate.objects.filter(action=OuterRef("pk")).order_by(*LATEST_FIRST)
    actions.update(latest_update=models.Subquery(latest.values("pk")[:1]))
    reviews = StatusReview.objects.filter(update=OuterRef("latest_update_id"))
    latest_review = reviews.order_by(*StatusReview.LATEST_FIRST).values("pk")[:1]
    actions.update(latest_review=models.Subquery(latest_review))
    return actions.update(**_standing_columns())


def _standing_columns() -> dict[str, models.Expression]:
    def of_update(field):
        return models.Subquery(
            ProgressUpdate.objects.filter(pk=OuterRef("latest_update_id")).values(field)[:1]
        )

    def of_review(field):
        return models.Subquery(
            StatusReview.objects.filter(pk=OuterRef("latest_review_id")).values(field)[:1]
        )

    return {
        # The rule of status_that_stands: only a revising review has a status; any
        # other's "" gives way to the lead's.
        "latest_status": Coalesce(NullIf(of_review("status"), Value("")), of_update("status")),
        "latest_reported_status": of_update("status"),
        "latest_percent": of_update("percent_complete"),
        "latest_as_at": of_update("as_at"),
        "latest_author": of_update("author"),
        "review_outcome": of_review("outcome"),
        "update_count": Coalesce(
            models.Subquery(
                ProgressUpdate.objects.filter(action=OuterRef("pk"))
                .order_by()
                .values("action")
                .annotate(count=models.Count("pk"))
                .values("count")
            ),
            Value(0),
        ),
    }


# The order of an action's updates, newest first: by the date they describe, then by
# when they were written, so that a correction entered later wins.
LATEST_FIRST = ["-as_at", "-created_at", "-pk"]

BAD_EVIDENCE_LINK = "Line {line} is not a web address: enter one address per line, like https://…"
NARRATIVE_NEEDED_FOR_STATUS = "Explain why the action is {status}"
NARRATIVE_NEEDED_FOR_DROP = "Explain why the percentage complete has gone down from {previous}%"
AS_AT_IN_THE_FUTURE = "The ‘as at’ date must be today or in the past"
ACTION_RETIRED = "This action has been retired, so it takes no more updates."
UPDATE_THE_SUB_ITEMS = (
    "This action has sub-items: update them instead, and the action's progress follows."
)


def validate_evidence_links(value: str):
    """One http or https address per line; blank lines are allowed."""
    validate = URLValidator(schemes=["https", "http"])
    for number, line in enumerate(value.splitlines(), start=1):
        if line.strip():
            try:
                validate(line.strip())
            except ValidationError:
                raise ValidationError(BAD_EVIDENCE_LINK.format(line=number)) from None


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
    narrative = LimitedTextField(max_length=3000, blank=True)
    next_steps = LimitedTextField(max_length=2000, blank=True)
    evidence_links = LimitedTextField(
        max_length=4000,
        blank=True,
        validators=[validate_evidence_links],
        help_text="One web address per line.",
    )
    as_at = models.DateField(help_text="The date the update describes.")
    may_be_published = models.BooleanField(
        default=False,
        help_text="Its author agrees that its narrative may appear on the public page, once "
        "the chair has confirmed the status.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submission = models.UUIDField(
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text="The form that added it, so that a form sent twice adds one update.",
    )

    class Meta:
        ordering = ["action_id", *LATEST_FIRST]
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
        return (
            f"{self.action.reference}: {self.get_status_display()} as at {date_format(self.as_at)}"
        )

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("Progress updates are never changed; add a new update instead.")
        with transaction.atomic():
            # Lock the action first, so that two updates added at once cannot leave
            # its latest_update pointing at the older of them.
            list(Action.objects.select_for_update().filter(pk=self.action_id).values("pk"))
            super().save(*args, **kwargs)
            _point_at_latest(Action.objects.filter(pk=self.action_id))
            # Here, not in selectors' import of this module: snapshots reads progress
            # through the selectors, which read these models.
            from workstreams.snapshots import keep_snapshots_from

            keep_snapshots_from(self.action_id, self.as_at)

    def delete(self, *args, **kwargs):
        raise ValueError("Progress updates are never deleted; add a correcting update instead.")

    def get_additional_data(self):
        """Stored with each audit entry, so that the update's history is found after its
        action is deleted."""
        return {
            "action": self.action_id,
            "workstream": self.action.workstream_id,
            "parent": self.action.parent_id,
        }

    def clean(self):
        if self.status == self.Status.COMPLETE:
            self.percent_complete = 100
        errors = {}
        if self.action_id and self.action.retired_on is not None:
            errors["__all__"] = ACTION_RETIRED
        elif self.action_id and self.action.is_reported_through_sub_items():
            errors["__all__"] = UPDATE_THE_SUB_ITEMS
        if self.as_at and self.as_at > timezone.localdate():
            errors["as_at"] = AS_AT_IN_THE_FUTURE
        if not self.narrative.strip():
            if self.status in {self.Status.AT_RISK, self.Status.OFF_TRACK}:
                errors["narrative"] = NARRATIVE_NEEDED_FOR_STATUS.format(
                    status=self.get_status_display().lower()
                )
            elif self._percent_went_down():
                errors["narrative"] = NARRATIVE_NEEDED_FOR_DROP.format(
                    previous=self.previous().percent_complete
                )
        if errors:
            raise ValidationError(errors)

    def _percent_went_down(self) -> bool:
        previous = self.previous()
        return (
            previous is not None
            and self.percent_complete is not None
            and self.percent_complete < previous.percent_complete
        )

    def previous(self) -> "ProgressUpdate | None":
        """The update this one follows on the action's timeline: the latest other update
        dated on or before it (so a backdated update is compared with its predecessor)."""
        if not self.action_id:
            return None
        earlier = self.action.updates.exclude(pk=self.pk)
        if self.as_at:
            earlier = earlier.filter(as_at__lte=self.as_at)
        return earlier.order_by(*LATEST_FIRST).first()

    def evidence_link_list(self):
        return [line.strip() for line in self.evidence_links.splitlines() if line.strip()]


COMMENT_NEEDED_TO_CHALLENGE = "Say why you are challenging this status"
REVISED_STATUS_NEEDED = "Select the status you give it"
REVISED_STATUS_UNCHANGED = (
    "Select a status different from the one the lead reported, or confirm their status"
)
REASON_NEEDED_TO_REVISE = "Say why you give it a different status"
STATUS_ONLY_WHEN_REVISED = "Give a status only when you give it a different one"
AWAITING_REVIEW = "Awaiting review"
Status = ProgressUpdate.Status
# The statuses a reviewer may give instead of the lead's: completing an action is its
# lead's to report, with the evidence.
REVISED_STATUSES = [Status.NOT_STARTED, Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK]


class StatusReview(models.Model):
    """The chair's (or secretariat's) view of a lead's reported status, before a meeting:
    confirmed, challenged (the lead is asked to look again) or revised (the reviewer's
    own status, with the reason, stands instead of the lead's; see status_that_stands).

    The latest review of an update stands; a later review replaces an earlier one.
    """

    # The order of an update's reviews, newest first: the first is the one that stands.
    LATEST_FIRST = ["-created_at", "-pk"]

    class Outcome(models.TextChoices):
        CONFIRMED = "confirmed", "Confirmed"
        CHALLENGED = "challenged", "Challenged"
        REVISED = "revised", "Revised"

    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="status_reviews")
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    status = models.CharField(
        max_length=20,
        choices=[(status.value, status.label) for status in REVISED_STATUSES],
        blank=True,
        help_text="The reviewer's own status for the action, when they revise the lead's.",
    )
    comment = LimitedTextField(max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["update_id", "-created_at", "-pk"]
        indexes = [
            models.Index(fields=["update", "-created_at", "-id"], name="review_latest_per_update")
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(outcome="revised") & ~Q(status=""))
                | (~Q(outcome="revised") & Q(status="")),
                name="review_status_given_when_revised",
                violation_error_message="A revised status, and only a revised one, has a status.",
            )
        ]

    def __str__(self):
        return f"{self.get_outcome_display()} by {self.reviewer}: {self.update}"

    def save(self, *args, **kwargs):
        actions = Action.objects.filter(updates=self.update_id)
        with transaction.atomic():
            # Lock the action first, so that two reviews recorded at once cannot leave it
            # pointing at the older of them.
            list(actions.select_for_update(of=("self",)).values("pk"))
            super().save(*args, **kwargs)
            _point_at_latest(actions)

    def clean(self):
        errors = {}
        needs_reason = {
            self.Outcome.CHALLENGED: COMMENT_NEEDED_TO_CHALLENGE,
            self.Outcome.REVISED: REASON_NEEDED_TO_REVISE,
        }
        if self.outcome in needs_reason and not self.comment.strip():
            errors["comment"] = needs_reason[self.outcome]
        if self.outcome == self.Outcome.REVISED:
            if not self.status:
                errors["status"] = REVISED_STATUS_NEEDED
            elif self.update_id and self.status == self.update.status:
                errors["status"] = REVISED_STATUS_UNCHANGED
        elif self.status:
            errors["status"] = STATUS_ONLY_WHEN_REVISED
        if errors:
            raise ValidationError(errors)


def status_that_stands(reported: str, outcome: str | None, revised: str | None) -> str:
    """The status that stands for an update: the reviewer's, when the latest review of it
    revised the lead's (`outcome` and `revised` are that review's), else the lead's
    `reported` status. workstreams.selectors.standing_status is the same rule in SQL."""
    return revised if outcome == StatusReview.Outcome.REVISED and revised else reported


def review_state(outcome: str | None) -> str:
    """Where a reported status stands with the chair: the outcome of the latest review of
    the update it comes from, or "Awaiting review" when it has none."""
    return StatusReview.Outcome(outcome).label if outcome else AWAITING_REVIEW


class ProgressSnapshot(models.Model):
    """Where an action stood at the end of a past day, as its updates dated by then and
    their reviews recorded by then put it (selectors.progress_as_of): the status and
    percentage that the dashboard's status over time reads at month ends, and the chair's
    briefing at the meeting it compares with, so that neither need replay every update on
    every view. An empty status means no update yet. Kept by workstreams.snapshots: only
    an update dated on or before a day changes where the action stood then
    (ProgressUpdate.save); updates are never changed or deleted, and a review counts from
    when it is recorded."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="snapshots")
    day = models.DateField()
    status = models.CharField(max_length=20, choices=ProgressUpdate.Status.choices, blank=True)
    percent = models.PositiveSmallIntegerField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["action", "day"], name="one_snapshot_per_action_and_day"
            )
        ]
        indexes = [models.Index(fields=["day"], name="snapshot_by_day")]

    def __str__(self):
        return f"{self.action_id} at {self.day}: {self.status or 'no update'}"


class WorkstreamSnapshot(models.Model):
    """Where a workstream stood at the end of a past month, rolled up (workstreams.rollup)
    from its actions' ProgressSnapshots: what the dashboard's status over time shows
    unfiltered, kept so that it need not read every action's. `fingerprint` is that of
    what it was rolled up from (workstreams.snapshots.workstream_fingerprints): the
    actions, their places and weights in the roll-up, and how many updates each has; a
    snapshot whose fingerprint no longer matches is worked out again, so nothing that
    changes the plan need remember to forget it."""

    workstream = models.ForeignKey(Workstream, on_delete=models.CASCADE, related_name="snapshots")
    month_end = models.DateField()
    status = models.CharField(max_length=20, choices=ProgressUpdate.Status.choices, blank=True)
    percent = models.PositiveSmallIntegerField()
    fingerprint = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["workstream", "month_end"], name="one_snapshot_per_workstream_and_month_end"
            )
        ]

    def __str__(self):
        return f"{self.workstream_id} at {self.month_end}: {self.status or 'no update'}"

"""How a partnership runs itself: terms of reference, meetings and what they decide."""

import datetime
import uuid
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from hcag.fields import LimitedTextField
from hcag.uploads import validate_document
from partners.models import Organisation, Partnership, Person
from workstreams.models import Workstream

LONDON = zoneinfo.ZoneInfo("Europe/London")
TITLE_ON_ONE_LINE = "The title must be on one line: remove the line break"


def validate_title_on_one_line(value: str) -> None:
    """A meeting's title goes into the Subject of its e-mails, where a line break would
    start another header (and Django refuses to send it)."""
    if "\r" in value or "\n" in value:
        raise ValidationError(TITLE_ON_ONE_LINE, code="line_break")


# Where a meeting is when no place was given: still to settle for one to come, but for
# one past (or called off) nothing will now confirm it.
LOCATION_TO_BE_CONFIRMED = "To be confirmed"
LOCATION_NOT_RECORDED = "Not recorded"
AWAITING_RECORD = "Awaiting record"


class TermsOfReference(models.Model):
    """One version of a partnership's terms of reference; one version is current at a time."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        CURRENT = "current", "Current"
        SUPERSEDED = "superseded", "Superseded"

    class Season(models.TextChoices):
        SPRING = "spring", "Spring"
        SUMMER = "summer", "Summer"
        AUTUMN = "autumn", "Autumn"
        WINTER = "winter", "Winter"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="terms_of_reference"
    )
    version = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    preamble = LimitedTextField(
        max_length=2000,
        blank=True,
        help_text="Paragraphs on separate lines; start a line with “- ” for a bullet.",
    )
    meetings_per_year = models.PositiveSmallIntegerField(
        default=4, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    chair_review_season = models.CharField(
        max_length=10, choices=Season.choices, default=Season.SPRING
    )
    approved_on = models.DateField(null=True, blank=True)
    approved_at = models.ForeignKey(
        "Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="terms_approved",
    )
    revision = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text="Raised on every save of a draft or its clauses, to refuse a stale save.",
    )

    class Meta:
        verbose_name = "terms of reference"
        verbose_name_plural = "terms of reference"
        ordering = ["partnership_id", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "version"], name="terms_one_version_number_per_partnership"
            ),
            models.UniqueConstraint(
                fields=["partnership"],
                condition=Q(status="current"),
                name="terms_one_current_version_per_partnership",
                violation_error_message="The partnership already has current terms of reference.",
            ),
            models.UniqueConstraint(
                fields=["partnership"],
                condition=Q(status="draft"),
                name="terms_one_draft_per_partnership",
                violation_error_message="The partnership already has a draft in progress.",
            ),
            models.CheckConstraint(
                condition=Q(meetings_per_year__gte=1, meetings_per_year__lte=12),
                name="terms_meetings_per_year_between_1_and_12",
            ),
        ]

    def __str__(self):
        return f"Terms of reference, version {self.version}: {self.partnership}"

    def get_additional_data(self):
        """Stored with each audit entry, so that an edit conflict can show the changes
        made since the revision an editor started from."""
        return {"revision": self.revision}


class Clause(models.Model):
    terms = models.ForeignKey(TermsOfReference, on_delete=models.CASCADE, related_name="clauses")
    number = models.PositiveSmallIntegerField()
    body = LimitedTextField(
        max_length=4000,
        help_text="Paragraphs on separate lines; start a line with “- ” for a bullet.",
    )

    class Meta:
        ordering = ["terms_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["terms", "number"], name="clause_one_number_per_terms"),
        ]

    def __str__(self):
        return f"Clause {self.number}"

    def get_additional_data(self):
        """The revision of the terms this change made, so that an edit conflict shows it
        (even once the clause is deleted)."""
        return {"terms": self.terms_id, "revision": self.terms.revision}


def new_calendar_uid() -> str:
    """A UID of its own for a meeting's calendar event: calendar programs match an event
    by it, so it must not depend on anything that can change (such as SITE_URL)."""
    return f"{uuid.uuid4()}@meetings"


class MeetingQuerySet(models.QuerySet):
    def ordinary(self):
        """The group's regular meetings, the quarterly ones the schedule creates: "the
        last meeting", from which "since the last meeting" counts, is one of these. An
        extraordinary meeting or a conference called between them is not."""
        return self.filter(kind=Meeting.Kind.QUARTERLY)

    def held_or_scheduled(self):
        return self.exclude(status=Meeting.Status.CANCELLED)

    def not_fixed(self):
        """Meetings whose record may still change (see Meeting.is_fixed)."""
        return self.filter(minutes_approved_at__isnull=True)

    def before(self, day: datetime.date):
        """Meetings before a day, latest first."""
        return self.held_or_scheduled().filter(date__lt=day).order_by("-date", "-start_time")

    def on_or_after(self, day: datetime.date):
        """Meetings on or after a day, soonest first."""
        return self.held_or_scheduled().filter(date__gte=day).order_by("date", "start_time")


class Meeting(models.Model):
    # What those who run the group may edit, with a version that refuses a stale save.
    EDITABLE_FIELDS = [
        "kind",
        "title",
        "date",
        "start_time",
        "end_time",
        "location",
        "status",
        "summary",
    ]

    class Kind(models.TextChoices):
        QUARTERLY = "quarterly", "Quarterly meeting"
        CONFERENCE = "conference", "Conference"
        EXTRAORDINARY = "extraordinary", "Extraordinary meeting"

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        HELD = "held", "Held"
        CANCELLED = "cancelled", "Cancelled"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.QUARTERLY)
    title = models.CharField(max_length=200, blank=True, validators=[validate_title_on_one_line])
    date = models.DateField()
    start_time = models.TimeField(null=True, blank=True)
    end_time = models.TimeField(null=True, blank=True)
    location = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    summary = LimitedTextField(max_length=2000, blank=True)
    papers_published_at = models.DateTimeField(
        null=True, blank=True, help_text="When members were told its papers are ready."
    )
    updates_due_on = models.DateField(
        null=True,
        blank=True,
        help_text="When the secretariat moved the due date of this meeting's updates; "
        "empty when they are due the partnership's usual number of working days before it.",
    )
    minutes_approved_at = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="minutes_approved",
        help_text="The meeting that approved these minutes, usually the next one.",
    )
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Raised on every change, to refuse a stale save."
    )
    calendar_uid = models.CharField(
        max_length=255,
        unique=True,
        default=new_calendar_uid,
        editable=False,
        help_text="Its event's UID in calendar programs, which must never change.",
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["partnership_id", "date", "start_time"]
        indexes = [models.Index(fields=["partnership", "date"], name="meeting_by_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_time__isnull=True)
                | Q(end_time__isnull=True)
                | Q(end_time__gt=F("start_time")),
                name="meeting_ends_after_it_starts",
                violation_error_message="A meeting must end after it starts.",
            ),
        ]

    def __str__(self):
        return f"{self.display_title}, {date_format(self.date, 'j F Y')}"

    def get_absolute_url(self):
        return reverse("meetings:meeting-detail", kwargs={"pk": self.pk})

    def get_additional_data(self):
        """Stored with each audit entry, so that an edit conflict can show the changes
        made since the version an editor started from."""
        return {"version": self.version}

    def clean(self):
        """A meeting that approved minutes took place after the meeting they record, so
        it stays after that meeting, held, and not in the future."""
        if self.pk is None:
            return
        approved = self.minutes_approved.order_by("-date").first()
        if approved is None:
            return
        approved_them = (
            f"This meeting approved the minutes of the {approved.display_title.lower()} on "
            f"{date_format(approved.date)}, so"
        )
        if self.date <= approved.date:
            raise ValidationError({"date": f"{approved_them} it must be after that meeting"})
        if self.date > timezone.localdate():
            raise ValidationError({"date": f"{approved_them} its date cannot be in the future"})
        if self.status == self.Status.CANCELLED:
            raise ValidationError({"status": f"{approved_them} it cannot be cancelled"})

    @property
    def display_title(self):
        return self.title or self.get_kind_display()

    @property
    def is_to_come(self) -> bool:
        """Scheduled for today or later: it has not been held or called off."""
        return self.status == self.Status.SCHEDULED and self.date >= timezone.localdate()

    @property
    def is_awaiting_record(self) -> bool:
        """Still marked scheduled after its day: nothing yet says whether it was held or
        called off. Recording who was present, or approving its minutes, marks it held."""
        return self.status == self.Status.SCHEDULED and self.date < timezone.localdate()

    @property
    def status_label(self) -> str:
        """Its status as every page shows it: never "Scheduled" once its day has passed."""
        return AWAITING_RECORD if self.is_awaiting_record else self.get_status_display()

    @property
    def is_in_the_future(self) -> bool:
        """After today: no one can yet have been present or absent, only sent apologies."""
        return self.date > timezone.localdate()

    @property
    def where(self) -> str:
        if self.location:
            return self.location
        return LOCATION_TO_BE_CONFIRMED if self.is_to_come else LOCATION_NOT_RECORDED

    @property
    def minutes_are_approved(self) -> bool:
        return self.minutes_approved_at_id is not None

    @property
    def is_fixed(self) -> bool:
        """Its minutes are approved, so its record no longer changes: its details, its
        agenda and the papers for it, attendance, decisions, actions arising and the
        reports presented at it. Only its actions' status moves on, through the action
        logs of later meetings. (A chair review, project group or terms of reference may
        still name it as where they were decided: those are records of their own.)"""
        return self.minutes_are_approved

    def previous(self) -> "Meeting | None":
        """The partnership's ordinary meeting before this one, not counting cancelled
        ones: the meeting its briefing compares with unless the chair picks another."""
        return (
            Meeting.objects.filter(partnership_id=self.partnership_id)
            .ordinary()
            .before(self.date)
            .first()
        )

    def earlier(self):
        """The partnership's meetings before this one, not counting cancelled ones,
        latest first: those its briefing may compare with."""
        return Meeting.objects.filter(partnership_id=self.partnership_id).before(self.date)

    @property
    def starts_at(self):
        """The start as an aware datetime in London time, or None when no time is set."""
        if self.start_time is None:
            return None
        return datetime.datetime.combine(self.date, self.start_time, tzinfo=LONDON)


WRONG_SENDER = "Reports are received from the partnership's independent advisory groups"
WRONG_RECIPIENT = "Reports are submitted to the partnership boards it reports to"


class Report(models.Model):
    """A report the partnership received from an advisory group or submitted to a board."""

    class Direction(models.TextChoices):
        RECEIVED = "received", "Received"
        SUBMITTED = "submitted", "Submitted"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="reports")
    direction = models.CharField(max_length=10, choices=Direction.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="reports_exchanged",
        help_text="The advisory group it came from, or the board it went to.",
    )
    title = models.CharField(max_length=200)
    date = models.DateField()
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        help_text="The meeting it was presented to or approved at.",
    )
    document = models.FileField(upload_to="reports/%Y/", blank=True, validators=[validate_document])
    summary = LimitedTextField(max_length=2000, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports_submitted",
    )

    class Meta:
        ordering = ["partnership_id", "-date", "title"]

    def __str__(self):
        direction = self.get_direction_display().lower()
        return f"{self.title} ({direction}, {date_format(self.date, 'j F Y')})"

    def clean(self):
        if not self.partnership_id or not self.organisation_id:
            return
        if self.direction == self.Direction.RECEIVED:
            allowed, message = self.partnership.advised_by, WRONG_SENDER
        else:
            allowed, message = self.partnership.reports_to, WRONG_RECIPIENT
        if not allowed.filter(pk=self.organisation_id).exists():
            raise ValidationError({"organisation": message})


class AgendaItem(models.Model):
    class Kind(models.TextChoices):
        WELCOME = "welcome", "Welcome and apologies"
        ACTION_LOG = "action-log", "Minutes and action log of the last meeting"
        WORKSTREAM = "workstream", "Workstream"
        ADVISORY_REPORTS = "advisory-reports", "Reports from the advisory groups"
        BOARD_REPORTS = "board-reports", "Reports to the partnership boards"
        OTHER_BUSINESS = "other-business", "Any other business"
        OTHER = "other", "Other"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=200)
    description = LimitedTextField(max_length=2000, blank=True)
    workstream = models.ForeignKey(
        Workstream,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
    )

    class Meta:
        ordering = ["meeting_id", "position", "pk"]

    def __str__(self):
        return self.title


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", "Present"
        APOLOGIES = "apologies", "Sent apologies"
        ABSENT = "absent", "Absent"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="attendance")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attendance",
        help_text="The organisation the person represented at this meeting.",
    )
    status = models.CharField(max_length=10, choices=Status.choices)

    class Meta:
        verbose_name_plural = "attendance"
        ordering = ["meeting_id", "person__last_name", "person__first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], name="attendance_once_per_person_per_meeting"
            ),
        ]

    def __str__(self):
        return f"{self.person}: {self.get_status_display()}"


class Decision(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
    )
    text = LimitedTextField(max_length=2000)

    class Meta:
        ordering = ["meeting_id", "pk"]

    def __str__(self):
        return self.text


class MeetingActionQuerySet(models.QuerySet):
    def carried_to(self, meeting: "Meeting"):
        """The action log a meeting receives: actions of its partnership's earlier
        meetings that were still open when it met."""
        return self.filter(
            meeting__partnership=meeting.partnership_id, meeting__date__lt=meeting.date
        ).open_on(meeting.date)

    def open_on(self, day: datetime.date):
        """Actions that were open on a day: open now, or closed on that day or later (an
        action closed on the day of a meeting was still open when the meeting met)."""
        return self.filter(Q(status=MeetingAction.Status.OPEN) | Q(closed_on__gte=day))


class MeetingAction(models.Model):
    """An entry of the action log: something a meeting asked someone to do."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"
        DROPPED = "dropped", "Dropped"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions_arising")
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions_arising",
    )
    decision = models.ForeignKey(
        Decision,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions_arising",
    )
    source_report = models.ForeignKey(
        Report,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions_arising",
    )
    description = LimitedTextField(max_length=2000)
    owner_person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_actions",
    )
    owner_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_actions",
    )
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    closed_on = models.DateField(
        null=True,
        blank=True,
        help_text="When it was marked done or dropped, so that each meeting's action log "
        "shows the actions open at that meeting.",
    )

    objects = MeetingActionQuerySet.as_manager()

    class Meta:
        ordering = ["meeting_id", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(owner_person__isnull=False) | Q(owner_organisation__isnull=False),
                name="meeting_action_has_an_owner",
                violation_error_message="An action needs an owner: a person or an organisation.",
            ),
        ]

    def __str__(self):
        return self.description

    @property
    def owner(self):
        return self.owner_person or self.owner_organisation


PROJECT_GROUP_NAME_TAKEN = (
    "The partnership already has a project group of this name: choose another name"
)


class ProjectGroup(models.Model):
    # What those who run the group may edit, with a version that refuses a stale save.
    EDITABLE_FIELDS = ["name", "remit", "status", "funding_sources", "set_up_at"]

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        ACTIVE = "active", "Active"
        CLOSED = "closed", "Closed"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="project_groups"
    )
    name = models.CharField(max_length=200)
    remit = LimitedTextField(max_length=2000)
    members = models.ManyToManyField(Person, blank=True, related_name="project_groups")
    funding_sources = LimitedTextField(
        max_length=1000, blank=True, help_text="Funding sources identified for its projects."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    set_up_at = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="project_groups_set_up",
    )
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Raised on every change, to refuse a stale save."
    )

    class Meta:
        ordering = ["partnership_id", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "name"],
                name="project_group_unique_name_per_partnership",
                violation_error_message=PROJECT_GROUP_NAME_TAKEN,
            ),
        ]

    def __str__(self):
        return self.name

    def get_additional_data(self):
        """Stored with each audit entry (its members' too), so that an edit conflict can
        show the changes made since the version an editor started from."""
        return {"version": self.version}


class Paper(models.Model):
    """A document for an agenda item: PDF, Word or Excel, stored outside the static files
    and served only to the partnership's members."""

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="papers")
    title = models.CharField(max_length=200)
    document = models.FileField(upload_to="papers/%Y/", validators=[validate_document])
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agenda_item_id", "uploaded_at", "pk"]

    def __str__(self):
        return self.title


class ChairReview(models.Model):
    """The group's yearly decision on who chairs it (in the season its terms set)."""

    class Outcome(models.TextChoices):
        REAPPOINTED = "reappointed", "Chair re-appointed"
        CHANGED = "changed", "New chair appointed"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="chair_reviews"
    )
    held_on = models.DateField()
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="chair_reviews"
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    chair = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="chair_reviews")
    notes = LimitedTextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["partnership_id", "-held_on", "-pk"]

    def __str__(self):
        return f"{self.get_outcome_display()}: {self.chair}, {date_format(self.held_on, 'j F Y')}"

"""Who belongs to a partnership, in which role, and for which organisation; and the
invitations that make people members."""

import hashlib
import uuid

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower, Trim
from django.urls import reverse
from django.utils import timezone

from hcag.fields import LimitedTextField


class Strand(models.Model):
    """A monitored strand of hate crime: a fixed vocabulary, created by migration."""

    class Code(models.TextChoices):
        RACE = "race", "Race"
        RELIGION = "religion", "Religion or belief"
        SEXUAL_ORIENTATION = "sexual-orientation", "Sexual orientation"
        DISABILITY = "disability", "Disability"
        TRANSGENDER = "transgender", "Transgender identity"

    code = models.SlugField(primary_key=True, choices=Code.choices, max_length=30)
    position = models.PositiveSmallIntegerField(unique=True)

    class Meta:
        ordering = ["position"]

    def __str__(self):
        return self.get_code_display()


ORGANISATION_NAME_TAKEN = "An organisation called “{name}” is already registered"
ORGANISATION_NAME_TAKEN_RETIRED = (
    "An organisation called “{name}” is already registered, and retired: a service "
    "administrator can bring it back"
)


class OrganisationQuerySet(models.QuerySet):
    def offered(self) -> "OrganisationQuerySet":
        """Organisations to choose from for anything new: not retired (nor merged into
        another). Retired ones stay on the records that name them."""
        return self.filter(retired_on__isnull=True)

    def named(self, name: str) -> "OrganisationQuerySet":
        """The organisation with this name, ignoring case and surrounding spaces."""
        return self.annotate(normalised_name=Lower(Trim("name"))).filter(
            normalised_name=name.strip().lower()
        )


class Organisation(models.Model):
    """An organisation in the register shared by every partnership."""

    class Kind(models.TextChoices):
        POLICE = "police", "Police force"
        LOCAL_AUTHORITY = "local-authority", "Local authority"
        PROSECUTION = "prosecution", "Prosecution service"
        VICTIM_SERVICE = "victim-service", "Victim service"
        COMMISSIONER = "commissioner", "Commissioner's office"
        CRIMINAL_JUSTICE = "criminal-justice", "Criminal justice board"
        PARTNERSHIP_BOARD = "partnership-board", "Partnership board"
        ADVISORY_GROUP = "advisory-group", "Independent advisory group"
        VOLUNTARY = "voluntary", "Voluntary or community organisation"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200)
    short_name = models.CharField(
        max_length=40, blank=True, help_text="An abbreviation used in tables, such as VCAS."
    )
    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.OTHER)
    website = models.URLField(blank=True)
    retired_on = models.DateField(
        null=True, blank=True, help_text="From this day it is no longer offered as a choice."
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged",
        help_text="The organisation this duplicate was merged into.",
    )
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Raised on every edit, to refuse a stale save."
    )

    objects = OrganisationQuerySet.as_manager()

    # What a service administrator may change (see partners.services.organisation_update).
    EDITABLE_FIELDS = ["name", "short_name", "kind", "website"]

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower(Trim("name")),
                name="organisation_name_unique_ignoring_case",
                violation_error_message="An organisation with this name is already registered.",
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = self.name.strip()
        super().save(*args, **kwargs)

    def clean(self):
        self.name = self.name.strip()
        same_name = Organisation.objects.named(self.name).exclude(pk=self.pk).first()
        if same_name is not None:
            message = (
                ORGANISATION_NAME_TAKEN_RETIRED if same_name.is_retired else ORGANISATION_NAME_TAKEN
            )
            raise ValidationError({"name": message.format(name=same_name.name)})

    def get_additional_data(self):
        """Stored with each audit entry: the version, so an edit conflict can show the
        changes made since the one an editor started from."""
        return {"version": self.version}

    @property
    def display_name(self):
        return self.short_name or self.name

    @property
    def is_retired(self) -> bool:
        return self.retired_on is not None


class Person(AbstractUser):
    """Anyone the service knows of; only people with a usable password can sign in.

    A community member has no organisation.
    """

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
    )
    job_title = models.CharField(max_length=200, blank=True)
    is_service_admin = models.BooleanField(
        "service administrator",
        default=False,
        help_text="Runs the installation: creates partnerships and keeps the organisations "
        "register. Superusers are service administrators too.",
    )

    class Meta:
        verbose_name = "person"
        verbose_name_plural = "people"
        ordering = ["last_name", "first_name", "username"]

    def __str__(self):
        return self.get_full_name() or self.username


class Partnership(models.Model):
    """A group of organisations running joint action plans, such as a hate crime action group."""

    class OpenDataLicence(models.TextChoices):
        OGL_3 = "ogl-3.0", "Open Government Licence v3.0"
        CC_BY_4 = "cc-by-4.0", "Creative Commons Attribution 4.0 International"
        CC0 = "cc0-1.0", "Creative Commons CC0 1.0 Universal (no rights reserved)"

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=40, blank=True)
    slug = models.SlugField(max_length=80, unique=True)
    formed_on = models.DateField(null=True, blank=True)
    purpose = LimitedTextField(max_length=2000, blank=True)
    functions = LimitedTextField(max_length=2000, blank=True, help_text="One function per line.")
    supported_by = models.CharField(
        max_length=200, blank=True, help_text="Who provides the group's secretariat support."
    )
    reports_to = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="partnerships_reported_to",
        limit_choices_to={"kind": Organisation.Kind.PARTNERSHIP_BOARD},
        help_text="Partnership boards the group sends reports to.",
    )
    small_number_threshold = models.PositiveSmallIntegerField(
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
        help_text="Counts below this are shown as “fewer than …” to all but the secretariat.",
    )
    advised_by = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="partnerships_advised",
        limit_choices_to={"kind": Organisation.Kind.ADVISORY_GROUP},
        help_text="Independent advisory groups the group receives reports from.",
    )
    update_due_working_days = models.PositiveSmallIntegerField(
        "updates due, working days before each meeting",
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(40)],
        help_text="Weekends and bank holidays in England and Wales do not count.",
    )
    public_page = models.BooleanField(
        default=False,
        help_text="Its public page (purpose, published progress, decisions and statistics) "
        "and open data can be read without signing in.",
    )
    open_data_licence = models.CharField(
        max_length=20,
        choices=OpenDataLicence.choices,
        default=OpenDataLicence.OGL_3,
        help_text="The licence its open data is published under.",
    )
    chairs_may_author_plan = models.BooleanField(
        "the chair and vice-chairs may write the action plan",
        default=False,
        help_text="Besides the secretariat, who always may.",
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(small_number_threshold__gte=1),
                name="partnership_small_numbers_hidden_from_at_least_one",
                violation_error_message="The small-number threshold is at least 1.",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("overview:partnership-detail", kwargs={"slug": self.slug})

    def function_list(self):
        return [line.strip() for line in self.functions.splitlines() if line.strip()]

    @property
    def open_data_licence_url(self) -> str:
        return OPEN_DATA_LICENCE_URLS[self.open_data_licence]


OPEN_DATA_LICENCE_URLS = {
    Partnership.OpenDataLicence.OGL_3: (
        "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
    ),
    Partnership.OpenDataLicence.CC_BY_4: "https://creativecommons.org/licenses/by/4.0/",
    Partnership.OpenDataLicence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
}


MEMBERSHIP_STARTS_AHEAD = "Record a membership on or after the day it starts"
MEMBERSHIP_ENDS_AHEAD = "Record the end of a membership on or after the day it ends"


class MembershipQuerySet(models.QuerySet):
    def current(self) -> "MembershipQuerySet":
        """Seats held now: a seat counts until its end is recorded (see Membership.clean)."""
        return self.filter(ended_on__isnull=True)

    def held_on(self, day) -> "MembershipQuerySet":
        """Seats held on a day: started by then (or undated) and not ended before it."""
        return self.filter(
            Q(started_on__isnull=True) | Q(started_on__lte=day),
            Q(ended_on__isnull=True) | Q(ended_on__gte=day),
        )


class Membership(models.Model):
    """A person's seat on a partnership. Ended memberships stay as history."""

    class Role(models.TextChoices):
        CHAIR = "chair", "Chair"
        VICE_CHAIR = "vice-chair", "Vice-chair"
        SECRETARIAT = "secretariat", "Secretariat"
        MEMBER = "member", "Member"
        ADVISER = "adviser", "Adviser"
        OBSERVER = "observer", "Observer"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    strands = models.ManyToManyField(
        Strand,
        blank=True,
        related_name="memberships",
        help_text="For community members: the strands whose interests they represent.",
    )
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    calendar_token = models.UUIDField(
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text="The secret in this member's calendar subscription address.",
    )
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Raised on every edit, to refuse a stale save."
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["partnership_id", "person__last_name", "person__first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "person"],
                condition=Q(ended_on__isnull=True),
                name="membership_one_current_seat_per_person",
                violation_error_message="This person already has a current membership.",
            ),
            models.UniqueConstraint(
                fields=["partnership"],
                condition=Q(ended_on__isnull=True, role="chair"),
                name="membership_one_current_chair",
                violation_error_message="The partnership already has a current chair.",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=models.F("started_on")),
                name="membership_ends_after_it_starts",
                violation_error_message="A membership cannot end before it starts.",
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.get_role_display()}, {self.partnership}"

    @property
    def is_current(self):
        return self.ended_on is None

    def clean(self):
        """A seat counts from when it is recorded until its end is recorded, so neither
        date may lie ahead: a future end would cut access at once, a future start grant it."""
        today = timezone.localdate()
        errors = {}
        if self.started_on and self.started_on > today:
            errors["started_on"] = MEMBERSHIP_STARTS_AHEAD
        if self.ended_on and self.ended_on > today:
            errors["ended_on"] = MEMBERSHIP_ENDS_AHEAD
        if errors:
            raise ValidationError(errors)

    def get_additional_data(self):
        """Stored with each audit entry: the version, so an edit conflict can show the
        changes made since the one an editor started from; the partnership and person, so
        a person's history in a partnership is found across their seats."""
        return {
            "version": self.version,
            "partnership": self.partnership_id,
            "person": self.person_id,
        }


def invitation_token_hash(token: str) -> str:
    """Only a hash of an invitation's secret is kept, so a copy of the database holds no
    link that works."""
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def open(self) -> "InvitationQuerySet":
        """Neither accepted nor revoked (it may have expired: resending renews it)."""
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True)


class Invitation(models.Model):
    """An e-mailed offer of a seat on a partnership, accepted once through a secret link
    before it expires."""

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting"
        EXPIRED = "expired", "Expired"
        ACCEPTED = "accepted", "Accepted"
        REVOKED = "revoked", "Revoked"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField("email address")
    role = models.CharField(max_length=20, choices=Membership.Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invitations",
        help_text="Empty for a community member.",
    )
    strands = models.ManyToManyField(Strand, blank=True, related_name="invitations")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, related_name="invitations_sent"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField()
    sent_at = models.DateTimeField(
        null=True, blank=True, help_text="When the e-mail last went; empty if it could not."
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                "partnership",
                Lower("email"),
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="invitation_one_open_per_address",
                violation_error_message="This address already has an invitation waiting.",
            )
        ]

    def __str__(self):
        return f"Invitation of {self.email} to {self.partnership}"

    @property
    def status(self) -> str:
        if self.revoked_at:
            return self.Status.REVOKED
        if self.accepted_at:
            return self.Status.ACCEPTED
        if self.expires_at <= timezone.now():
            return self.Status.EXPIRED
        return self.Status.WAITING

    def get_status_display(self) -> str:
        return self.Status(self.status).label

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None

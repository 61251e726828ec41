"""factory-boy factories for every model."""

import datetime

import factory
import pyotp
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone
from factory.django import DjangoModelFactory

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
from partners.models import (
    Invitation,
    Membership,
    Organisation,
    Partnership,
    Person,
    Strand,
    invitation_token_hash,
)
from trends.models import Area, Count, Measure
from trends.periods import MONTH, Period
from workstreams.labels import roman
from workstreams.models import (
    Action,
    ActionPlan,
    Objective,
    Priority,
    ProgressUpdate,
    StatusReview,
    Workstream,
)

TEST_PASSWORD = "correct-horse-battery-staple"
PRIVILEGED_ROLES = {Membership.Role.CHAIR, Membership.Role.VICE_CHAIR, Membership.Role.SECRETARIAT}


def second_factor_for(person: Person) -> Authenticator:
    """An authenticator app and ten recovery codes, as setting up two-factor sign-in
    leaves them, so that a person whose role needs it can use the service. Idempotent."""
    existing = Authenticator.objects.filter(user=person, type=Authenticator.Type.TOTP).first()
    if existing is not None:
        return existing
    authenticator = TOTP.activate(person, generate_totp_secret()).instance
    RecoveryCodes.activate(person)
    return authenticator


def totp_code(person: Person, *, for_time=None) -> str:
    """The code the person's authenticator app shows now (or at `for_time`)."""
    secret = Authenticator.objects.get(user=person, type=Authenticator.Type.TOTP).data["secret"]
    return pyotp.TOTP(secret).at(for_time or timezone.now())


def recovery_codes_of(person: Person) -> list[str]:
    authenticator = Authenticator.objects.get(user=person, type=Authenticator.Type.RECOVERY_CODES)
    return authenticator.wrap().get_unused_codes()


def strand(code: str) -> Strand:
    return Strand.objects.get(code=code)


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Organisation {n}")
    short_name = factory.Sequence(lambda n: f"ORG{n}")
    kind = Organisation.Kind.OTHER


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    email = factory.LazyAttribute(lambda person: f"{person.username}@example.org")
    organisation = factory.SubFactory(OrganisationFactory)

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or TEST_PASSWORD)
        if create:
            self.save(update_fields=["password"])

    @factory.post_generation
    def second_factor(self, create, extracted, **kwargs):
        """Service administrators get one unless `second_factor=False`."""
        if create and extracted is not False and (self.is_superuser or self.is_service_admin):
            second_factor_for(self)


class PartnershipFactory(DjangoModelFactory):
    class Meta:
        model = Partnership

    name = factory.Sequence(lambda n: f"Community Safety Partnership {n}")
    short_name = factory.Sequence(lambda n: f"CSP{n}")
    slug = factory.Sequence(lambda n: f"partnership-{n}")
    formed_on = datetime.date(2013, 11, 1)


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership
        skip_postgeneration_save = True

    partnership = factory.SubFactory(PartnershipFactory)
    person = factory.SubFactory(PersonFactory)
    role = Membership.Role.MEMBER

    @factory.post_generation
    def second_factor(self, create, extracted, **kwargs):
        """Those who run the group get one unless `second_factor=False`."""
        if create and extracted is not False and self.role in PRIVILEGED_ROLES:
            second_factor_for(self.person)


class ActionPlanFactory(DjangoModelFactory):
    class Meta:
        model = ActionPlan

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Action plan {n}")
    slug = factory.Sequence(lambda n: f"plan-{n}")
    adopted_on = datetime.date(2018, 9, 10)


class PriorityFactory(DjangoModelFactory):
    class Meta:
        model = Priority

    plan = factory.SubFactory(ActionPlanFactory)
    label = factory.Sequence(lambda n: chr(ord("a") + n % 26))
    title = factory.Sequence(lambda n: f"Priority {n}")


class ObjectiveFactory(DjangoModelFactory):
    class Meta:
        model = Objective

    plan = factory.SubFactory(ActionPlanFactory)
    label = factory.Sequence(lambda n: chr(ord("a") + n % 26))
    title = factory.Sequence(lambda n: f"Objective {n}")


class WorkstreamFactory(DjangoModelFactory):
    class Meta:
        model = Workstream
        skip_postgeneration_save = True

    plan = factory.SubFactory(ActionPlanFactory)
    letter = factory.Sequence(lambda n: chr(ord("A") + n % 26))
    title = factory.Sequence(lambda n: f"Workstream {n}")

    @factory.post_generation
    def lead_organisations(self, create, extracted, **kwargs):
        if create and extracted:
            self.lead_organisations.set(extracted)


class ActionFactory(DjangoModelFactory):
    class Meta:
        model = Action

    workstream = factory.SubFactory(WorkstreamFactory)
    parent = None
    position = factory.Sequence(lambda n: n + 1)
    label = factory.LazyAttribute(lambda action: roman(action.position))
    text = factory.Sequence(lambda n: f"Action number {n}")


class SubItemFactory(ActionFactory):
    parent = factory.SubFactory(ActionFactory)
    workstream = factory.SelfAttribute("parent.workstream")
    label = factory.LazyAttribute(lambda action: chr(ord("a") + (action.position - 1) % 26))


class ProgressUpdateFactory(DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    action = factory.SubFactory(ActionFactory)
    author = factory.SubFactory(PersonFactory)
    status = ProgressUpdate.Status.ON_TRACK
    percent_complete = 25
    confidence = ProgressUpdate.Confidence.MEDIUM
    narrative = "Work is going to plan."
    as_at = datetime.date(2018, 10, 1)


class StatusReviewFactory(DjangoModelFactory):
    class Meta:
        model = StatusReview

    update = factory.SubFactory(ProgressUpdateFactory)
    reviewer = factory.SubFactory(PersonFactory)
    outcome = StatusReview.Outcome.CONFIRMED


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = Meeting

    partnership = factory.SubFactory(PartnershipFactory)
    kind = Meeting.Kind.QUARTERLY
    date = datetime.date(2018, 12, 10)
    start_time = datetime.time(10, 0)
    end_time = datetime.time(12, 0)
    status = Meeting.Status.SCHEDULED


class TermsOfReferenceFactory(DjangoModelFactory):
    class Meta:
        model = TermsOfReference

    partnership = factory.SubFactory(PartnershipFactory)
    version = factory.Sequence(lambda n: n + 1)
    status = TermsOfReference.Status.CURRENT
    preamble = "The group exists to tackle and reduce hate crime."


class ClauseFactory(DjangoModelFactory):
    class Meta:
        model = Clause

    terms = factory.SubFactory(TermsOfReferenceFactory)
    number = factory.Sequence(lambda n: n + 1)
    body = factory.Sequence(lambda n: f"The group will do thing number {n}.")


class ReportFactory(DjangoModelFactory):
    class Meta:
        model = Report

    partnership = factory.SubFactory(PartnershipFactory)
    direction = Report.Direction.RECEIVED
    organisation = factory.SubFactory(OrganisationFactory, kind=Organisation.Kind.ADVISORY_GROUP)
    title = factory.Sequence(lambda n: f"Quarterly report {n}")
    date = datetime.date(2018, 11, 1)


class AgendaItemFactory(DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Agenda item {n}")


class AttendanceFactory(DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(PersonFactory)
    organisation = factory.SelfAttribute("person.organisation")
    status = Attendance.Status.PRESENT


class DecisionFactory(DjangoModelFactory):
    class Meta:
        model = Decision

    meeting = factory.SubFactory(MeetingFactory)
    text = factory.Sequence(lambda n: f"Decision {n}")


class MeetingActionFactory(DjangoModelFactory):
    class Meta:
        model = MeetingAction

    meeting = factory.SubFactory(MeetingFactory)
    description = factory.Sequence(lambda n: f"Circulate paper {n}")
    owner_organisation = factory.SubFactory(OrganisationFactory)
    due_on = datetime.date(2019, 1, 31)


class ProjectGroupFactory(DjangoModelFactory):
    class Meta:
        model = ProjectGroup

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Project group {n}")
    remit = "Find funding for a schools programme."


class PaperFactory(DjangoModelFactory):
    class Meta:
        model = Paper

    agenda_item = factory.SubFactory(AgendaItemFactory)
    title = factory.Sequence(lambda n: f"Paper {n}")
    document = factory.django.FileField(filename="paper.pdf", data=b"%PDF-1.4 a paper")


class ChairReviewFactory(DjangoModelFactory):
    class Meta:
        model = ChairReview

    partnership = factory.SubFactory(PartnershipFactory)
    held_on = datetime.date(2019, 4, 15)
    outcome = ChairReview.Outcome.REAPPOINTED
    chair = factory.SubFactory(PersonFactory)


class MeasureFactory(DjangoModelFactory):
    class Meta:
        model = Measure

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Measure {n}")
    slug = factory.LazyAttribute(lambda measure: Measure.slug_for(measure.name))
    good_direction = Measure.Direction.NEITHER


class AreaFactory(DjangoModelFactory):
    class Meta:
        model = Area

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Area {n}")


class CountFactory(DjangoModelFactory):
    """A month's count for all strands, unless told otherwise."""

    class Meta:
        model = Count

    measure = factory.SubFactory(MeasureFactory)
    area = factory.SubFactory(
        AreaFactory, partnership=factory.SelfAttribute("..measure.partnership")
    )
    period_kind = MONTH
    period_start = datetime.date(2019, 4, 1)
    value = 20


def monthly_counts(partnership, months: int, *, objectives=(), values=None) -> Measure:
    """A new measure with `months` monthly counts (all strands, one area), from April
    2015; `values` gives them, or they are steady around 20."""
    measure = MeasureFactory(partnership=partnership)
    measure.objectives.set(objectives)
    area = AreaFactory(partnership=partnership)
    values = values or [20 + (number % 3) for number in range(months)]
    start = Period(datetime.date(2015, 4, 1), MONTH)
    for number, value in enumerate(values):
        CountFactory(
            measure=measure, area=area, period_start=start.shifted(number).start, value=value
        )
    return measure


class InvitationFactory(DjangoModelFactory):
    class Meta:
        model = Invitation

    partnership = factory.SubFactory(PartnershipFactory)
    email = factory.Sequence(lambda n: f"invited{n}@example.org")
    role = Membership.Role.MEMBER
    token_hash = factory.Sequence(lambda n: invitation_token_hash(f"token-{n}"))
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    sent_at = factory.LazyFunction(timezone.now)

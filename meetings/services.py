"""Writes to a partnership's meetings and governance."""

import datetime
import uuid
from functools import partial

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.formats import date_format

from hcag.editing import ChangedMeanwhile, version_claim
from hcag.text import tidy_text
from meetings import emails
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
from partners.models import Membership, Organisation, Partnership, Person
from reporting.emails import send_paper_added
from workstreams.models import Workstream

Kind = AgendaItem.Kind
NOT_A_DRAFT = "Only a draft can be changed or approved; draft a new version instead."
DRAFT_EXISTS = "A draft is already in progress: finish or approve it first."
NO_CURRENT_TERMS = "The partnership has no current terms of reference to draft from."
MINUTES_ALREADY_APPROVED = "These minutes have already been approved."
PAPERS_CHANGED_SINCE_CONFIRMED = (
    "A paper was added to or deleted from the item after you were asked to confirm, so "
    "nothing was removed. Check the papers listed now, then confirm again"
)
PAPERS_ALREADY_PUBLISHED = "The papers have already been published and the members told."
APPROVED_BEFORE_HELD = "Minutes are approved at a later meeting than the one they record."
MINUTES_ARE_FIXED = (
    "The minutes of this meeting are approved, so its details, agenda, papers, attendance, "
    "decisions and actions arising can no longer be changed."
)
APPROVED_AT_A_MEETING_NOT_YET_HELD = (
    "Minutes are approved at a meeting that has been held; that one has not taken place yet."
)
APPROVED_IN_THE_FUTURE = "The date of approval must be today or in the past"
TERMS_MEETING_NOT_YET_HELD = (
    "That meeting has not taken place yet: choose the meeting that approved the terms"
)
DATE_TAKEN = "The partnership already has a meeting on this day"
ATTENDANCE_BEFORE_THE_DAY = (
    "The meeting is on {date}: until then record only who has sent apologies, and who was "
    "present or absent on or after the day"
)
CHAIR_MUST_BE_MEMBER = "The chair must be a current member of the partnership."
REVIEW_IN_THE_FUTURE = "The date of the review must be today or in the past"
REVIEW_BEFORE_SEAT = (
    "The date of the review must be on or after {started}, when {person}'s current seat began"
)


# Meetings and their agendas ---------------------------------------------------------


def _require_not_fixed(meeting: Meeting, *, field: str | None = None) -> None:
    """Approved minutes are a fixed record of what the meeting had before it and did
    (Meeting.is_fixed): every service that writes to a meeting or its parts calls this
    first. It reads the meeting as it is now, locking it (on PostgreSQL) until the write
    is saved, so that an approval recorded meanwhile is seen."""
    current = Meeting.objects.select_for_update().only("minutes_approved_at").get(pk=meeting.pk)
    if current.is_fixed:
        raise ValidationError({field: MINUTES_ARE_FIXED} if field else MINUTES_ARE_FIXED)


@transaction.atomic
def meeting_create(
    *,
    partnership: Partnership,
    date: datetime.date,
    kind: str = Meeting.Kind.QUARTERLY,
    title: str = "",
    start_time: datetime.time | None = None,
    end_time: datetime.time | None = None,
    location: str = "",
) -> Meeting:
    """A new meeting; a quarterly one gets the standard agenda."""
    meeting = Meeting(
        partnership=partnership,
        date=date,
        kind=kind,
        title=title,
        start_time=start_time,
        end_time=end_time,
        location=location,
    )
    meeting.full_clean()
    meeting.save()
    if kind == Meeting.Kind.QUARTERLY:
        standard_agenda_create(meeting)
    return meeting


class DatesTaken(ValidationError):
    """Some of the days asked for already have a meeting of the partnership."""

    def __init__(self, dates: set[datetime.date]):
        super().__init__(DATE_TAKEN)
        self.dates = dates


@transaction.atomic
def meetings_schedule(*, partnership: Partnership, meetings: list[dict]) -> list[Meeting]:
    """Several meetings at once (a year's quarterly meetings): all of them, or none; none
    on a day the partnership already meets, so that submitting twice schedules once."""
    # Locks the partnership (on PostgreSQL), so that two requests at once run in turn.
    Partnership.objects.select_for_update().filter(pk=partnership.pk).first()
    dates = [fields["date"] for fields in meetings]
    taken = set(
        partnership.meetings.held_or_scheduled()
        .filter(date__in=dates)
        .values_list("date", flat=True)
    ) | {day for day in dates if dates.count(day) > 1}
    if taken:
        raise DatesTaken(taken)
    return [meeting_create(partnership=partnership, **fields) for fields in meetings]


def standard_agenda_create(meeting: Meeting) -> list[AgendaItem]:
    """Welcome and apologies; the last meeting's minutes and action log; an item for
    each workstream of the partnership's plans; the advisory groups' reports; reports to
    the partnership boards; any other business."""
    workstreams = (
        Workstream.objects.live()
        .filter(plan__partnership=meeting.partnership_id)
        .order_by("plan__title", "letter")
    )
    items = [
        AgendaItem(kind=Kind.WELCOME, title=Kind.WELCOME.label),
        AgendaItem(kind=Kind.ACTION_LOG, title=Kind.ACTION_LOG.label),
        *(
            AgendaItem(
                kind=Kind.WORKSTREAM, workstream=w, title=f"Workstream {w.letter}: {w.title}"[:200]
            )
            for w in workstreams
        ),
        AgendaItem(kind=Kind.ADVISORY_REPORTS, title=Kind.ADVISORY_REPORTS.label),
        AgendaItem(kind=Kind.BOARD_REPORTS, title=Kind.BOARD_REPORTS.label),
        AgendaItem(kind=Kind.OTHER_BUSINESS, title=Kind.OTHER_BUSINESS.label),
    ]
    for position, item in enumerate(items, start=1):
        item.meeting = meeting
        item.position = position
        item.save()
    return items


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    expected_version: int,
    kind: str,
    title: str,
    date: datetime.date,
    start_time: datetime.time | None,
    end_time: datetime.time | None,
    location: str,
    status: str,
    summary: str,
) -> Meeting:
    """Save an edit only if the meeting is still at the version the editor started from.
    The conditional UPDATE claims the version first, so of two saves one wins."""
    _require_not_fixed(meeting)
    version_claim(meeting, expected_version)
    meeting.kind = kind
    meeting.title = title
    meeting.date = date
    meeting.start_time = start_time
    meeting.end_time = end_time
    meeting.location = location
    meeting.status = status
    meeting.summary = summary
    meeting.full_clean()
    meeting.save(update_fields=[*Meeting.EDITABLE_FIELDS, "version"])
    return meeting


@transaction.atomic
def agenda_item_add(*, meeting: Meeting, title: str, description: str = "") -> AgendaItem:
    """A new item, placed before any other business if the agenda has that item."""
    _require_not_fixed(meeting)
    items = meeting.agenda_items
    other_business = items.filter(kind=Kind.OTHER_BUSINESS).order_by("position").first()
    if other_business:
        position = other_business.position
        items.filter(position__gte=position).update(position=F("position") + 1)
    else:
        position = (items.aggregate(last=Max("position"))["last"] or 0) + 1
    item = AgendaItem(meeting=meeting, title=title, description=description, position=position)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, up: bool) -> None:
    """Swap an item with its neighbour above (or below); at an end, nothing moves."""
    _require_not_fixed(item.meeting)
    items = list(item.meeting.agenda_items.select_for_update().order_by("position", "pk"))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    neighbour = index - 1 if up else index + 1
    if not 0 <= neighbour < len(items):
        return
    items[index], items[neighbour] = items[neighbour], items[index]
    for position, each in enumerate(items, start=1):
        if each.position != position:
            each.position = position
            each.save(update_fields=["position"])


@transaction.atomic
def agenda_item_remove(*, item: AgendaItem, papers_confirmed: int) -> None:
    """Remove an item and delete its papers, if it still has as many papers as the
    person confirming was told of. Its decisions and actions stay, under no item."""
    _require_not_fixed(item.meeting)
    # Locks the item (on PostgreSQL) against a paper being added while it is removed.
    AgendaItem.objects.select_for_update().filter(pk=item.pk).first()
    documents = [paper.document for paper in item.papers.all()]
    if len(documents) != papers_confirmed:
        raise ValidationError(PAPERS_CHANGED_SINCE_CONFIRMED)
    item.delete()
    # The files go once the records have: if the removal is rolled back, both stay.
    for document in documents:
        transaction.on_commit(partial(document.storage.delete, document.name))


@transaction.atomic
def paper_add(*, agenda_item: AgendaItem, title: str, document, uploaded_by: Person) -> Paper:
    _require_not_fixed(agenda_item.meeting)
    paper = Paper(agenda_item=agenda_item, title=title, document=document, uploaded_by=uploaded_by)
    paper.full_clean()
    paper.save()
    if agenda_item.meeting.papers_published_at is not None:
        send_paper_added(paper)
    return paper


def _claim_meeting(meeting: Meeting, also: dict | None = None, **unset) -> bool:
    """Raise the meeting's version if the given fields are still empty, and set them
    (and the fields in `also`). Of two requests made at once (a double click, two
    people), exactly one claims the change, on any database; the save that follows is
    the one the audit log sees."""
    try:
        version_claim(meeting, None, **{f"{name}__isnull": True for name in unset})
    except ChangedMeanwhile:
        return False
    changes = unset | (also or {})
    for name, value in changes.items():
        setattr(meeting, name, value)
    meeting.save(update_fields=[*changes, "version"])
    return True


def _mark_held(meeting: Meeting) -> None:
    """A meeting someone was present at was held: a scheduled one is marked so, raising
    its version, so that an edit form opened before is refused rather than undoing it."""
    try:
        version_claim(meeting, None, status=Meeting.Status.SCHEDULED)
    except ChangedMeanwhile:
        return  # held or cancelled already: what someone set stands
    meeting.status = Meeting.Status.HELD
    meeting.save(update_fields=["status", "version"])


@transaction.atomic
def papers_publish(*, meeting: Meeting) -> Meeting:
    """Record that the papers are ready and queue an e-mail to each member in the same transaction.
    Papers are published once: a second request sends nothing."""
    _require_not_fixed(meeting)
    if not _claim_meeting(meeting, papers_published_at=timezone.now()):
        raise ValidationError(PAPERS_ALREADY_PUBLISHED)
    emails.send_papers_published(meeting)
    return meeting


# Attendance, decisions and the action log -------------------------------------------


class AttendanceChangedMeanwhile(Exception):
    """Someone else recorded a different attendance for people this person changed, since
    their form was shown: nothing was saved."""

    def __init__(self, people: list[Person], records: list[Attendance]):
        super().__init__(f"attendance of {people} changed meanwhile")
        self.people = people
        self.records = records  # as recorded now, for those that have a record


@transaction.atomic
def attendance_record(
    *,
    meeting: Meeting,
    statuses: dict[Person, str],
    shown: dict[Person, str | None] | None = None,
) -> int:
    """Each person's attendance, as chosen on a form that showed `shown` (each person's
    status then; None, or left out, for no record). Only the rows the person changed
    from what they were shown are written; if someone else recorded something else for
    one of those since, nothing is (AttendanceChangedMeanwhile). Without `shown`, what
    is recorded now counts as shown. A person left out keeps what was recorded, and a
    record keeps the organisation the person represented when it was first made. Before
    the day of the meeting, apologies are all there is to record; anyone present marks a
    scheduled meeting held. Returns how many records were made or changed.

    The meeting is locked (on PostgreSQL) while its attendance is read and written, so
    that two saves at once run in turn. Only new or changed records are written, one save
    each rather than bulk_create or bulk_update, which the audit log would not see."""
    _require_not_fixed(meeting)
    recorded = {record.person_id: record for record in meeting.attendance.all()}

    def now(person: Person) -> str | None:
        record = recorded.get(person.pk)
        return record.status if record else None

    if shown is None:
        shown = {person: now(person) for person in statuses}
    mine = {person: status for person, status in statuses.items() if status != shown.get(person)}
    overtaken = [
        person for person, status in mine.items() if now(person) not in (shown.get(person), status)
    ]
    if overtaken:
        raise AttendanceChangedMeanwhile(
            overtaken, [recorded[p.pk] for p in overtaken if p.pk in recorded]
        )
    changes = {person: status for person, status in mine.items() if now(person) != status}
    if meeting.is_in_the_future and any(
        status != Attendance.Status.APOLOGIES for status in changes.values()
    ):
        raise ValidationError(ATTENDANCE_BEFORE_THE_DAY.format(date=date_format(meeting.date)))
    for person, status in changes.items():
        record = recorded.get(person.pk)
        if record is None:
            record = Attendance(
                meeting=meeting, person=person, organisation=person.organisation, status=status
            )
            record.save()
        else:
            record.status = status
            record.save(update_fields=["status"])
    if Attendance.Status.PRESENT in changes.values():
        _mark_held(meeting)
    return len(changes)


@transaction.atomic
def decision_add(*, meeting: Meeting, text: str, agenda_item: AgendaItem | None) -> Decision:
    _require_not_fixed(meeting)
    decision = Decision(meeting=meeting, agenda_item=agenda_item, text=text)
    decision.full_clean()
    decision.save()
    return decision


@transaction.atomic
def meeting_action_add(
    *,
    meeting: Meeting,
    description: str,
    owner_person: Person | None = None,
    owner_organisation: Organisation | None = None,
    due_on: datetime.date | None = None,
    agenda_item: AgendaItem | None = None,
    decision: Decision | None = None,
    source_report: Report | None = None,
) -> MeetingAction:
    _require_not_fixed(meeting)
    if decision is not None and agenda_item is None:
        agenda_item = decision.agenda_item  # an action arising from a decision sits with it
    action = MeetingAction(
        meeting=meeting,
        description=description,
        owner_person=owner_person,
        owner_organisation=owner_organisation,
        due_on=due_on,
        agenda_item=agenda_item,
        decision=decision,
        source_report=source_report,
    )
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def meeting_action_set_status(*, action: MeetingAction, status: str) -> MeetingAction:
    """Mark an action done, dropped or open again, recording the day it closed so that the
    action logs of the meetings before then still show it as it stood."""
    if status == action.status:
        return action
    action.status = status
    action.closed_on = None if status == MeetingAction.Status.OPEN else timezone.localdate()
    action.full_clean()
    action.save(update_fields=["status", "closed_on"])
    return action


@transaction.atomic
def minutes_approve(*, meeting: Meeting, at_meeting: Meeting) -> Meeting:
    """Record that a later meeting approved these minutes, and tell the members. The
    claim on the approval is the fixed-record rule here: minutes are approved once."""
    if at_meeting.date <= meeting.date or at_meeting.partnership_id != meeting.partnership_id:
        raise ValidationError(APPROVED_BEFORE_HELD)
    if at_meeting.date > timezone.localdate() or at_meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(APPROVED_AT_A_MEETING_NOT_YET_HELD)
    held = {"status": Meeting.Status.HELD}  # minutes approved record a meeting held
    if not _claim_meeting(meeting, also=held, minutes_approved_at=at_meeting):
        raise ValidationError(MINUTES_ALREADY_APPROVED)
    emails.send_minutes_approved(meeting)
    return meeting


# Terms of reference ------------------------------------------------------------------


class DraftExists(ValidationError):
    """The partnership already has a draft of its terms; only one is worked on at a time."""

    def __init__(self, draft: TermsOfReference):
        super().__init__(DRAFT_EXISTS)
        self.draft = draft


@transaction.atomic
def terms_draft_create(*, partnership: Partnership) -> TermsOfReference:
    """A new draft version, starting as a copy of the current terms. The database holds
    one draft per partnership, so of two people drafting at once, one gets DraftExists."""
    terms = partnership.terms_of_reference.all()
    current = terms.filter(status=TermsOfReference.Status.CURRENT).first()
    if current is None:
        raise ValidationError(NO_CURRENT_TERMS)
    try:
        with transaction.atomic():
            draft = TermsOfReference.objects.create(
                partnership=partnership,
                version=(terms.aggregate(last=Max("version"))["last"] or 0) + 1,
                status=TermsOfReference.Status.DRAFT,
                preamble=tidy_text(current.preamble),
                meetings_per_year=current.meetings_per_year,
                chair_review_season=current.chair_review_season,
            )
    except IntegrityError:
        # A draft, or another version under the same number, was saved meanwhile.
        existing = terms.filter(status=TermsOfReference.Status.DRAFT).first()
        if existing is None:
            raise
        raise DraftExists(existing) from None
    for clause in current.clauses.all():
        # One save each rather than bulk_create, which the audit log would not see.
        Clause.objects.create(terms=draft, number=clause.number, body=tidy_text(clause.body))
    return draft


def _claim_draft(draft: TermsOfReference, expected_revision: int) -> None:
    """Raise the draft's revision if it is still a draft at the revision the editor
    started from; else nothing is saved."""
    try:
        version_claim(
            draft, expected_revision, counter="revision", status=TermsOfReference.Status.DRAFT
        )
    except ChangedMeanwhile as conflict:
        if conflict.current.status != TermsOfReference.Status.DRAFT:
            raise ValidationError(NOT_A_DRAFT) from None
        raise


@transaction.atomic
def terms_draft_update(
    *,
    draft: TermsOfReference,
    expected_revision: int,
    preamble: str,
    meetings_per_year: int,
    chair_review_season: str,
    clause_bodies: list[str],
) -> TermsOfReference:
    """Replace the draft's words, if no one else saved it since the editor opened it;
    clauses are numbered in the order given, empty ones dropped. Words are stored tidied
    (tidy_text), so that a box saved unchanged from the browser stays unchanged."""
    _claim_draft(draft, expected_revision)
    draft.preamble = tidy_text(preamble)
    draft.meetings_per_year = meetings_per_year
    draft.chair_review_season = chair_review_season
    draft.full_clean()
    draft.save(update_fields=["preamble", "meetings_per_year", "chair_review_season", "revision"])
    bodies = [body for body in map(tidy_text, clause_bodies) if body]
    existing = {clause.number: clause for clause in draft.clauses.all()}
    for number, body in enumerate(bodies, start=1):
        clause = existing.pop(number, None) or Clause(terms=draft, number=number)
        if clause.body != body:
            clause.body = body
            clause.save()
    for clause in existing.values():
        clause.delete()
    return draft


@transaction.atomic
def terms_approve(
    *,
    draft: TermsOfReference,
    expected_revision: int,
    meeting: Meeting | None,
    approved_on: datetime.date,
) -> TermsOfReference:
    """The draft becomes current, if it is still the revision the approver compared; the
    version it replaces stays, superseded."""
    if approved_on > timezone.localdate():
        raise ValidationError({"approved_on": APPROVED_IN_THE_FUTURE})
    if meeting is not None and meeting.date > timezone.localdate():
        raise ValidationError({"meeting": TERMS_MEETING_NOT_YET_HELD})
    _claim_draft(draft, expected_revision)
    for old in draft.partnership.terms_of_reference.filter(status=TermsOfReference.Status.CURRENT):
        old.status = TermsOfReference.Status.SUPERSEDED
        old.save(update_fields=["status"])
    draft.status = TermsOfReference.Status.CURRENT
    draft.approved_at = meeting
    draft.approved_on = approved_on
    draft.save(update_fields=["status", "approved_at", "approved_on", "revision"])
    return draft


# Chair review, reports and project groups --------------------------------------------


@transaction.atomic
def chair_review_record(
    *,
    partnership: Partnership,
    held_on: datetime.date,
    chair: Person,
    notes: str = "",
    meeting: Meeting | None = None,
) -> ChairReview:
    """Record the yearly review. A new chair takes the chair's seat; the previous chair
    stays on as a member. Ended memberships remain as history."""
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": REVIEW_IN_THE_FUTURE})
    seats = partnership.memberships.current().select_for_update().select_related("person")
    new_seat = seats.filter(person=chair).first()
    if new_seat is None:
        raise ValidationError({"chair": CHAIR_MUST_BE_MEMBER})
    old_seat = seats.filter(role=Membership.Role.CHAIR).first()
    changed = old_seat is None or old_seat.person_id != chair.pk
    # No review comes before the current chair took the seat; and a seat that changes
    # ends on the day of the review, which cannot be before the seat began.
    for seat in [old_seat, new_seat] if changed else [old_seat]:
        if seat and seat.started_on and held_on < seat.started_on:
            raise ValidationError(
                {
                    "held_on": REVIEW_BEFORE_SEAT.format(
                        started=date_format(seat.started_on), person=seat.person
                    )
                }
            )
    if changed:
        if old_seat is not None:
            _change_role(old_seat, Membership.Role.MEMBER, held_on)
        _change_role(new_seat, Membership.Role.CHAIR, held_on)
    review = ChairReview(
        partnership=partnership,
        held_on=held_on,
        meeting=meeting,
        outcome=ChairReview.Outcome.CHANGED if changed else ChairReview.Outcome.REAPPOINTED,
        chair=chair,
        notes=notes,
    )
    review.full_clean()
    review.save()
    return review


def _change_role(seat: Membership, role: str, on: datetime.date) -> Membership:
    """End a seat and open one with the new role, keeping the strands represented and the
    calendar subscription address: the person's calendar keeps working in their new role.
    The ended seat gets a fresh secret, since each secret is unique."""
    strands = list(seat.strands.all())
    calendar_token = seat.calendar_token
    seat.ended_on = on
    seat.calendar_token = uuid.uuid4()
    seat.save(update_fields=["ended_on", "calendar_token"])
    new_seat = Membership.objects.create(
        partnership_id=seat.partnership_id,
        person_id=seat.person_id,
        role=role,
        started_on=on,
        calendar_token=calendar_token,
    )
    new_seat.strands.set(strands)
    return new_seat


@transaction.atomic
def report_add(
    *,
    partnership: Partnership,
    submitted_by: Person,
    direction: str,
    organisation: Organisation,
    title: str,
    date: datetime.date,
    meeting: Meeting | None = None,
    document=None,
    summary: str = "",
) -> Report:
    if meeting is not None:
        _require_not_fixed(meeting, field="meeting")
    report = Report(
        partnership=partnership,
        submitted_by=submitted_by,
        direction=direction,
        organisation=organisation,
        title=title,
        date=date,
        meeting=meeting,
        document=document,
        summary=summary,
    )
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def project_group_create(
    *,
    partnership: Partnership,
    name: str,
    remit: str,
    status: str,
    funding_sources: str = "",
    set_up_at: Meeting | None = None,
    members: list[Person] | None = None,
) -> ProjectGroup:
    group = ProjectGroup(
        partnership=partnership,
        name=name,
        remit=remit,
        status=status,
        funding_sources=funding_sources,
        set_up_at=set_up_at,
    )
    group.full_clean()
    group.save()
    group.members.set(members or [])
    return group


@transaction.atomic
def project_group_update(
    *,
    group: ProjectGroup,
    expected_version: int,
    name: str,
    remit: str,
    status: str,
    funding_sources: str,
    set_up_at: Meeting | None,
    members: list[Person],
) -> ProjectGroup:
    """Save an edit only if the group is still at the version the editor started from.
    The conditional UPDATE claims the version first, so of two saves one wins."""
    version_claim(group, expected_version)
    group.name = name
    group.remit = remit
    group.status = status
    group.funding_sources = funding_sources
    group.set_up_at = set_up_at
    group.full_clean()
    group.save(update_fields=[*ProjectGroup.EDITABLE_FIELDS, "version"])
    group.members.set(members)
    return group

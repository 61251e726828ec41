"""Writes to action plans: progress updates and edits to actions."""

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from hcag.editing import version_claim
from partners.models import Organisation, Person
from reporting.emails import send_status_reviewed
from workstreams.models import Action, ProgressUpdate, StatusReview

SUBMISSION_FOR_ANOTHER_ACTION = (
    "This form was used to add an update to another action, so nothing was added here. "
    "Check your update below and send it again"
)


@transaction.atomic
def progress_update_create(
    *,
    action: Action,
    author: Person,
    status: str,
    percent_complete: int,
    confidence: str,
    narrative: str = "",
    next_steps: str = "",
    evidence_links: str = "",
    as_at: datetime.date,
    may_be_published: bool = False,
    submission: uuid.UUID | None = None,
) -> ProgressUpdate:
    """Add an update. A form sent again (the same `submission`) adds nothing more and
    returns the update it added the first time, even when both arrive at once; sent to
    another action, it is refused (ValidationError)."""
    if already := _added_by(submission, action):
        return already
    update = ProgressUpdate(
        action=action,
        author=author,
        status=status,
        percent_complete=percent_complete,
        confidence=confidence,
        narrative=narrative,
        next_steps=next_steps,
        evidence_links=evidence_links,
        as_at=as_at,
        may_be_published=may_be_published,
        submission=submission,
    )
    update.full_clean(exclude=["submission"])  # a repeat is answered below, not refused
    try:
        with transaction.atomic():
            update.save()
    except IntegrityError:  # the same form, sent again, was saved meanwhile
        if already := _added_by(submission, action):
            return already
        raise
    return update


def _added_by(submission: uuid.UUID | None, action: Action) -> ProgressUpdate | None:
    """The update this form added already, if any; a form that added one to another
    action is not this action's to send."""
    if submission is None:
        return None
    added = ProgressUpdate.objects.filter(submission=submission).first()
    if added is not None and added.action_id != action.pk:
        raise ValidationError(SUBMISSION_FOR_ANOTHER_ACTION)
    return added


@transaction.atomic
def action_update(
    *,
    action: Action,
    expected_version: int,
    text: str,
    owner_organisation: Organisation | None,
    owner_person: Person | None = None,
    start_date: datetime.date | None = None,
    target_date: datetime.date | None,
) -> Action:
    """Save an edit only if the action is still at the version the editor started from."""
    version_claim(action, expected_version)
    action.text = text
    action.owner_organisation = owner_organisation
    action.owner_person = owner_person
    action.start_date = start_date
    action.target_date = target_date
    action.full_clean()
    action.save(update_fields=[*Action.EDITABLE_FIELDS, "version"])
    return action


def _status_review_record(
    *, update: ProgressUpdate, reviewer: Person, outcome: str, status: str = "", comment: str = ""
) -> StatusReview:
    review = StatusReview(
        update=update, reviewer=reviewer, outcome=outcome, status=status, comment=comment
    )
    review.full_clean()
    review.save()
    return review


@transaction.atomic
def status_review_create(
    *,
    update: ProgressUpdate,
    reviewer: Person,
    outcome: str,
    status: str = "",
    comment: str = "",
    tell_the_lead: bool = True,
) -> StatusReview:
    """Record a review of a lead's status: confirmed, challenged, or revised to `status`
    (the reviewer's own, which then stands; models.status_that_stands). The lead is told
    by e-mail when it is challenged or confirmed, unless `tell_the_lead` is false (the
    demo's reviews, which happened in a story, not now)."""
    review = _status_review_record(
        update=update, reviewer=reviewer, outcome=outcome, status=status, comment=comment
    )
    if tell_the_lead:
        send_status_reviewed([review])
    return review


@transaction.atomic
def status_reviews_confirm(
    *, updates: list[ProgressUpdate], reviewer: Person
) -> list[StatusReview]:
    """Confirm several statuses at once: each a review of its own, in the audit log, or
    none if any cannot be recorded. Each lead gets one message listing theirs."""
    reviews = [
        _status_review_record(
            update=update, reviewer=reviewer, outcome=StatusReview.Outcome.CONFIRMED
        )
        for update in updates
    ]
    send_status_reviewed(reviews)
    return reviews

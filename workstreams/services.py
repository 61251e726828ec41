"""Writes to action plans: progress updates and edits to actions."""

import datetime

from django.db import transaction
from django.db.models import F

from partners.models import Organisation, Person
from workstreams.models import Action, ProgressUpdate, StatusReview


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
) -> ProgressUpdate:
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
    )
    update.full_clean()
    update.save()
    return update


class ActionChangedMeanwhile(Exception):
    """Someone else saved the action after the editor opened it; nothing was saved."""

    def __init__(self, current: Action):
        super().__init__(f"Action {current.pk} is now at version {current.version}")
        self.current = current


@transaction.atomic
def action_update(
    *,
    action: Action,
    expected_version: int,
    text: str,
    owner_organisation: Organisation | None,
    target_date: datetime.date | None,
) -> Action:
    """Save an edit only if the action is still at the version the editor started from.

    The conditional UPDATE claims the row (and the version) before anything else is
    written, so of two people saving at once exactly one succeeds, on any database.
    """
    claimed = Action.objects.filter(pk=action.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not claimed:
        raise ActionChangedMeanwhile(Action.objects.get(pk=action.pk))
    action.version = expected_version + 1
    action.text = text
    action.owner_organisation = owner_organisation
    action.target_date = target_date
    action.full_clean()
    action.save(update_fields=["text", "owner_organisation", "target_date", "version"])
    return action


@transaction.atomic
def status_review_create(
    *, update: ProgressUpdate, reviewer: Person, outcome: str, comment: str = ""
) -> StatusReview:
    review = StatusReview(update=update, reviewer=reviewer, outcome=outcome, comment=comment)
    review.full_clean()
    review.save()
    return review

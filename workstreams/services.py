"""Writes to action plans: progress updates and edits to actions."""

import copy
import datetime
import uuid
from dataclasses import dataclass

from auditlog.diff import get_field_value
from django.db import transaction
from django.db.models import F
from django.utils.encoding import smart_str

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
    submission: uuid.UUID | None = None,
) -> ProgressUpdate:
    """Add an update. A form sent again (the same `submission`) adds nothing more and
    returns the update it added the first time."""
    if submission is not None:
        already = ProgressUpdate.objects.filter(submission=submission, action=action).first()
        if already is not None:
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
        submission=submission,
    )
    update.full_clean()
    update.save()
    return update


class ActionChangedMeanwhile(Exception):
    """Someone else saved the action after the editor opened it; nothing was saved."""

    def __init__(self, current: Action):
        super().__init__(f"Action {current.pk} is now at version {current.version}")
        self.current = current


EDITABLE_ACTION_FIELDS = ("text", "owner_organisation", "target_date")


@dataclass(frozen=True)
class RebasedEdit:
    values: dict  # what the edit form proposes now
    both_changed: list[str]  # names of the fields both people changed

    def leaves_nothing_to_save(self, current: Action) -> bool:
        return all(getattr(current, name) == value for name, value in self.values.items())


def action_edit_rebased(
    *, current: Action, edited: dict, values_then: dict[str, str]
) -> RebasedEdit:
    """An edit refused because someone else saved first, moved onto what they saved: a field
    the editor left as it was takes their value, a field both changed keeps the editor's.
    `values_then` holds the fields they changed, as they were when the editor started (in
    the audit log's form, see selectors.action_changes_since)."""
    as_edited = copy.copy(current)
    for name, value in edited.items():
        setattr(as_edited, name, value)
    values, both_changed = dict(edited), []
    for name in EDITABLE_ACTION_FIELDS:
        if name not in values_then:
            continue
        field = Action._meta.get_field(name)
        if smart_str(get_field_value(as_edited, field)) == values_then[name]:  # as auditlog logs it
            values[name] = getattr(current, name)
        elif getattr(as_edited, field.attname) != getattr(current, field.attname):
            both_changed.append(str(field.verbose_name))
    return RebasedEdit(values, both_changed)


def action_version_claim(*, action: Action, expected_version: int) -> None:
    """Raise the action's version if it is still the one the editor started from, else
    raise ActionChangedMeanwhile. Call it inside the transaction that saves the edit: the
    conditional UPDATE claims the row before anything else is written, so of two people
    saving at once exactly one succeeds, on any database."""
    claimed = Action.objects.filter(pk=action.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not claimed:
        raise ActionChangedMeanwhile(Action.objects.get(pk=action.pk))
    action.version = expected_version + 1


@transaction.atomic
def action_update(
    *,
    action: Action,
    expected_version: int,
    text: str,
    owner_organisation: Organisation | None,
    target_date: datetime.date | None,
) -> Action:
    """Save an edit only if the action is still at the version the editor started from."""
    action_version_claim(action=action, expected_version=expected_version)
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

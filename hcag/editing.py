"""Editing a record that someone else may be editing too: no save over their change.

A versioned record carries a counter (`version`) that every edit raises. An edit form
carries the counter it was shown at; the save claims the next one with a conditional
UPDATE, so of two people saving at once exactly one succeeds, on any database. The other
is told, shown the change (changes_since), and offered their edit moved onto it
(edit_rebased).
"""

import copy
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from auditlog.diff import get_field_value
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q
from django.utils.encoding import smart_str

from hcag.audit import HistoryEntry, describe

NOT_GIVEN = object()
CHANGED_MEANWHILE = (
    "Someone else changed this while you were editing it, so your changes were not saved yet."
)


@dataclass(frozen=True)
class ChangesMeanwhile:
    """Changes that took a record past the counter an editor started from."""

    entries: list[HistoryEntry]  # oldest first
    # Each field of the record itself that they changed: its value then, as the log holds it.
    values_then: dict[str, str]
    # Each many-to-many field they changed: what they added or removed, oldest first, as
    # (operation, names of the records), as the log holds it.
    relations_changed: dict[str, list[tuple[str, list[str]]]]

    def __bool__(self) -> bool:
        return bool(self.entries)

    @property
    def message(self) -> str:
        return CHANGED_MEANWHILE


def changes_since(
    record: models.Model, number: int, *, counter: str = "version", parts: Q | None = None
) -> ChangesMeanwhile:
    """The audit entries of changes to the record, and to any `parts` (entries of other
    records, such as its clauses), that took it past `number` of its counter, which each
    entry's additional data holds (the model's get_additional_data)."""
    own = Q(content_type=ContentType.objects.get_for_model(record), object_id=record.pk)
    logged = list(
        LogEntry.objects.filter(own | parts if parts else own)
        .filter(**{f"additional_data__{counter}__gt": number})
        .select_related("actor", "content_type")
        .order_by("timestamp", "pk")
    )
    values_then: dict[str, str] = {}
    relations_changed: dict[str, list] = defaultdict(list)
    for entry in logged:
        if entry.object_id == record.pk and entry.content_type.model_class() is type(record):
            for name, values in (entry.changes or {}).items():
                if isinstance(values, list):
                    values_then.setdefault(name, values[0])
                else:
                    relations_changed[name].append((values["operation"], values["objects"]))
    return ChangesMeanwhile(describe(logged), values_then, dict(relations_changed))


class ChangedMeanwhile(Exception):
    """Someone else saved the record after the editor opened it; nothing was saved."""

    def __init__(self, current: models.Model):
        super().__init__(f"{current!r} changed meanwhile")
        self.current = current


def version_claim(record: models.Model, expected: int | None, *, counter: str = "version", **still):
    """Raise the record's counter if it is still at `expected` (and the record still
    matches the lookups in `still`), else raise ChangedMeanwhile with the record as it is
    now. With `expected` None, only `still` must hold: for a change made once, whatever
    else changed meanwhile. Call it in the transaction that saves the change, before
    anything else is written."""
    model = type(record)
    conditions = still if expected is None else {counter: expected, **still}
    claimed = model.objects.filter(pk=record.pk, **conditions).update(**{counter: F(counter) + 1})
    if not claimed:
        raise ChangedMeanwhile(model.objects.get(pk=record.pk))
    if expected is None:
        setattr(record, counter, model.objects.values_list(counter, flat=True).get(pk=record.pk))
    else:
        setattr(record, counter, expected + 1)


@dataclass(frozen=True)
class RebasedEdit:
    values: dict  # what the edit form proposes now
    both_changed: list[str]  # names of the fields both people changed

    def leaves_nothing_to_save(self, current: models.Model) -> bool:
        return all(_same(current, name, value) for name, value in self.values.items())


def edit_rebased(*, current: models.Model, edited: dict, changes: ChangesMeanwhile) -> RebasedEdit:
    """An edit refused because someone else saved first, moved onto what they saved: a field
    the editor left as it was takes their value, a field both changed keeps the editor's.
    `edited` holds the form's fields, many-to-many ones as lists of records."""
    values, both_changed = dict(edited), []
    for name in edited:
        field = current._meta.get_field(name)
        if field.many_to_many:
            then = _names_then(current, name, changes.relations_changed.get(name))
            mine, now = _names(edited[name]), _names(getattr(current, name).all())
        else:
            then = changes.values_then.get(name)
            mine, now = _as_logged(current, field, edited[name]), _as_logged(current, field)
        if then is None:  # they did not change it
            continue
        if mine == then:
            values[name] = (
                list(getattr(current, name).all())
                if field.many_to_many
                else (getattr(current, name))
            )
        elif mine != now:
            both_changed.append(str(field.verbose_name))
    return RebasedEdit(values, both_changed)


def edit_refused(
    current: models.Model, started_at: int, edited: dict
) -> tuple[ChangesMeanwhile, RebasedEdit]:
    """For an edit refused by ChangedMeanwhile: what changed since the version the editor
    started at, and their edit moved onto it. If that leaves nothing to save (the same
    edit sent twice), the edit is in place already."""
    changes = changes_since(current, started_at)
    return changes, edit_rebased(current=current, edited=edited, changes=changes)


@dataclass(frozen=True)
class Refusal:
    """An edit refused because someone else saved first: what they changed, and the edit
    form again, holding the editor's edit moved onto their version."""

    changes: ChangesMeanwhile
    form: object
    both_changed: list[str]  # names of the fields both people changed

    # A page answering with a refused edit says so in its status.
    status = 409

    def context(self) -> dict:
        """What the edit page's template shows of the refusal."""
        return {"changes_meanwhile": self.changes, "both_changed": self.both_changed}


def save_unless_changed_meanwhile(
    save: Callable[[], object],
    *,
    started_at: int,
    edited: dict,
    form_over: Callable[[models.Model, dict], object],
) -> Refusal | None:
    """Run `save`, a service call that claims the record's version (version_claim).
    None when it saved, or when the same edit was in place already (a form sent twice);
    otherwise the Refusal, with the edit form rebuilt by `form_over(current record,
    initial values)` over the newer version."""
    try:
        save()
    except ChangedMeanwhile as conflict:
        changes, rebased = edit_refused(conflict.current, started_at, edited)
        if rebased.leaves_nothing_to_save(conflict.current):
            return None
        form = form_over(conflict.current, rebased.values)
        return Refusal(changes, form, rebased.both_changed)
    return None


def _as_logged(record, field, value=NOT_GIVEN) -> str:
    """A field's value as the audit log writes it: the record's, or `value` in its place."""
    if value is not NOT_GIVEN:
        record = copy.copy(record)
        setattr(record, field.name, value)
    return smart_str(get_field_value(record, field))


def _names(records) -> set[str]:
    return {smart_str(record) for record in records}


def _names_then(record, name, operations) -> set[str] | None:
    """The names in a many-to-many field before the `operations` logged since, undone from
    the last; None if nothing changed it."""
    if not operations:
        return None
    names = _names(getattr(record, name).all())
    for operation, objects in reversed(operations):
        names = names - set(objects) if operation == "add" else names | set(objects)
    return names


def _same(record, name, value) -> bool:
    if record._meta.get_field(name).many_to_many:
        return _names(getattr(record, name).all()) == _names(value)
    return getattr(record, name) == value

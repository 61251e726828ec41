"""Reads of the audit log (django-auditlog) in words a reader understands.

Every registered model's changes are logged with who made them; this module turns a
page of log entries into "who changed which field from what to what, and when",
resolving related records in one query per related model rather than one per value.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import Q, QuerySet
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.timezone import is_aware, localtime

EMPTY = "(empty)"
VERBS = {
    LogEntry.Action.CREATE: "Created",
    LogEntry.Action.UPDATE: "Changed",
    LogEntry.Action.DELETE: "Deleted",
}
NOT_SHOWN = {"id", "password", "last_login", "version"}


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    timestamp: datetime
    actor: str
    verb: str
    object_repr: str
    changes: list[FieldChange]


def logged_with(model: type[models.Model], **additional_data) -> Q:
    """Log entries of a model's records whose additional data (see the model's
    get_additional_data) holds these values: a way to find deleted records' entries."""
    lookups = {f"additional_data__{key}": value for key, value in additional_data.items()}
    return Q(content_type=ContentType.objects.get_for_model(model), **lookups)


def log_entries_for(*querysets: QuerySet, also: Q | None = None) -> QuerySet[LogEntry]:
    """Log entries of every object in the querysets, and any matching `also`, newest first."""
    condition = also or Q(pk__in=[])
    for queryset in querysets:
        content_type = ContentType.objects.get_for_model(queryset.model)
        condition |= Q(content_type=content_type, object_id__in=queryset.values("pk"))
    return (
        LogEntry.objects.filter(condition)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )


def history_page(entries: QuerySet[LogEntry], page_number, per_page: int = 50) -> Page:
    """One page of entries, each turned into a HistoryEntry."""
    page = Paginator(entries, per_page).get_page(page_number)
    page.object_list = describe(list(page.object_list))
    return page


def describe(entries: list[LogEntry]) -> list[HistoryEntry]:
    related = _related_objects(entries)
    return [
        HistoryEntry(
            timestamp=entry.timestamp,
            actor=str(entry.actor) if entry.actor else "The system",
            verb=VERBS.get(entry.action, "Logged"),
            object_repr=entry.object_repr,
            changes=_field_changes(entry, related),
        )
        for entry in entries
    ]


def _model_field(entry: LogEntry, name: str) -> models.Field | None:
    model = entry.content_type.model_class()
    try:
        return model._meta.get_field(name) if model else None
    except FieldDoesNotExist:
        return None


def _is_reverse_relation(field) -> bool:
    """auditlog also records a new object's reverse relations, which say nothing."""
    return field is not None and field.auto_created and not field.concrete


def _related_objects(entries: list[LogEntry]) -> dict[type, dict[str, models.Model]]:
    """Every record that the entries' foreign-key values point at, by model and key."""
    wanted: dict[type, set[str]] = defaultdict(set)
    for entry in entries:
        for name, values in (entry.changes or {}).items():
            field = _model_field(entry, name)
            if isinstance(field, models.ForeignKey) and isinstance(values, list):
                wanted[field.related_model].update(v for v in values if v not in (None, "None"))
    return {
        model: {str(obj.pk): obj for obj in model._default_manager.filter(pk__in=keys)}
        for model, keys in wanted.items()
    }


def _field_changes(entry: LogEntry, related) -> list[FieldChange]:
    changes = []
    for name, values in (entry.changes or {}).items():
        field = _model_field(entry, name)
        if name in NOT_SHOWN or _is_reverse_relation(field):
            continue
        label = capfirst(field.verbose_name) if field else name.replace("_", " ").capitalize()
        if isinstance(values, dict):  # a many-to-many change
            verb = "Added" if values.get("operation") == "add" else "Removed"
            changes.append(FieldChange(label, "", f"{verb}: {', '.join(values['objects'])}"))
            continue
        old, new = (_display(field, value, related) for value in values)
        if entry.action == LogEntry.Action.CREATE and new == EMPTY:
            continue
        changes.append(FieldChange(label, old, new))
    return changes


def _display(field: models.Field | None, value, related) -> str:
    if value in (None, "None", ""):
        return EMPTY
    if field is None:
        return str(value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.ForeignKey):
        target = related.get(field.related_model, {}).get(str(value))
        return str(target) if target else f"(deleted record {value})"
    if isinstance(field, models.BooleanField):
        return "Yes" if value == "True" else "No"
    if isinstance(field, models.DateTimeField):
        try:
            moment = datetime.fromisoformat(str(value))
        except ValueError:
            return str(value)
        return date_format(localtime(moment) if is_aware(moment) else moment, "DATETIME_FORMAT")
    if isinstance(field, models.DateField):
        try:
            return date_format(date.fromisoformat(str(value)))
        except ValueError:
            return str(value)
    return str(value)

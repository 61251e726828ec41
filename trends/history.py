"""The audit history of counts written in bulk: the django-auditlog entries that saving
or deleting each count one at a time would write, written many to a query."""

from auditlog.cid import get_cid
from auditlog.diff import track_field
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import pre_save

from trends.models import Count

BATCH = 1000
# Count's fields as auditlog's diff reads them: (name, attribute, whether it is a
# foreign key, which auditlog reads as its id, or None, rather than as text).
_AUDITED = [
    (field.name, field.attname, field.many_to_one)
    for field in Count._meta.get_fields()
    if track_field(field)
]
ABSENT = "None"  # how auditlog writes each field of a record not there before, or after


def log_in_bulk(changes: list[tuple[Count | None, Count | None]]) -> None:
    """An entry for each (old, new): a count created (no old), deleted (no new), or
    replaced by one written in its place, with the same id. Each entry is sent
    LogEntry's pre_save signal, by which auditlog fills in who made the change and
    from where, as for a save. Counts need their measure, area and strand attached, to
    be named without a query."""
    content_type = ContentType.objects.get_for_model(Count).pk
    cid = get_cid()
    entries = []
    for old, new in changes:
        count = new or old
        action = (
            LogEntry.Action.CREATE
            if old is None
            else LogEntry.Action.DELETE
            if new is None
            else LogEntry.Action.UPDATE
        )
        entry = LogEntry(
            content_type_id=content_type,
            object_pk=str(count.pk),
            object_id=count.pk,
            object_repr=str(count),
            action=action,
            changes=audit_changes(old, new),
            cid=cid,
        )
        pre_save.send(LogEntry, instance=entry, raw=False, using="default", update_fields=None)
        entries.append(entry)
    LogEntry.objects.bulk_create(entries, batch_size=BATCH)


def audit_changes(old: Count | None, new: Count | None) -> dict[str, list[str]]:
    """What auditlog's model_instance_diff records for a count changing from `old` to
    `new` (either may be None), without the lookups for each field that make it slow
    in bulk. None of Count's fields holds anything whose text is not str() of it."""
    before, after = _as_audited(old), _as_audited(new)
    return {
        name: [str(before[name]), str(after[name])]
        for name, _, _ in _AUDITED
        if before[name] != after[name]
    }


def _as_audited(count: Count | None) -> dict:
    if count is None:
        return _NOTHING
    return {
        name: getattr(count, attribute) if foreign_key else str(getattr(count, attribute))
        for name, attribute, foreign_key in _AUDITED
    }


_NOTHING = {name: ABSENT for name, _, _ in _AUDITED}

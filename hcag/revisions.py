"""A revision number per partnership, which changes whenever anything its pages show does.

Every change to the records the service shows is written to the audit log, and every
audited model is registered here, with the path from it to the partnership it belongs
to (or EVERY_PARTNERSHIP, for an organisation or a person, which any partnership's
pages may name). When a transaction that wrote log entries commits, the partnerships
they belong to have their revisions moved on, once each; a change shown everywhere
moves on the revision every partnership's pages read as well.

The revisions are counters in the cache, so reading one costs no query and, with
REDIS_URL, every process reads the same ones. Moving them on after the commit, not
before, means that no process can cache a page rendered from the old data under the
new revision. Inside a transaction that has written log entries, its own pages are
keyed on a token of its latest change too, since the counters do not include its
uncommitted changes yet (tests run in such transactions).
"""

import threading
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection, models, transaction
from django.db.models.signals import pre_save

EVERY_PARTNERSHIP = None
_SHARED = "shared"  # the revision of what every partnership shows
_ANY = "any"  # moves on with every change, for what is not one partnership's
_ABSENT = {None, "None"}  # how auditlog writes a foreign key with no value

_paths: dict[type[models.Model], str | None] = {}
_pending = threading.local()


def register(model: type[models.Model], *, partnership: str | None, **auditlog_options) -> None:
    """Audit a model's changes (django-auditlog's register) and say whose they are:
    `partnership` is the lookup from the model to its partnership's id ("pk" for the
    partnership itself, "plan__partnership" for a workstream), or EVERY_PARTNERSHIP."""
    auditlog.register(model, **auditlog_options)
    _paths[model] = partnership


def registered_paths() -> dict[type[models.Model], str | None]:
    return dict(_paths)


def current(partnership_id: int | None) -> tuple:
    """What a fragment showing this partnership (None: any) is keyed on. No query."""
    keys = [_key(_ANY)] if partnership_id is None else [_key(partnership_id), _key(_SHARED)]
    found = cache.get_many(keys)
    counters = tuple(found.get(key) or _start(key) for key in keys)
    pending = _open_changes()
    return (*counters, pending.token) if pending else counters


@dataclass(frozen=True)
class _Change:
    model: type[models.Model]
    object_pk: str
    changes: object


class _Changes:
    """The changes noted in the open transaction, and the callback that moves their
    revisions on when it commits. It is registered with every change, since a savepoint
    rolled back drops what was registered within it, and a test's captured callbacks run
    only those registered meanwhile; the first of them to run does the work."""

    def __init__(self):
        self.changes: list[_Change] = []
        self.token = ""
        self.done = False
        # Where its first registration stands in the connection's callbacks: while it is
        # there, every change since is still to be committed; once it is gone, all were
        # rolled back (with the savepoint, or transaction, that was open when it came).
        self.position = len(connection.run_on_commit)

    def is_open(self) -> bool:
        callbacks = connection.run_on_commit
        return (
            not self.done
            and connection.in_atomic_block
            and len(callbacks) > self.position
            and callbacks[self.position][1] is self
        )

    def note(self, change: _Change) -> None:
        self.changes.append(change)
        self.token = uuid.uuid4().hex
        transaction.on_commit(self)

    def __call__(self) -> None:
        if self.done:
            return
        self.done = True
        _move_on(self.changes)


def _open_changes() -> _Changes | None:
    pending = getattr(_pending, "changes", None)
    return pending if pending is not None and pending.is_open() else None


def _noted(sender, instance: LogEntry, **kwargs) -> None:
    """Receives LogEntry's pre_save, which auditlog's bulk writers send too."""
    if instance.action == LogEntry.Action.ACCESS:
        return
    model = ContentType.objects.get_for_id(instance.content_type_id).model_class()
    pending = _open_changes()
    if pending is None:
        pending = _pending.changes = _Changes()
    pending.note(_Change(model, str(instance.object_pk), instance.changes))


def connect() -> None:
    pre_save.connect(_noted, sender=LogEntry, dispatch_uid="hcag-revisions")


def _move_on(changes: list[_Change]) -> None:
    """After a commit: move on the revisions of the partnerships the changes belong to."""
    owners = partnerships_of(changes)
    if EVERY_PARTNERSHIP in owners:
        owners = {_SHARED}
    for owner in {*owners, _ANY}:
        _bump(_key(owner))


def partnerships_of(changes: list[_Change]) -> set:
    """The partnerships whose pages the changes show in, with EVERY_PARTNERSHIP among
    them when one is shown everywhere (or cannot be placed). At most two queries for
    each kind of record changed."""
    owners: set = set()
    by_object: dict[type, set[str]] = defaultdict(set)
    by_parent: dict[tuple[type, str], set[str]] = defaultdict(set)
    for change in changes:
        path = _paths.get(change.model, EVERY_PARTNERSHIP)
        if path is EVERY_PARTNERSHIP:
            owners.add(EVERY_PARTNERSHIP)
            continue
        if path == "pk":
            owners.add(int(change.object_pk))
            continue
        first, _, rest = path.partition("__")
        logged = change.changes.get(first) if isinstance(change.changes, dict) else None
        if not isinstance(logged, list | tuple):  # tuples before saving, lists after
            by_object[change.model].add(change.object_pk)
            continue
        # Created, deleted or moved: the log says where it was and is.
        parent = change.model._meta.get_field(first).related_model
        parent_pks = {v for v in logged if v not in _ABSENT}
        if rest:
            by_parent[(parent, rest)].update(parent_pks)
        else:
            owners.update(_pk(parent, pk) for pk in parent_pks)
    for model, pks in by_object.items():
        found = dict(model._base_manager.filter(pk__in=pks).values_list("pk", _paths[model]))
        owners.update(found.get(_pk(model, pk), EVERY_PARTNERSHIP) for pk in pks)
    for (parent, rest), pks in by_parent.items():
        found = dict(parent._base_manager.filter(pk__in=pks).values_list("pk", rest))
        owners.update(found.get(_pk(parent, pk), EVERY_PARTNERSHIP) for pk in pks)
    return owners


def _pk(model: type[models.Model], logged: str):
    return model._meta.pk.to_python(logged)


def _key(owner) -> str:
    return f"hcag:revision:{owner}"


def _start(key: str) -> int:
    """A counter that is missing (never set, or evicted) starts from the clock, so that
    it never again takes a value it had before."""
    cache.add(key, time.time_ns(), timeout=None)
    return cache.get(key) or 0


def _bump(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # missing: any new value is a new revision
        cache.add(key, time.time_ns(), timeout=None)

"""The secretariat's changes to what a partnership publishes. Each record is saved on its
own, so that the audit log (and so the public page's cache) sees every change."""

from django.db import transaction

from partners.models import Partnership
from workstreams.models import Workstream


@transaction.atomic
def partnership_publishing_set(*, partnership: Partnership, changes: dict) -> Partnership:
    """Set the partnership's public page and open-data licence, as far as `changes` (by
    field name) holds them."""
    if not changes:
        return partnership
    for name, value in changes.items():
        setattr(partnership, name, value)
    others = [f.name for f in Partnership._meta.fields if f.name not in changes]
    partnership.full_clean(exclude=others, validate_unique=False, validate_constraints=False)
    partnership.save(update_fields=list(changes))
    return partnership


@transaction.atomic
def workstream_publishing_set(
    *, workstream: Workstream, public: bool | None, made_public: set[int], made_private: set[int]
) -> int:
    """Make the workstream public or private (None leaves it), and its actions with these
    ids public or private. Returns how many records changed."""
    changed = 0
    if public is not None and public != workstream.public:
        workstream.public = public
        workstream.save(update_fields=["public"])
        changed += 1
    for ids, value in ((made_public, True), (made_private, False)):
        for action in workstream.actions.filter(pk__in=ids, public=not value):
            action.public = value
            action.save(update_fields=["public"])
            changed += 1
    return changed

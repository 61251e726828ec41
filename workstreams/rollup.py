"""How progress rolls up: from sub-items to their action, and from actions to a workstream.

The rules, written down once (the README repeats them):

- An action without sub-items stands where its latest progress update puts it.
- An action with sub-items, and a workstream, take the mean of their parts' percentages
  (rounded to a whole number) and a status from their parts' statuses:
  complete when every part is complete; otherwise off track if any part is off track;
  otherwise at risk if any part is at risk; otherwise on track if any part is on track or
  complete; otherwise not started. A part with no update counts as not started at 0%,
  and when no part has any update the whole has none either.
- A retired action or sub-item is no part: callers pass only those ``live()``.

Each plan sets two things (ActionPlan.sub_items_roll_up and weighs_actions, on its
"How progress rolls up" page):

- Whether sub-items roll up into their action (yes by default, the rule above). When they
  do not, an action with sub-items is reported on itself and stands where its own latest
  update puts it, like an action without any; its sub-items are reported on too, each
  standing on its own, and count in no roll-up. A workstream then rolls up its numbered
  actions only.
- Whether actions are weighted (no by default). When they are, each part's percentage
  counts in the mean by its weight (Action.weight, 1 to 100, as Decidim's results have):
  a sub-item's within its action, an action's within its workstream. Weights change only
  percentages, never the status, which the worst part still decides. Querysets carry the
  weight that counts as ``roll_up_weight`` (Action.objects.with_roll_up_terms()), which
  is 1 for every action of a plan that does not weigh them.

Objectives and priorities take the plain mean of their workstreams.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from workstreams.models import ProgressUpdate

Status = ProgressUpdate.Status


@dataclass(frozen=True)
class Progress:
    """Where something stands. A status of None means nobody has reported on it yet."""

    status: str | None
    percent: int
    as_at: date | None

    @property
    def status_label(self) -> str:
        return Status(self.status).label if self.status else "No update yet"

    @property
    def is_complete(self) -> bool:
        return self.status == Status.COMPLETE


NO_UPDATE = Progress(status=None, percent=0, as_at=None)


def roll_up(parts: Sequence[Progress], weights: Sequence[int] | None = None) -> Progress:
    """The parts' progress rolled up, each part's percentage counting by its weight in
    `weights` (one per part, each at least 1), or all alike."""
    if not parts:
        return NO_UPDATE
    weights = weights or [1] * len(parts)
    statuses = {part.status for part in parts}
    weighted = sum(part.percent * weight for part, weight in zip(parts, weights, strict=True))
    return Progress(
        status=rolled_up_status(statuses),
        percent=round(weighted / sum(weights)),
        as_at=max((part.as_at for part in parts if part.as_at), default=None),
    )


def roll_up_actions(actions: Iterable) -> Progress:
    """The progress of actions (or sub-items) rolled up: each has its ``progress`` and the
    ``roll_up_weight`` that counts (Action.objects.with_roll_up_terms())."""
    actions = list(actions)
    return roll_up(
        [action.progress for action in actions], [action.roll_up_weight for action in actions]
    )


def rolled_up_status(statuses: set[str | None]) -> str | None:
    """The status of a whole whose parts have these `statuses` (None: no update)."""
    if statuses == {Status.COMPLETE}:
        return Status.COMPLETE
    for status in (Status.OFF_TRACK, Status.AT_RISK):
        if status in statuses:
            return status
    if statuses & {Status.ON_TRACK, Status.COMPLETE}:
        return Status.ON_TRACK
    if statuses == {None}:
        return None
    return Status.NOT_STARTED


# How healthy a status is, to tell whether a move between two is better or worse.
HEALTH = {
    Status.OFF_TRACK: 0,
    Status.AT_RISK: 1,
    Status.NOT_STARTED: 2,
    None: 2,
    Status.ON_TRACK: 3,
    Status.COMPLETE: 4,
}
BETTER, WORSE = "better", "worse"


def status_move(before: Progress, after: Progress) -> str | None:
    """ "better", "worse", or None when the status is as healthy as it was."""
    if HEALTH[after.status] > HEALTH[before.status]:
        return BETTER
    if HEALTH[after.status] < HEALTH[before.status]:
        return WORSE
    return None

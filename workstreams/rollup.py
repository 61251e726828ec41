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
"""

from collections.abc import Sequence
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


def roll_up(parts: Sequence[Progress]) -> Progress:
    if not parts:
        return NO_UPDATE
    statuses = {part.status for part in parts}
    return Progress(
        status=_rolled_up_status(statuses),
        percent=round(sum(part.percent for part in parts) / len(parts)),
        as_at=max((part.as_at for part in parts if part.as_at), default=None),
    )


def _rolled_up_status(statuses: set[str | None]) -> str | None:
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

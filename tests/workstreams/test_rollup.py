import datetime

import pytest

from workstreams.rollup import NO_UPDATE, Progress, roll_up, status_move

NOT_STARTED, ON_TRACK, AT_RISK, OFF_TRACK, COMPLETE = (
    "not-started",
    "on-track",
    "at-risk",
    "off-track",
    "complete",
)


def part(status, percent=0, day=1):
    return Progress(status=status, percent=percent, as_at=datetime.date(2018, 10, day))


def test_nothing_to_roll_up_has_no_update():
    assert roll_up([]) == NO_UPDATE
    assert roll_up([NO_UPDATE, NO_UPDATE]).status is None
    assert NO_UPDATE.status_label == "No update yet"


def test_percent_is_the_rounded_mean_of_the_parts():
    assert roll_up([part(ON_TRACK, 100), part(ON_TRACK, 100), part(ON_TRACK, 0)]).percent == 67
    assert roll_up([part(ON_TRACK, 50), NO_UPDATE]).percent == 25


def test_complete_only_when_every_part_is_complete():
    assert roll_up([part(COMPLETE, 100), part(COMPLETE, 100)]).status == COMPLETE
    assert roll_up([part(COMPLETE, 100), part(NOT_STARTED)]).status == ON_TRACK
    assert roll_up([part(COMPLETE, 100), NO_UPDATE]).status == ON_TRACK


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        ([ON_TRACK, OFF_TRACK, AT_RISK, COMPLETE], OFF_TRACK),
        ([ON_TRACK, AT_RISK, COMPLETE], AT_RISK),
        ([NOT_STARTED, AT_RISK], AT_RISK),
        ([ON_TRACK, NOT_STARTED], ON_TRACK),
        ([NOT_STARTED, NOT_STARTED], NOT_STARTED),
        ([NOT_STARTED, None], NOT_STARTED),
        ([ON_TRACK, None], ON_TRACK),
    ],
)
def test_status_is_the_worst_part_unless_all_are_complete(statuses, expected):
    parts = [part(status) if status else NO_UPDATE for status in statuses]
    assert roll_up(parts).status == expected


def test_as_at_is_the_latest_part_reported():
    assert roll_up([part(ON_TRACK, day=3), NO_UPDATE, part(ON_TRACK, day=9)]).as_at.day == 9


def test_labels():
    assert part(AT_RISK).status_label == "At risk"
    assert part(COMPLETE, 100).is_complete


@pytest.mark.parametrize(
    ("before", "after", "move"),
    [
        (ON_TRACK, AT_RISK, "worse"),
        (AT_RISK, OFF_TRACK, "worse"),
        (OFF_TRACK, ON_TRACK, "better"),
        (None, ON_TRACK, "better"),
        (NOT_STARTED, None, None),
        (ON_TRACK, ON_TRACK, None),
        (ON_TRACK, COMPLETE, "better"),
        (None, AT_RISK, "worse"),
    ],
)
def test_status_moves(before, after, move):
    before, after = (part(s) if s else NO_UPDATE for s in (before, after))
    assert status_move(before, after) == move

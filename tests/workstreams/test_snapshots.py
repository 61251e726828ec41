"""Where actions stood at past month ends, kept for the dashboard's status over time."""

import datetime

import pytest
from django.utils import timezone

from tests import factories
from workstreams.models import (
    Action,
    ProgressSnapshot,
    ProgressUpdate,
    StatusReview,
    refresh_latest_updates,
)
from workstreams.rollup import NO_UPDATE, Progress
from workstreams.snapshots import history_dates, progress_at_days

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
TODAY = timezone.localdate()
MONTH_ENDS = history_dates(TODAY)[:-1]


@pytest.fixture
def workstream():
    return factories.WorkstreamFactory()


@pytest.fixture
def plan(workstream):
    return workstream.plan


def report(action, status, percent, as_at, **extra):
    return factories.ProgressUpdateFactory(
        action=action, status=status, percent_complete=percent, as_at=as_at, **extra
    )


def test_each_month_end_shows_the_latest_update_dated_by_then(workstream, plan):
    action = factories.ActionFactory(workstream=workstream)
    report(action, "on-track", 30, MONTH_ENDS[1])
    report(action, "on-track", 60, MONTH_ENDS[3] - DAY)

    [points] = progress_at_days(plan, [action.pk], MONTH_ENDS).values()

    on_track_30 = Progress("on-track", 30, None)
    on_track_60 = Progress("on-track", 60, None)
    assert points == [NO_UPDATE, on_track_30, on_track_30, on_track_60, on_track_60, on_track_60]


def test_what_is_worked_out_once_is_read_in_one_query(workstream, plan, django_assert_num_queries):
    actions = [factories.ActionFactory(workstream=workstream) for _ in range(3)]
    report(actions[0], "at-risk", 20, MONTH_ENDS[0], narrative="Slipping")
    first = progress_at_days(plan, [action.pk for action in actions], MONTH_ENDS)

    with django_assert_num_queries(1):
        again = progress_at_days(plan, [action.pk for action in actions], MONTH_ENDS)

    assert again == first
    assert ProgressSnapshot.objects.count() == 3 * len(MONTH_ENDS)


def test_an_update_dated_back_changes_the_month_ends_since_and_not_before(
    workstream, plan, django_assert_num_queries
):
    action = factories.ActionFactory(workstream=workstream)
    report(action, "on-track", 30, MONTH_ENDS[0])
    progress_at_days(plan, [action.pk], MONTH_ENDS)

    report(action, "at-risk", 10, MONTH_ENDS[4], narrative="Slipping")

    with django_assert_num_queries(1):
        [points] = progress_at_days(plan, [action.pk], MONTH_ENDS).values()
    assert [point.status for point in points] == ["on-track"] * 4 + ["at-risk"] * 2


def test_an_update_dated_today_leaves_the_month_ends_as_they_were(workstream, plan):
    action = factories.ActionFactory(workstream=workstream)
    report(action, "on-track", 30, MONTH_ENDS[2])
    before = progress_at_days(plan, [action.pk], MONTH_ENDS)

    report(action, "complete", 100, TODAY)

    assert progress_at_days(plan, [action.pk], MONTH_ENDS) == before


def test_a_review_counts_from_the_day_it_is_recorded(workstream, plan):
    """A challenge recorded today does not change where the action stood last month."""
    action = factories.ActionFactory(workstream=workstream)
    update = report(action, "on-track", 30, MONTH_ENDS[-1])
    progress_at_days(plan, [action.pk], MONTH_ENDS)
    factories.StatusReviewFactory(
        update=update,
        outcome=StatusReview.Outcome.REVISED,
        status="at-risk",
        comment="The venue fell through.",
    )

    [points] = progress_at_days(plan, [action.pk], MONTH_ENDS).values()

    assert points[-1].status == "on-track"


def test_updates_created_in_bulk_are_worked_out_again(workstream, plan):
    action = factories.ActionFactory(workstream=workstream)
    progress_at_days(plan, [action.pk], MONTH_ENDS)
    author = factories.PersonFactory()
    ProgressUpdate.objects.bulk_create(
        [
            factories.ProgressUpdateFactory.build(
                action=action, author=author, percent_complete=50, as_at=MONTH_ENDS[0]
            )
        ]
    )

    refresh_latest_updates(Action.objects.filter(pk=action.pk))

    [points] = progress_at_days(plan, [action.pk], MONTH_ENDS).values()
    assert {point.percent for point in points} == {50}


def test_an_update_dated_before_the_history_forgets_older_kept_month_ends(workstream, plan):
    action = factories.ActionFactory(workstream=workstream)
    year_ago = MONTH_ENDS[0] - 180 * DAY
    progress_at_days(plan, [action.pk], [year_ago])

    report(action, "on-track", 40, year_ago - DAY)

    assert not ProgressSnapshot.objects.filter(day=year_ago).exists()
    [points] = progress_at_days(plan, [action.pk], [year_ago]).values()
    assert points == [Progress("on-track", 40, None)]

"""The chair's briefing: what changed since the previous meeting."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from meetings.briefing import meeting_briefing_for_chair
from meetings.models import Meeting
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
LAST_MEETING = TODAY - 40 * DAY


def report(action, status, percent, on, **extra):
    if status in ("at-risk", "off-track"):
        extra.setdefault("narrative", "Explained")
    return factories.ProgressUpdateFactory(
        action=action, status=status, percent_complete=percent, as_at=on, **extra
    )


@pytest.fixture
def meetings(personas):
    last = factories.MeetingFactory(
        partnership=personas.partnership, date=LAST_MEETING, status="held"
    )
    factories.MeetingFactory(
        partnership=personas.partnership, date=LAST_MEETING - 10 * DAY, status="cancelled"
    )
    next_meeting = factories.MeetingFactory(partnership=personas.partnership, date=TODAY + 20 * DAY)
    return last, next_meeting


@pytest.fixture
def actions(personas, meetings):
    """B.i got worse, B.ii got better, B.iii had no update, D.i went overdue."""
    b, d = personas.police_workstream, personas.council_workstream
    worse = factories.ActionFactory(workstream=b, label="i", text="Got worse")
    better = factories.ActionFactory(workstream=b, label="ii", text="Got better")
    silent = factories.ActionFactory(workstream=b, label="iii", text="No news")
    overdue = factories.ActionFactory(
        workstream=d, label="i", text="Now overdue", target_date=TODAY - 3 * DAY
    )
    before = LAST_MEETING - 5 * DAY
    report(worse, "on-track", 40, before)
    report(worse, "at-risk", 30, TODAY - 2 * DAY, narrative="Supplier pulled out")
    report(better, "off-track", 10, before)
    report(better, "on-track", 60, TODAY - 4 * DAY)
    report(silent, "on-track", 20, before)
    report(overdue, "on-track", 50, LAST_MEETING + DAY)
    return {"worse": worse, "better": better, "silent": silent, "overdue": overdue}


def by_text(briefing):
    return {item.action.text: item for section in briefing.workstreams for item in section.actions}


def test_the_previous_meeting_is_the_last_one_not_cancelled(meetings):
    last, next_meeting = meetings
    briefing = meeting_briefing_for_chair(next_meeting, today=TODAY)
    assert briefing.previous_meeting == last
    assert briefing.window_end == TODAY


def test_status_moves_percent_changes_and_updates_since_the_last_meeting(meetings, actions):
    items = by_text(meeting_briefing_for_chair(meetings[1], today=TODAY))
    worse, better, silent = items["Got worse"], items["Got better"], items["No news"]
    assert (worse.before.status, worse.now.status, worse.move) == ("on-track", "at-risk", "worse")
    assert worse.percent_change == -10
    assert worse.latest_update.narrative == "Supplier pulled out"
    assert (better.move, better.percent_change, better.updates_in_window) == ("better", 50, 1)
    assert (silent.move, silent.updates_in_window) == (None, 0)
    assert silent.now.status == "on-track", "still stands where it did"


def test_actions_that_went_overdue_since_the_last_meeting(meetings, actions):
    items = by_text(meeting_briefing_for_chair(meetings[1], today=TODAY))
    assert items["Now overdue"].went_overdue
    assert not items["Got worse"].went_overdue
    report(actions["overdue"], "complete", 100, TODAY)
    items = by_text(meeting_briefing_for_chair(meetings[1], today=TODAY))
    assert not items["Now overdue"].went_overdue, "complete actions are not overdue"


def test_workstream_sections_group_the_changes(meetings, actions):
    briefing = meeting_briefing_for_chair(meetings[1], today=TODAY)
    b = next(s for s in briefing.workstreams if s.workstream.letter == "B")
    assert [a.action.text for a in b.updated] == ["Got worse", "Got better"]
    assert [a.action.text for a in b.worse] == ["Got worse"]
    assert [a.action.text for a in b.better] == ["Got better"]
    assert [a.action.text for a in b.without_update] == ["No news"]


def test_a_past_meetings_briefing_stops_at_its_date(personas, meetings, actions):
    last, _ = meetings
    briefing = meeting_briefing_for_chair(last, today=TODAY)
    assert briefing.window_end == LAST_MEETING
    items = by_text(briefing)
    assert items["Got worse"].now.status == "on-track", "the later update is not counted"
    assert (items["Got worse"].was_updated, items["Got worse"].updates_in_window) == (True, 1)
    assert not items["Now overdue"].was_updated, "its update is dated after the meeting"


def test_the_first_meetings_briefing_counts_every_update(personas, meetings, actions):
    first = factories.MeetingFactory(partnership=personas.partnership, date=TODAY + 5 * DAY)
    Meeting.objects.exclude(pk=first.pk).delete()
    factories.ActionFactory(workstream=actions["silent"].workstream, label="iv", text="Never")
    items = by_text(meeting_briefing_for_chair(first, today=TODAY))
    assert (items["Got worse"].was_updated, items["Got worse"].updates_in_window) == (True, 2)
    assert (items["Never"].was_updated, items["Never"].updates_in_window) == (False, 0)


def test_open_and_overdue_items_of_the_action_log(personas, meetings):
    last, next_meeting = meetings
    overdue = factories.MeetingActionFactory(
        meeting=last, description="Circulate the toolkit", due_on=TODAY - DAY
    )
    factories.MeetingActionFactory(meeting=last, description="Book a room", due_on=TODAY + DAY)
    factories.MeetingActionFactory(meeting=last, description="Done already", status="done")
    items = meeting_briefing_for_chair(next_meeting, today=TODAY).meeting_actions
    assert [(i.item.description, i.is_overdue) for i in items] == [
        ("Circulate the toolkit", True),
        ("Book a room", False),
    ]
    assert overdue.owner is not None


def briefing_url(meeting):
    return reverse("meetings:briefing", args=[meeting.pk])


def test_the_page_shows_proposed_and_confirmed_status(client, personas, meetings, actions):
    update = actions["better"].updates.order_by("-as_at").first()
    factories.StatusReviewFactory(update=update, reviewer=personas.chair)
    client.force_login(personas.chair)
    content = client.get(briefing_url(meetings[1])).content.decode()
    assert "Confirmed</strong> by" in content
    assert "Supplier pulled out" in content
    assert "Confirm or challenge" in content
    assert "3 reported statuses are challenged or awaiting review." in content


@pytest.mark.parametrize(
    ("persona", "sees_review_links"),
    [("secretariat", True), ("chair", True), ("police_lead", False), ("community_member", False)],
)
def test_members_read_it_and_only_the_chair_and_secretariat_review(
    client, personas, meetings, actions, persona, sees_review_links
):
    client.force_login(getattr(personas, persona))
    response = client.get(briefing_url(meetings[1]))
    assert response.status_code == 200
    assert ("Confirm or challenge" in response.content.decode()) is sees_review_links


def test_a_reviewer_is_not_offered_their_own_update(client, personas, meetings, actions):
    report(actions["silent"], "on-track", 30, TODAY - DAY, author=personas.secretariat)
    review_silent = reverse("workstreams:status-review", args=[actions["silent"].pk])
    client.force_login(personas.secretariat)
    assert review_silent not in client.get(briefing_url(meetings[1])).content.decode()
    client.force_login(personas.chair)
    assert review_silent in client.get(briefing_url(meetings[1])).content.decode()


def test_outsiders_get_not_found(client, personas, meetings):
    client.force_login(personas.outsider)
    assert client.get(briefing_url(meetings[1])).status_code == 404
    pdf = reverse("meetings:briefing-pdf", args=[meetings[1].pk])
    assert client.get(pdf).status_code == 404


def test_the_pdf_is_an_a4_pdf_naming_every_workstream(client, personas, meetings, actions):
    factories.WorkstreamFactory(plan=personas.plan, letter="E", title="Map support for victims")
    client.force_login(personas.chair)
    response = client.get(reverse("meetings:briefing-pdf", args=[meetings[1].pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    for letter in "BDE":
        assert f"Workstream {letter}" in text
    assert "Got worse" in text
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(float(width)), round(float(height))) == (595, 842), "A4 in points"
    assert "Your partnerships" not in text, "the print stylesheet drops the navigation"


def briefing_queries(client, meeting):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(briefing_url(meeting)).status_code == 200
    return len(queries)


def test_the_briefing_runs_the_same_queries_at_10_and_500_actions(
    client, personas, meetings, settings, django_assert_max_num_queries
):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    client.force_login(personas.chair)
    meeting = meetings[1]

    def add_actions(count, start):
        for number in range(start, start + count):
            action = factories.ActionFactory(workstream=personas.police_workstream, position=number)
            report(action, "on-track", 10, TODAY - (number % 60) * DAY)
            factories.MeetingActionFactory(meeting=meetings[0])

    add_actions(10, 1)
    factories.monthly_counts(personas.partnership, 13)
    # The first view after actions are added works out and keeps where they stood at
    # the meeting compared with (workstreams.snapshots); the views after it read that.
    client.get(briefing_url(meeting))
    small = briefing_queries(client, meeting)
    add_actions(490, 11)
    factories.monthly_counts(personas.partnership, 120)
    client.get(briefing_url(meeting))
    assert briefing_queries(client, meeting) == small
    # 1 session, 1 user, 1 meeting, 1 the viewer's memberships, 1 previous ordinary
    # meeting, 1 actions across the window, 1 where they stood at the meeting before,
    # 1 the changed actions shown, 1 their latest updates, 1 reviews of them, 1 how many
    # updates each has in the window, 1 workstreams, 1 their leads, 1 open items of the
    # action log, 1 measures, 1 their objectives, 1 their counts, 1 the earlier meetings
    # to compare with
    with django_assert_max_num_queries(18):
        client.get(briefing_url(meeting))
    # The same, with a meeting chosen to compare with.
    with django_assert_max_num_queries(18):
        client.get(briefing_url(meeting), {"compare_with": meetings[0].pk})


def test_unchanged_actions_are_counted_not_listed(client, personas, meetings, actions):
    """B.iii had no update and stands where it did: the summary counts it, the list of
    changes leaves it out."""
    briefing = meeting_briefing_for_chair(meetings[1], today=TODAY, page=1)
    listed = [change.action.text for group in briefing.shown for change in group.changes]
    assert listed == ["Got worse", "Got better", "Now overdue"]
    assert [group.section.workstream.letter for group in briefing.shown] == ["B", "D"]
    b = next(s for s in briefing.workstreams if s.workstream.letter == "B")
    assert [a.action_id for a in b.unchanged] == [actions["silent"].pk]
    client.force_login(personas.chair)
    content = client.get(briefing_url(meetings[1])).content.decode()
    assert "Got worse" in content
    assert "No news" not in content
    assert "The other 1 action has had no update and no change since the" in content


def test_the_changes_come_a_page_at_a_time(client, personas, meetings):
    """30 changed actions: 25 on the first page, 5 on the second; the summary links each
    workstream to the page its first change is on."""
    for number in range(1, 31):
        workstream = personas.police_workstream if number <= 26 else personas.council_workstream
        action = factories.ActionFactory(
            workstream=workstream, label=f"x{number}", position=number, text=f"Changed {number}"
        )
        report(action, "on-track", number, TODAY - DAY)
    client.force_login(personas.chair)
    first = client.get(briefing_url(meetings[1])).content.decode()
    assert "Changed 25" in first
    assert "Changed 26" not in first
    assert "1 to 25 of 30" in first
    assert 'aria-label="Pages of changes"' in first
    assert f'href="?page=1#workstream-{personas.police_workstream.pk}"' in first
    assert f'href="?page=2#workstream-{personas.council_workstream.pk}"' in first
    second = client.get(briefing_url(meetings[1]), {"page": 2}).content.decode()
    assert "Changed 26" in second
    assert "Changed 30" in second
    assert "Changed 1<" not in second
    pdf_briefing = meeting_briefing_for_chair(meetings[1], today=TODAY)
    assert pdf_briefing.page is None
    assert sum(len(group.changes) for group in pdf_briefing.shown) == 30, "all, for the PDF"


def test_an_update_dated_back_before_the_last_meeting_changes_where_it_stood_then(
    meetings, actions
):
    """Where each action stood at the last meeting is kept once read; an update dated
    before that meeting, added later, puts it elsewhere then."""
    items = by_text(meeting_briefing_for_chair(meetings[1], today=TODAY))
    assert items["No news"].before.status == "on-track"
    report(actions["silent"], "off-track", 20, LAST_MEETING - DAY, narrative="Found late")
    items = by_text(meeting_briefing_for_chair(meetings[1], today=TODAY))
    assert (items["No news"].before.status, items["No news"].before.percent) == ("off-track", 20)
    assert items["No news"].move is None, "it stands now where it stood then"

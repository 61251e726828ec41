"""The plan dashboard: roll-ups, counts that match their lists, filters, history, speed."""

import datetime
import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from overview.charts import describe_history
from overview.dashboard import plan_dashboard
from overview.selectors import actions_for_reporting
from tests import factories
from workstreams import authoring
from workstreams.models import Action
from workstreams.snapshots import history_dates

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def dashboard_url(plan):
    return reverse("overview:dashboard", kwargs={"slug": plan.slug})


def dashboard_of(plan):
    actions = actions_for_reporting(Action.objects.filter(workstream__plan=plan), today=TODAY)
    return plan_dashboard(plan, actions, today=TODAY)


def report(action, status, percent=0, days_ago=1, **extra):
    if status in ("at-risk", "off-track"):
        extra.setdefault("narrative", "Slipping")
    return factories.ProgressUpdateFactory(
        action=action, status=status, percent_complete=percent,
        as_at=TODAY - days_ago * DAY, **extra,
    )  # fmt: skip


@pytest.fixture
def plan(personas):
    """Workstream B (police) with an action at risk and one on track with two sub-items,
    workstream D (council) with an action off track and one never updated."""
    factories.MeetingFactory(partnership=personas.partnership, date=TODAY - 30 * DAY, status="held")
    b, d = personas.police_workstream, personas.council_workstream
    at_risk = factories.ActionFactory(workstream=b, label="i", text="Risky")
    parent = factories.ActionFactory(workstream=b, label="ii", text="With sub-items")
    first = factories.SubItemFactory(parent=parent, label="a", text="First part")
    second = factories.SubItemFactory(parent=parent, label="b", text="Second part")
    off_track = factories.ActionFactory(
        workstream=d, label="i", text="Late", target_date=TODAY - 5 * DAY
    )
    factories.ActionFactory(workstream=d, label="ii", text="Untouched")
    report(at_risk, "at-risk", 20)
    report(first, "complete", 100)
    report(second, "on-track", 50, days_ago=60)
    report(off_track, "off-track", 10)
    return personas.plan


def test_workstreams_roll_up_their_actions(plan, personas):
    standings = {s.workstream.letter: s for s in dashboard_of(plan).workstreams}
    b, d = standings["B"], standings["D"]
    # B: i at risk 20%; ii = mean(100, 50) = 75%, on track; B = at risk, mean(20, 75) = 48
    assert (b.progress.status, b.progress.percent) == ("at-risk", 48)
    # D: i off track 10%; ii no update (0%)
    assert (d.progress.status, d.progress.percent) == ("off-track", 5)
    assert b.latest_update == TODAY - DAY


def test_counts_by_status_and_flags(plan):
    standings = {s.workstream.letter: s for s in dashboard_of(plan).workstreams}
    b, d = standings["B"].counts, standings["D"].counts
    assert b.by_status == {
        "off-track": 0, "at-risk": 1, "on-track": 1, "not-started": 0, "complete": 1, None: 0,
    }  # fmt: skip
    assert (b.overdue, b.stale, b.challenged, b.awaiting_review) == (0, 1, 0, 3)
    assert d.by_status["off-track"] == 1
    assert d.by_status[None] == 1
    assert (d.overdue, d.stale, d.challenged, d.awaiting_review) == (1, 1, 0, 1)


def test_a_reviewed_status_is_counted_as_confirmed_or_challenged(plan, personas, client):
    update = Action.objects.get(text="Risky").updates.get()
    factories.StatusReviewFactory(update=update, reviewer=personas.chair)
    b = next(s for s in dashboard_of(plan).workstreams if s.workstream.letter == "B")
    assert (b.counts.challenged, b.counts.awaiting_review) == (0, 2)
    factories.StatusReviewFactory(
        update=update, reviewer=personas.chair, outcome="challenged", comment="Really?"
    )
    b = next(s for s in dashboard_of(plan).workstreams if s.workstream.letter == "B")
    assert (b.counts.challenged, b.counts.awaiting_review) == (1, 2), "the latest review stands"
    client.force_login(personas.community_member)
    listed = client.get(
        reverse("overview:plan-actions", args=[plan.slug]),
        {"workstream": personas.police_workstream.pk, "challenged": "on"},
    )
    assert [action.text for action in listed.context["page"]] == ["Risky"]
    assert ">Challenged</strong>" in listed.content.decode()
    awaiting = client.get(
        reverse("overview:plan-actions", args=[plan.slug]), {"is_awaiting_review": "on"}
    )
    assert {action.text for action in awaiting.context["page"]} == {
        "First part", "Second part", "Late",
    }  # fmt: skip
    assert awaiting.content.decode().count(">Awaiting review</strong>") == 3


def test_objectives_and_priorities_roll_up_and_show_gaps(plan, personas):
    priority = factories.PriorityFactory(plan=plan, label="a", title="Tackle hate crime")
    unserved_priority = factories.PriorityFactory(plan=plan, label="b", title="Unserved")
    served = factories.ObjectiveFactory(plan=plan, label="a", title="Increase reporting")
    empty = factories.ObjectiveFactory(plan=plan, label="b", title="Nobody on it")
    workstream_without_actions = factories.WorkstreamFactory(plan=plan, letter="E")
    empty.workstreams.add(workstream_without_actions)
    served.priorities.add(priority)
    personas.police_workstream.objectives.add(served)
    personas.council_workstream.objectives.add(served)

    dashboard = dashboard_of(plan)
    objectives = {o.objective.label: o for o in dashboard.objectives}
    assert not objectives["a"].is_gap
    assert objectives["a"].progress.status == "off-track"
    assert objectives["b"].is_gap, "its only workstream has no actions"
    priorities = {p.priority.label: p for p in dashboard.priorities}
    assert not priorities["a"].is_gap
    assert priorities["b"].is_gap, "no objective serves it"
    assert unserved_priority.objectives.count() == 0


def test_every_number_links_to_a_list_of_that_many_actions(client, plan, personas):
    client.force_login(personas.chair)
    content = client.get(dashboard_url(plan)).content.decode()
    links = re.findall(r'<a class="govuk-link" href="([^"]*/actions/\?[^"]*)">(\d+)<span', content)
    assert len(links) >= 10
    for href, number in links:
        listed = client.get(unescape(href)).context["page"].paginator.count
        assert listed == int(number), href


def test_filters_narrow_what_is_counted(client, plan, personas):
    client.force_login(personas.chair)
    by_lead = client.get(dashboard_url(plan), {"lead_organisation": personas.council.pk})
    assert by_lead.status_code == 200
    assert "2 actions match the filters" in by_lead.content.decode()
    by_status = client.get(dashboard_url(plan), {"status": "none"}).content.decode()
    assert "1 action matches the filters" in by_status

    action = Action.objects.get(text="Late")
    action.strands.add(factories.strand("disability"))
    by_strand = client.get(dashboard_url(plan), {"strand": "disability"}).content.decode()
    assert "1 action matches the filters" in by_strand


def test_filtered_out_workstreams_leave_every_table(client, plan, personas):
    """Filtered by the council, workstream B is in none of the tables; with nothing
    matching, the page says so rather than that the plan has no workstreams."""
    objective = factories.ObjectiveFactory(plan=plan, label="a")
    objective.workstreams.add(personas.police_workstream)
    client.force_login(personas.chair)
    response = client.get(dashboard_url(plan), {"lead_organisation": personas.council.pk})
    standing = response.context["dashboard"]
    assert [s.workstream for s in standing.workstreams] == [personas.council_workstream]
    assert standing.objectives[0].workstreams == []
    content = response.content.decode()
    assert "No action matching the filters serves this objective." in content
    assert "Gap" not in content
    nothing = client.get(dashboard_url(plan), {"strand": "race"})
    assert "No workstream has actions that match the filters." in nothing.content.decode()
    assert 'name="filter"' not in content, "the button adds nothing to the links' addresses"


def test_history_shows_each_workstream_as_it_stood_at_each_month_end(plan, personas):
    action = Action.objects.get(text="Untouched")
    report(action, "on-track", 30, days_ago=70)
    report(action, "at-risk", 40, days_ago=2)
    history = dashboard_of(plan).history
    assert history.dates == history_dates(TODAY)
    d_row = next(row for row in history.rows if row.workstream.letter == "D")
    before = d_row.points[0]  # the end of the month six months ago
    assert before.status is None
    assert d_row.points[-1].status == "off-track"
    seventy_days_ago = TODAY - 70 * DAY
    for day, point in zip(history.dates, d_row.points, strict=True):
        if seventy_days_ago <= day < TODAY - 2 * DAY:
            assert point.status == "on-track", day
    assert "Workstream D: no update" in describe_history(history)


def test_history_takes_in_an_update_dated_back_after_it_was_first_shown(plan, personas):
    action = Action.objects.get(text="Untouched")
    dates = history_dates(TODAY)
    d_row = next(row for row in dashboard_of(plan).history.rows if row.workstream.letter == "D")
    assert [point.status for point in d_row.points] == [None] * 6 + ["off-track"]

    report(action, "on-track", 50, days_ago=(TODAY - dates[0]).days)

    d_row = next(row for row in dashboard_of(plan).history.rows if row.workstream.letter == "D")
    assert [point.status for point in d_row.points] == ["on-track"] * 6 + ["off-track"]
    assert [point.percent for point in d_row.points] == [25] * 6 + [30]  # with 0% for "Late"


def d_history(plan):
    d_row = next(row for row in dashboard_of(plan).history.rows if row.workstream.letter == "D")
    return [(point.status, point.percent) for point in d_row.points]


def test_history_follows_a_retired_action_and_a_change_of_weights(plan, personas):
    """What a workstream's kept history rolls up from is checked on every view."""
    late, untouched = Action.objects.filter(workstream__letter="D").order_by("label")
    month_end = history_dates(TODAY)[0]
    report(untouched, "on-track", 60, days_ago=(TODAY - month_end).days)
    report(late, "at-risk", 20, days_ago=(TODAY - month_end).days, narrative="Slipping")
    assert d_history(plan)[0] == ("at-risk", 40)

    plan.weighs_actions = True
    plan.save()
    Action.objects.filter(pk=untouched.pk).update(weight=3)
    assert d_history(plan)[0] == ("at-risk", 50)  # (20 + 3 x 60) / 4

    authoring.item_retire(item=late)
    assert d_history(plan)[:6] == [("on-track", 60)] * 6


def test_history_is_read_in_the_same_queries_at_any_size(client, personas, settings):
    """Unfiltered, the workstreams' kept points are read, not their actions'."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    client.force_login(personas.chair)
    small = factories.ActionPlanFactory(partnership=personas.partnership)
    build_plan_of_size(small, 10)
    large = factories.ActionPlanFactory(partnership=personas.partnership)
    build_plan_of_size(large, 300)

    counts = []
    for plan in (small, large):
        client.get(dashboard_url(plan))
        with CaptureQueriesContext(connection) as queries:
            client.get(dashboard_url(plan))
        counts.append(len(queries))

    assert counts[0] == counts[1]


def test_members_see_the_dashboard_and_outsiders_do_not(client, plan, personas):
    for person in personas.members:
        client.force_login(person)
        assert client.get(dashboard_url(plan)).status_code == 200
    client.force_login(personas.outsider)
    assert client.get(dashboard_url(plan)).status_code == 404
    assert client.get(reverse("overview:plan-actions", args=[plan.slug])).status_code == 404


def test_a_new_update_shows_on_the_next_view(client, plan, personas):
    """The cached dashboard is not served once something it shows has changed."""
    untouched = Action.objects.get(text="Untouched")
    no_update_in_d = f"workstream={personas.council_workstream.pk}&amp;status=none"
    client.force_login(personas.chair)
    assert no_update_in_d in client.get(dashboard_url(plan)).content.decode()
    client.force_login(personas.council_lead)
    client.post(
        reverse("workstreams:progress-update-add", args=[untouched.pk]),
        {"status": "on-track", "percent_complete": "5", "confidence": "high",
         "as_at_0": TODAY.day, "as_at_1": TODAY.month, "as_at_2": TODAY.year},
    )  # fmt: skip
    assert untouched.updates.exists()
    client.force_login(personas.chair)
    assert no_update_in_d not in client.get(dashboard_url(plan)).content.decode()


def build_plan_of_size(plan, actions_count):
    workstreams = [
        factories.WorkstreamFactory(
            plan=plan, letter=letter, lead_organisations=[factories.OrganisationFactory()]
        )
        for letter in "FGHIJ"
    ]
    for number in range(actions_count):
        action = factories.ActionFactory(workstream=workstreams[number % 5], position=number + 1)
        if number % 3:
            report(action, "on-track", 10, days_ago=number % 200)


def dashboard_queries(client, plan):
    """The queries of a view after the first, which works out and keeps where the actions
    stood at the month ends (tests/workstreams/test_snapshots.py)."""
    client.get(dashboard_url(plan), {"status": "on-track"})
    with CaptureQueriesContext(connection) as queries:
        assert client.get(dashboard_url(plan), {"status": "on-track"}).status_code == 200
    return len(queries)


def test_the_dashboard_runs_the_same_queries_at_10_and_500_actions(
    client, personas, django_assert_max_num_queries, settings
):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    client.force_login(personas.chair)
    small = factories.ActionPlanFactory(partnership=personas.partnership)
    build_plan_of_size(small, 10)
    factories.monthly_counts(personas.partnership, 13, objectives=small.objectives.all())
    small_queries = dashboard_queries(client, small)
    large = factories.ActionPlanFactory(partnership=personas.partnership)
    build_plan_of_size(large, 500)
    factories.monthly_counts(personas.partnership, 120, objectives=large.objectives.all())
    assert dashboard_queries(client, large) == small_queries
    # 1 session, 1 user, 1 plan, 1 workstreams, 1 their leads,
    # 1 actions counted, 1 their counts by workstream, 1 the workstreams' progress
    # (rolled up in the database), 1 where they stood at the month ends, 1 objectives,
    # 1 their workstreams, 1 priorities, 1 their objectives, 2 the meetings around today,
    # 2 the filter's organisations and objectives, 1 strands, 1 measures, 1 their
    # objectives, 1 their counts, 1 the meetings of the reporting round (none to come
    # here: tests/reporting/test_views.py counts a round's)
    with django_assert_max_num_queries(22):
        client.get(dashboard_url(large), {"status": "on-track"})


def test_a_repeat_view_is_served_from_the_cache(
    client, plan, personas, django_assert_max_num_queries
):
    client.force_login(personas.chair)
    client.get(dashboard_url(plan))
    # 1 session, 1 user, 1 plan, 1 the viewer's memberships (do they see small numbers?);
    # the revision is read from the cache
    with django_assert_max_num_queries(4):
        client.get(dashboard_url(plan))


def test_a_status_revised_on_review_stands_on_the_dashboard_from_the_day_it_was(plan, personas):
    update = Action.objects.get(text="Second part").updates.get()  # dated 60 days ago
    factories.StatusReviewFactory(
        update=update, reviewer=personas.chair, outcome="revised", status="off-track",
        comment="Not finished",
    )  # fmt: skip
    dashboard = dashboard_of(plan)
    b = next(s for s in dashboard.workstreams if s.workstream.letter == "B")
    assert b.counts.by_status["off-track"] == 1
    assert b.counts.by_status["on-track"] == 0
    [history] = [row for row in dashboard.history.rows if row.workstream.letter == "B"]
    assert history.points[-1].status == "off-track", "today, after the review"
    assert history.points[-2].status != "off-track", "at the end of last month, before it"


def test_workstreams_are_named_and_leads_spelled_out_on_hover(client, plan, personas):
    personas.police.short_name = "TC"
    personas.police.save()
    client.force_login(personas.community_member)
    content = client.get(dashboard_url(plan)).content.decode()
    title = personas.police_workstream.short_title
    assert f"Workstream B: {title}</a>" in content
    assert 'Led by <abbr title="Test Constabulary">TC</abbr>.' in content
    assert f"B. {title}</th>" in content, "the chart's figures name each workstream"


@pytest.mark.parametrize(
    ("persona", "shown"),
    [("chair", True), ("secretariat", True), ("police_lead", False), ("community_member", False)],
)
def test_the_chair_review_is_shown_with_where_to_record_it_to_those_who_do(
    client, plan, personas, persona, shown
):
    factories.TermsOfReferenceFactory(partnership=personas.partnership)
    client.force_login(getattr(personas, persona))
    content = client.get(dashboard_url(plan)).content.decode()
    record = reverse("meetings:chair-review", args=[personas.partnership.slug])
    assert ("review of who chairs the group" in content) is shown
    assert (f'href="{record}">Record the chair review</a>' in content) is shown


def plan_actions_queries(client, plan):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("overview:plan-actions", args=[plan.slug]))
    assert response.status_code == 200
    return len(queries), response


def test_the_list_of_actions_runs_the_same_queries_at_10_and_500_actions(
    client, personas, django_assert_max_num_queries
):
    """For the chair, with the statuses shown offered for confirming at once."""
    client.force_login(personas.chair)
    small = factories.ActionPlanFactory(partnership=personas.partnership)
    build_plan_of_size(small, 10)
    large = factories.ActionPlanFactory(partnership=personas.partnership)
    build_plan_of_size(large, 500)
    count, response = plan_actions_queries(client, small)
    assert plan_actions_queries(client, large)[0] == count
    assert "statuses shown awaiting your review" in response.content.decode()
    # 1 session, 1 user, 1 plan with partnership, 1 the filter's organisations,
    # 1 objectives, 1 workstreams, 1 strands, 1 count, 1 the page's action ids, 1 those
    # actions, 1 the viewer's memberships (may they review?)
    with django_assert_max_num_queries(11):
        client.get(reverse("overview:plan-actions", args=[large.slug]))

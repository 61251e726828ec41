"""The secretariat's reporting-round page, "Needs your attention" on the home page for
each persona, and the round on the dashboard."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting, MeetingAction
from reporting.services import DUE_AFTER_MEETING, DUE_BEFORE_ROUND
from tests import factories

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
HOME = reverse("overview:home")


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def upcoming(personas, today):
    factories.MeetingFactory(partnership=personas.partnership, date=today - 30 * DAY)
    return factories.MeetingFactory(partnership=personas.partnership, date=today + 20 * DAY)


def round_url(personas):
    return reverse("reporting:round", args=[personas.partnership.slug])


def move_url(personas, meeting):
    return reverse("reporting:due-date-move", args=[personas.partnership.slug, meeting.pk])


def date_data(day, version):
    return {
        "updates_due_on_0": day.day,
        "updates_due_on_1": day.month,
        "updates_due_on_2": day.year,
        "version": version,
    }


# The secretariat's page ----------------------------------------------------------------


def test_the_secretariat_finds_the_page_from_the_partnerships(client, personas, upcoming):
    client.force_login(personas.secretariat)
    page = client.get(personas.partnership.get_absolute_url()).content.decode()
    assert round_url(personas) in page
    content = client.get(round_url(personas)).content.decode()
    assert "Rounds to come" in content
    assert move_url(personas, upcoming) in content


def test_others_are_not_offered_the_page(client, personas, upcoming):
    client.force_login(personas.chair)
    page = client.get(personas.partnership.get_absolute_url()).content.decode()
    assert round_url(personas) not in page


def test_the_secretariat_sets_the_usual_notice(client, personas, upcoming):
    client.force_login(personas.secretariat)
    response = client.post(round_url(personas), {"update_due_working_days": "5"}, follow=True)
    assert "Updates are now due 5 working days before each meeting" in response.content.decode()
    personas.partnership.refresh_from_db()
    assert personas.partnership.update_due_working_days == 5


def test_the_notice_must_be_a_sensible_number(client, personas, upcoming):
    client.force_login(personas.secretariat)
    response = client.post(round_url(personas), {"update_due_working_days": "0"})
    assert "govuk-error-summary" in response.content.decode()
    assert "The number of working days must be 1 or more" in response.content.decode()


def test_the_secretariat_moves_one_rounds_due_date(client, personas, upcoming, today):
    client.force_login(personas.secretariat)
    moved_to = today + 10 * DAY
    response = client.post(move_url(personas, upcoming), date_data(moved_to, upcoming.version))
    assert response.status_code == 302
    upcoming.refresh_from_db()
    assert upcoming.updates_due_on == moved_to
    assert "Moved" in client.get(round_url(personas)).content.decode()


def test_a_due_date_after_the_meeting_is_refused(client, personas, upcoming, today):
    client.force_login(personas.secretariat)
    response = client.post(
        move_url(personas, upcoming), date_data(upcoming.date + DAY, upcoming.version)
    )
    assert response.status_code == 200
    assert DUE_AFTER_MEETING.split("{")[0] in response.content.decode()
    upcoming.refresh_from_db()
    assert upcoming.updates_due_on is None


def test_a_due_date_before_the_round_opens_is_refused(client, personas, upcoming, today):
    client.force_login(personas.secretariat)
    response = client.post(
        move_url(personas, upcoming), date_data(today - 30 * DAY, upcoming.version)
    )
    assert DUE_BEFORE_ROUND.split("{")[0] in response.content.decode()
    upcoming.refresh_from_db()
    assert upcoming.updates_due_on is None


def test_the_dashboard_shows_a_moved_date_at_once(client, personas, upcoming, today):
    """The dashboard is cached until the audit log changes, and moving a date logs it."""
    factories.ActionFactory(workstream=personas.police_workstream)
    client.force_login(personas.secretariat)
    dashboard = reverse("overview:dashboard", args=[personas.plan.slug])
    client.get(dashboard)
    moved_to = today + 3 * DAY
    client.post(move_url(personas, upcoming), date_data(moved_to, upcoming.version))
    content = client.get(dashboard).content.decode()
    assert f"Due {moved_to:%A %-d %B %Y} (a date the secretariat set)" in content


def test_a_stale_due_date_form_is_refused(client, personas, upcoming, today):
    client.force_login(personas.secretariat)
    Meeting.objects.filter(pk=upcoming.pk).update(version=upcoming.version + 1)
    response = client.post(
        move_url(personas, upcoming), date_data(today + 5 * DAY, upcoming.version)
    )
    assert response.status_code == 409
    upcoming.refresh_from_db()
    assert upcoming.updates_due_on is None


def test_an_empty_date_moves_the_round_back_to_the_usual_notice(client, personas, upcoming, today):
    Meeting.objects.filter(pk=upcoming.pk).update(updates_due_on=today + DAY)
    upcoming.refresh_from_db()
    client.force_login(personas.secretariat)
    data = {"updates_due_on_0": "", "updates_due_on_1": "", "updates_due_on_2": ""}
    response = client.post(move_url(personas, upcoming), {**data, "version": upcoming.version})
    assert response.status_code == 302
    upcoming.refresh_from_db()
    assert upcoming.updates_due_on is None


def test_a_past_meetings_round_cannot_be_moved(client, personas, upcoming):
    past = Meeting.objects.filter(partnership=personas.partnership).order_by("date").first()
    client.force_login(personas.secretariat)
    assert client.get(move_url(personas, past)).status_code == 404


@pytest.mark.parametrize("persona", ["chair", "police_lead", "council_lead", "community_member"])
def test_other_members_may_not_manage_rounds(client, personas, upcoming, persona, today):
    client.force_login(getattr(personas, persona))
    assert client.get(round_url(personas)).status_code == 403
    assert client.post(round_url(personas), {"update_due_working_days": "3"}).status_code == 403
    response = client.post(move_url(personas, upcoming), date_data(today, upcoming.version))
    assert response.status_code == 403
    upcoming.refresh_from_db()
    assert upcoming.updates_due_on is None


def test_outsiders_are_told_nothing_exists(client, personas, upcoming):
    client.force_login(personas.outsider)
    assert client.get(round_url(personas)).status_code == 404
    assert client.get(move_url(personas, upcoming)).status_code == 404


def test_signing_in_is_required(client, personas, upcoming):
    assert client.get(round_url(personas)).status_code == 302


# Needs your attention ------------------------------------------------------------------


def test_a_lead_sees_their_unreported_actions_with_when_they_are_due(
    client, personas, upcoming, today
):
    due = factories.ActionFactory(workstream=personas.police_workstream, text="Map the pathways")
    reported = factories.ActionFactory(workstream=personas.police_workstream, text="Done lately")
    factories.ProgressUpdateFactory(action=reported, as_at=today)
    factories.ActionFactory(workstream=personas.council_workstream, text="The council's")
    client.force_login(personas.police_lead)
    content = client.get(HOME).content.decode()
    assert f"{due.get_absolute_url()}#add-update-heading" in content
    assert "Map the pathways" in content
    assert "working days, for the quarterly meeting" in content
    assert "Done lately" not in content
    assert "The council's" not in content


def test_an_overdue_round_says_by_how_many_days(client, personas, today):
    factories.MeetingFactory(partnership=personas.partnership, date=today + 2 * DAY)
    factories.ActionFactory(workstream=personas.police_workstream)
    client.force_login(personas.police_lead)
    content = client.get(HOME).content.decode()
    assert "Overdue</strong>" in content
    assert "overdue by" in content


def test_a_lead_sees_challenged_statuses_and_their_meeting_actions(
    client, personas, upcoming, today
):
    action = factories.ActionFactory(workstream=personas.police_workstream)
    challenged = factories.ProgressUpdateFactory(action=action, as_at=today)
    factories.StatusReviewFactory(
        update=challenged, reviewer=personas.chair, outcome="challenged", comment="Really?"
    )
    MeetingAction.objects.create(
        meeting=upcoming,
        description="Send the referral figures",
        owner_person=personas.police_lead,
        due_on=today - DAY,
    )
    client.force_login(personas.police_lead)
    content = client.get(HOME).content.decode()
    assert f"Answer the challenge to the status of {action.reference}" in content
    assert "Meeting action: Send the referral figures" in content


def test_the_chair_sees_updates_to_confirm_and_the_next_meeting(client, personas, upcoming, today):
    action = factories.ActionFactory(workstream=personas.police_workstream)
    factories.ProgressUpdateFactory(action=action, as_at=today, author=personas.police_lead)
    factories.ActionFactory(workstream=personas.council_workstream)
    client.force_login(personas.chair)
    content = client.get(HOME).content.decode()
    assert "1 update waiting for confirmation" in content
    assert "1 of 2 actions reported so far; papers not published yet" in content
    assert upcoming.get_absolute_url() in content
    assert "As a lead" not in content


def test_the_secretariat_sees_who_has_not_reported_and_meetings_to_prepare(client, personas, today):
    soon = factories.MeetingFactory(partnership=personas.partnership, date=today + 5 * DAY)
    factories.MeetingFactory(partnership=personas.partnership, date=today - 30 * DAY)
    factories.ActionFactory(workstream=personas.council_workstream)
    client.force_login(personas.secretariat)
    content = client.get(HOME).content.decode()
    assert f"{personas.council.short_name}: 1 of 1 actions not reported yet" in content
    assert reverse("reporting:round", args=[personas.partnership.slug]) in content
    assert "Publish the papers for the quarterly meeting" in content
    assert soon.get_absolute_url() in content
    assert "waiting for approval" in content


def test_the_chair_and_vice_chairs_see_the_chair_review_until_it_is_held(client, personas, today):
    factories.TermsOfReferenceFactory(partnership=personas.partnership)
    vice_chair = factories.PersonFactory()
    factories.MembershipFactory(
        partnership=personas.partnership, person=vice_chair, role="vice-chair"
    )
    review_url = reverse("meetings:chair-review", args=[personas.partnership.slug])
    for person in (personas.chair, vice_chair):
        client.force_login(person)
        content = client.get(HOME).content.decode()
        assert "The yearly chair review" in content
        assert review_url in content
    client.force_login(personas.police_lead)
    assert "The yearly chair review" not in client.get(HOME).content.decode()
    factories.ChairReviewFactory(partnership=personas.partnership, held_on=today)
    client.force_login(personas.chair)
    assert "The yearly chair review" not in client.get(HOME).content.decode()


def test_the_secretariat_sees_reports_received_with_no_action_logged_from_them(
    client, personas, today
):
    held = factories.MeetingFactory(partnership=personas.partnership, date=today - 10 * DAY)
    waiting = factories.ReportFactory(
        partnership=personas.partnership, title="Waiting", date=today - 12 * DAY, meeting=held
    )
    followed = factories.ReportFactory(
        partnership=personas.partnership, title="Followed up", date=today - 12 * DAY
    )
    factories.MeetingActionFactory(meeting=held, source_report=followed)
    factories.ReportFactory(
        partnership=personas.partnership, title="Long ago", date=today - 400 * DAY
    )
    factories.ReportFactory(
        partnership=personas.partnership, title="Sent", date=today - 5 * DAY, direction="submitted"
    )
    client.force_login(personas.secretariat)
    content = client.get(HOME).content.decode()
    assert f"Log what follows from “Waiting”, from {waiting.organisation.display_name}" in content
    assert held.get_absolute_url() in content
    for title in ("Followed up", "Long ago", "Sent"):
        assert f"“{title}”" not in content
    client.force_login(personas.chair)
    assert "Log what follows" not in client.get(HOME).content.decode()


def test_someone_with_nothing_to_do_is_told_so(client, personas, upcoming):
    client.force_login(personas.community_member)
    content = client.get(HOME).content.decode()
    assert "Nothing needs your attention before the next meeting." in content


def test_home_runs_a_fixed_number_of_queries_whatever_the_partnerships(
    client, personas, today, django_assert_max_num_queries
):
    """The secretariat of several partnerships, who also chairs one and leads actions."""
    person = personas.secretariat
    for index in range(4):
        partnership = factories.PartnershipFactory()
        factories.MembershipFactory(
            partnership=partnership, person=person, role="chair" if index else "secretariat"
        )
        plan = factories.ActionPlanFactory(partnership=partnership)
        workstream = factories.WorkstreamFactory(
            plan=plan, lead_organisations=[person.organisation]
        )
        for day in (-40, 30, 120):
            factories.MeetingFactory(partnership=partnership, date=today + day * DAY)
        for _ in range(3):
            action = factories.ActionFactory(workstream=workstream)
            factories.ProgressUpdateFactory(action=action, as_at=today - DAY)
            factories.SubItemFactory(parent=factories.ActionFactory(workstream=workstream))
        factories.TermsOfReferenceFactory(partnership=partnership)
        factories.ReportFactory(partnership=partnership, date=today - 3 * DAY)
    client.force_login(person)
    # 1 session, 1 user, 1 partnerships, 1 their plans, 1 the viewer's memberships,
    # 1 meetings for the rounds; as lead: 1 due actions, 1 their workstreams, 1 their
    # leads, 1 updates in the rounds, 1 challenged statuses, 1 meeting actions; as chair:
    # 1 updates awaiting review; as chair and secretariat: 1 due actions, 1 their
    # workstreams, 1 their leads, 1 updates in the rounds; as chair: 1 terms, 1 chair
    # reviews, 1 their partnerships; as secretariat: 1 meetings to prepare, 1 reports to
    # follow up
    with django_assert_max_num_queries(22):
        response = client.get(HOME)
    assert response.status_code == 200
    content = response.content.decode()
    assert "actions not reported yet" in content
    assert "The yearly chair review" in content
    assert "Log what follows from" in content


# The dashboard -------------------------------------------------------------------------


def test_the_dashboard_shows_the_round(client, personas, upcoming, today):
    reported = factories.ActionFactory(workstream=personas.police_workstream)
    factories.ProgressUpdateFactory(action=reported, as_at=today)
    factories.ActionFactory(workstream=personas.council_workstream)
    client.force_login(personas.community_member)
    content = client.get(reverse("overview:dashboard", args=[personas.plan.slug])).content
    content = content.decode()
    assert f"Updates for the quarterly meeting on {upcoming.date:%-d %B %Y}" in content
    assert "1 of 2 actions reported" in content
    assert "Updates reported by workstream" in content
    assert "Updates reported by organisation" in content


def test_the_dashboard_with_a_round_runs_the_same_queries_at_any_size(
    client, personas, upcoming, today, settings, django_assert_max_num_queries
):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    client.force_login(personas.chair)
    url = reverse("overview:dashboard", args=[personas.plan.slug])

    def add_actions(count):
        for _ in range(count):
            action = factories.ActionFactory(workstream=personas.police_workstream)
            factories.ProgressUpdateFactory(action=action, as_at=today - DAY)
            factories.SubItemFactory(
                parent=factories.ActionFactory(workstream=personas.police_workstream)
            )

    add_actions(2)
    client.get(url)
    add_actions(20)
    # The dashboard's own (tests/overview/test_dashboard.py), with 4 to work out and keep
    # where the new actions and their workstream stood at the month ends, and for the
    # round: 1 its meetings, 1 the numbered actions due, 1 the sub-items with owners of
    # their own, 1 the workstreams' leads, 1 the organisations, 1 the workstreams
    with django_assert_max_num_queries(30):
        response = client.get(url)
    assert "22 of 44 actions reported" in response.content.decode()

"""Running the group: schedules, agendas, the action log, terms, chair reviews, e-mail."""

import datetime
import smtplib

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from mailer.models import RESULT_FAILURE, Message, MessageLog

from meetings import services
from meetings.models import AgendaItem, ChairReview, Meeting, TermsOfReference
from meetings.selectors import compare_terms, meeting_agenda
from meetings.services import (
    PAPERS_ALREADY_PUBLISHED,
    REVIEW_BEFORE_SEAT,
    REVIEW_IN_THE_FUTURE,
)
from partners.models import Membership
from tests import factories
from tests.mail import delivered

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2019, 1, 15)
DAY = datetime.timedelta(days=1)


def test_a_quarterly_meeting_gets_the_standard_agenda(personas):
    factories.WorkstreamFactory(plan=personas.plan, letter="A", title="Communications")
    meeting = services.meeting_create(partnership=personas.partnership, date=TODAY)
    titles = list(meeting.agenda_items.values_list("title", flat=True))
    assert titles[:2] == ["Welcome and apologies", "Minutes and action log of the last meeting"]
    assert titles[2:5] == [
        "Workstream A: Communications",
        f"Workstream B: {personas.police_workstream.title}",
        f"Workstream D: {personas.council_workstream.title}",
    ]
    assert titles[5:] == [
        "Reports from the advisory groups",
        "Reports to the partnership boards",
        "Any other business",
    ]
    conference = services.meeting_create(
        partnership=personas.partnership, date=TODAY, kind=Meeting.Kind.CONFERENCE
    )
    assert not conference.agenda_items.exists()


def test_a_years_meetings_are_scheduled_all_or_none(personas):
    good = {"date": datetime.date(2019, 3, 11), "start_time": datetime.time(10)}
    bad = {"date": datetime.date(2019, 6, 10), "start_time": datetime.time(12),
           "end_time": datetime.time(10)}  # fmt: skip
    with pytest.raises(ValidationError):
        services.meetings_schedule(partnership=personas.partnership, meetings=[good, bad])
    assert not Meeting.objects.exists()
    created = services.meetings_schedule(partnership=personas.partnership, meetings=[good])
    assert [m.date for m in created] == [datetime.date(2019, 3, 11)]


def agenda_titles(meeting):
    return list(meeting.agenda_items.order_by("position").values_list("title", flat=True))


def test_items_are_added_before_any_other_business_and_reordered(personas):
    meeting = services.meeting_create(partnership=personas.partnership, date=TODAY)
    services.agenda_item_add(meeting=meeting, title="Community Cohesion Toolkit")
    assert agenda_titles(meeting)[-2:] == ["Community Cohesion Toolkit", "Any other business"]
    toolkit = meeting.agenda_items.get(title="Community Cohesion Toolkit")
    services.agenda_item_move(item=toolkit, up=True)
    services.agenda_item_move(item=toolkit, up=True)
    assert agenda_titles(meeting)[-4:-1] == [
        "Community Cohesion Toolkit",
        "Reports from the advisory groups",
        "Reports to the partnership boards",
    ]
    first = meeting.agenda_items.order_by("position").first()
    services.agenda_item_move(item=first, up=True)  # already first: nothing moves
    assert agenda_titles(meeting)[0] == "Welcome and apologies"
    services.agenda_item_remove(item=toolkit, papers_confirmed=0)
    assert "Community Cohesion Toolkit" not in agenda_titles(meeting)
    positions = list(meeting.agenda_items.order_by("position").values_list("position", flat=True))
    assert positions == sorted(set(positions))


def action_log(meeting, today):
    entries = meeting_agenda(meeting, today=today)
    [log] = [e for e in entries if e.item and e.item.kind == AgendaItem.Kind.ACTION_LOG]
    others = [e for e in entries if e.item and e.item.kind != AgendaItem.Kind.ACTION_LOG]
    assert all(not e.carried_forward for e in others)
    return log.carried_forward


def test_open_actions_are_carried_to_the_next_meetings_action_log(personas):
    today = timezone.localdate()
    last = services.meeting_create(partnership=personas.partnership, date=today - 100 * DAY)
    following = services.meeting_create(partnership=personas.partnership, date=today + 10 * DAY)
    overdue = services.meeting_action_add(
        meeting=last, description="Circulate the toolkit",
        owner_organisation=personas.council, due_on=today - 50 * DAY,
    )  # fmt: skip
    done = services.meeting_action_add(
        meeting=last, description="Book the venue", owner_person=personas.secretariat
    )
    services.meeting_action_set_status(action=done, status="done")
    later = services.meeting_action_add(
        meeting=following, description="Raised at the meeting itself", owner_person=personas.chair
    )
    carried = action_log(following, today)
    assert [(e.action, e.status, e.is_overdue) for e in carried] == [(overdue, "open", True)]
    assert later not in [e.action for e in carried]
    done.refresh_from_db()
    assert done.closed_on == today


def test_closing_an_action_leaves_earlier_action_logs_as_they_were(personas):
    """A meeting's action log shows the actions open at that meeting, as they stood."""
    today = timezone.localdate()
    first, second, third = (
        services.meeting_create(partnership=personas.partnership, date=today + days * DAY)
        for days in (-200, -100, 10)
    )
    action = services.meeting_action_add(
        meeting=first, description="Write to schools", owner_organisation=personas.council,
        due_on=today - 150 * DAY,
    )  # fmt: skip
    dropped = services.meeting_action_add(
        meeting=first, description="Find a venue", owner_person=personas.secretariat
    )
    services.meeting_action_set_status(action=action, status="done")
    services.meeting_action_set_status(action=dropped, status="dropped")

    [logged, logged_dropped] = action_log(second, today)
    assert (logged.action, logged.status, logged.is_overdue) == (action, "open", True)
    assert logged.changed_since
    assert logged.action.closed_on == today
    assert (logged_dropped.action, logged_dropped.status) == (dropped, "open")
    assert action_log(third, today) == [], "closed before the next meeting"
    [arising, _] = next(e for e in meeting_agenda(first, today) if e.actions).actions
    assert (arising.status, arising.is_overdue) == ("open", False), "as it stood at the first"

    services.meeting_action_set_status(action=action, status="open")
    action.refresh_from_db()
    assert action.closed_on is None
    assert [e.action for e in action_log(third, today)] == [action], "open again"


def test_attendance_writes_only_what_changed_and_keeps_who_was_represented(personas):
    meeting = services.meeting_create(partnership=personas.partnership, date=TODAY)
    lead, chair = personas.police_lead, personas.chair
    services.attendance_record(meeting=meeting, statuses={lead: "present", chair: "present"})
    entries = LogEntry.objects.count()
    services.attendance_record(meeting=meeting, statuses={lead: "present", chair: "present"})
    assert LogEntry.objects.count() == entries, "nothing changed, nothing written"
    lead.organisation = personas.council
    lead.save()
    entries = LogEntry.objects.count()
    services.attendance_record(meeting=meeting, statuses={lead: "apologies"})
    assert LogEntry.objects.count() == entries + 1, "each change is in the audit log"
    record = meeting.attendance.get(person=lead)
    assert (record.status, record.organisation) == ("apologies", personas.police)


def test_papers_published_queues_an_e_mail_to_each_member_in_the_same_transaction(personas):
    meeting = services.meeting_create(partnership=personas.partnership, date=TODAY)
    services.papers_publish(meeting=meeting)
    assert Message.objects.count() == len(personas.members)
    recipients = sorted(message.to[0] for message in delivered())
    assert recipients == sorted(person.email for person in personas.members)
    assert personas.outsider.email not in recipients
    assert "Papers for the quarterly meeting" in delivered()[0].subject
    assert meeting.get_absolute_url() in delivered()[0].body


def test_no_e_mail_when_the_change_is_rolled_back(personas, django_capture_on_commit_callbacks):
    meeting = services.meeting_create(partnership=personas.partnership, date=TODAY)

    def publish_then_fail():
        with transaction.atomic():
            services.papers_publish(meeting=meeting)
            raise RuntimeError("something later failed")

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
    ):
        publish_then_fail()
    assert callbacks == []
    assert len(delivered()) == 0
    meeting.refresh_from_db()
    assert meeting.papers_published_at is None


def test_papers_are_published_once(personas, django_capture_on_commit_callbacks):
    meeting = services.meeting_create(partnership=personas.partnership, date=TODAY)
    with django_capture_on_commit_callbacks(execute=True):
        services.papers_publish(meeting=meeting)
    published_at = Meeting.objects.get(pk=meeting.pk).papers_published_at
    stale = Meeting.objects.get(pk=meeting.pk)
    stale.papers_published_at = None  # as a second request read it, before the first saved
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(ValidationError, match=PAPERS_ALREADY_PUBLISHED),
    ):
        services.papers_publish(meeting=stale)
    assert callbacks == []
    assert len(delivered()) == len(personas.members), "one e-mail each, not two"
    assert Meeting.objects.get(pk=meeting.pk).papers_published_at == published_at


class FailingMailServer:
    """An e-mail backend whose server refuses every message."""

    def __init__(self, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def test_a_mail_server_failure_leaves_the_messages_waiting_in_the_queue(personas, settings):
    settings.MAILER_EMAIL_BACKEND = f"{__name__}.FailingMailServer"
    meeting = services.meeting_create(partnership=personas.partnership, date=TODAY)
    services.papers_publish(meeting=meeting)
    assert delivered() == []
    assert Message.objects.deferred().count() == len(personas.members)
    assert MessageLog.objects.filter(result=RESULT_FAILURE).count() == len(personas.members)
    assert Meeting.objects.get(pk=meeting.pk).papers_published_at is not None


def test_minutes_are_approved_at_a_later_meeting(personas, django_capture_on_commit_callbacks):
    september = factories.MeetingFactory(partnership=personas.partnership, date=TODAY)
    december = factories.MeetingFactory(
        partnership=personas.partnership, date=TODAY + datetime.timedelta(days=90)
    )
    with pytest.raises(ValidationError, match="later meeting"):
        services.minutes_approve(meeting=december, at_meeting=september)
    with django_capture_on_commit_callbacks(execute=True):
        services.minutes_approve(meeting=september, at_meeting=december)
    assert september.minutes_approved_at == december
    assert "Approved minutes" in delivered()[0].subject
    with pytest.raises(ValidationError, match="already been approved"):
        services.minutes_approve(meeting=september, at_meeting=december)


def test_a_new_version_of_the_terms_is_drafted_compared_and_approved(personas):
    current = factories.TermsOfReferenceFactory(partnership=personas.partnership, version=1)
    factories.ClauseFactory(terms=current, number=1, body="Meet four times a year.")
    factories.ClauseFactory(terms=current, number=2, body="Review the chair each Spring.")
    draft = services.terms_draft_create(partnership=personas.partnership)
    assert (draft.version, draft.status) == (2, "draft")
    with pytest.raises(ValidationError, match="already in progress"):
        services.terms_draft_create(partnership=personas.partnership)

    services.terms_draft_update(
        draft=draft, expected_revision=draft.revision, preamble=current.preamble,
        meetings_per_year=6, chair_review_season="autumn",
        clause_bodies=["Meet six times a year.", "Review the chair each Spring.", "Report yearly."],
    )  # fmt: skip
    comparison = compare_terms(current, draft)
    assert [(c.draft_number, c.change) for c in comparison.clauses] == [
        (1, "Changed"), (2, "Unchanged"), (3, "Added"),
    ]  # fmt: skip
    assert [(s.label, s.change) for s in comparison.settings] == [
        ("Preamble", "Unchanged"),
        ("Meetings a year", "Changed"),
        ("The chair is reviewed each", "Changed"),
    ]
    assert (comparison.settings[2].current, comparison.settings[2].draft) == ("Spring", "Autumn")

    meeting = factories.MeetingFactory(partnership=personas.partnership)
    services.terms_approve(
        draft=draft, expected_revision=draft.revision, meeting=meeting, approved_on=TODAY
    )
    current.refresh_from_db()
    assert current.status == TermsOfReference.Status.SUPERSEDED
    draft.refresh_from_db()
    assert (draft.status, draft.approved_at, draft.meetings_per_year) == ("current", meeting, 6)
    assert current.clauses.count() == 2, "the old version stays readable"
    with pytest.raises(ValidationError, match="Only a draft"):
        services.terms_approve(
            draft=draft, expected_revision=draft.revision, meeting=None, approved_on=TODAY
        )


def test_removing_a_clause_from_a_draft(personas):
    current = factories.TermsOfReferenceFactory(partnership=personas.partnership)
    for number in (1, 2, 3):
        factories.ClauseFactory(terms=current, number=number, body=f"Clause {number}")
    draft = services.terms_draft_create(partnership=personas.partnership)
    services.terms_draft_update(
        draft=draft, expected_revision=draft.revision, preamble="", meetings_per_year=4,
        chair_review_season="spring", clause_bodies=["Clause 1", "", "Clause 3"],
    )  # fmt: skip
    assert list(draft.clauses.values_list("number", "body")) == [(1, "Clause 1"), (2, "Clause 3")]
    assert [
        (c.current_number, c.draft_number, c.change) for c in compare_terms(current, draft).clauses
    ] == [(1, 1, "Unchanged"), (2, None, "Removed"), (3, 2, "Unchanged")]


def test_the_comparison_pairs_clauses_by_their_words(personas):
    """Removing clause 2 of seven marks it removed, not the five after it changed; a
    clause inserted and one reworded show as added and changed."""
    current = factories.TermsOfReferenceFactory(partnership=personas.partnership)
    words = [f"The group will do thing {n}." for n in range(1, 8)]
    for number, body in enumerate(words, start=1):
        factories.ClauseFactory(terms=current, number=number, body=body)
    draft = services.terms_draft_create(partnership=personas.partnership)
    proposed = [words[0], *words[2:5], "A new clause.", "The group will do thing 6 well.", words[6]]
    services.terms_draft_update(
        draft=draft, expected_revision=draft.revision, preamble="A new preamble.",
        meetings_per_year=4, chair_review_season="spring", clause_bodies=proposed,
    )  # fmt: skip
    comparison = compare_terms(current, draft)
    assert [(c.current_number, c.draft_number, c.change) for c in comparison.clauses] == [
        (1, 1, "Unchanged"),
        (2, None, "Removed"),
        (3, 2, "Unchanged"),
        (4, 3, "Unchanged"),
        (5, 4, "Unchanged"),
        (None, 5, "Added"),
        (6, 6, "Changed"),
        (7, 7, "Unchanged"),
    ]
    assert comparison.settings[0].change == "Changed"


def current_role(partnership, person):
    return Membership.objects.get(partnership=partnership, person=person, ended_on=None).role


def test_a_chair_review_that_changes_the_chair_updates_the_memberships(personas):
    strand = factories.strand("race")
    Membership.objects.get(person=personas.community_member).strands.add(strand)
    review = services.chair_review_record(
        partnership=personas.partnership, held_on=datetime.date(2019, 4, 1),
        chair=personas.community_member,
    )  # fmt: skip
    assert review.outcome == "changed"
    assert current_role(personas.partnership, personas.community_member) == "chair"
    assert current_role(personas.partnership, personas.chair) == "member"
    new_seat = Membership.objects.get(person=personas.community_member, ended_on=None)
    assert list(new_seat.strands.all()) == [strand]
    ended = Membership.objects.get(person=personas.chair, role="chair")
    assert ended.ended_on == datetime.date(2019, 4, 1), "the old seat stays as history"


def test_a_chair_review_that_reappoints_changes_no_membership(personas):
    seats = Membership.objects.count()
    review = services.chair_review_record(
        partnership=personas.partnership, held_on=datetime.date(2019, 4, 1), chair=personas.chair
    )
    assert review.outcome == "reappointed"
    assert Membership.objects.count() == seats


def test_the_chair_must_be_a_member(personas):
    with pytest.raises(ValidationError, match="current member"):
        services.chair_review_record(
            partnership=personas.partnership, held_on=TODAY, chair=personas.outsider
        )
    assert current_role(personas.partnership, personas.chair) == "chair"


def test_a_chair_review_is_not_dated_before_the_chairs_seat_began(personas):
    Membership.objects.filter(person=personas.chair).update(started_on=datetime.date(2019, 6, 1))
    with pytest.raises(ValidationError) as refused:
        services.chair_review_record(
            partnership=personas.partnership, held_on=datetime.date(2019, 4, 1),
            chair=personas.community_member,
        )  # fmt: skip
    assert refused.value.message_dict == {
        "held_on": [REVIEW_BEFORE_SEAT.format(started="1 June 2019", person=personas.chair)]
    }
    assert current_role(personas.partnership, personas.chair) == "chair"
    assert not ChairReview.objects.exists()


def test_a_new_chair_is_not_appointed_before_their_seat_began(personas):
    Membership.objects.filter(person=personas.community_member).update(
        started_on=datetime.date(2019, 6, 1)
    )
    with pytest.raises(ValidationError, match="1 June 2019"):
        services.chair_review_record(
            partnership=personas.partnership, held_on=datetime.date(2019, 4, 1),
            chair=personas.community_member,
        )  # fmt: skip
    assert current_role(personas.partnership, personas.community_member) == "member"


def test_a_chair_review_is_not_recorded_in_advance(personas):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        services.chair_review_record(
            partnership=personas.partnership, held_on=tomorrow, chair=personas.chair
        )
    assert refused.value.message_dict == {"held_on": [REVIEW_IN_THE_FUTURE]}


def test_an_action_arising_from_a_decision_sits_with_its_item(personas):
    meeting = services.meeting_create(partnership=personas.partnership, date=TODAY)
    item = meeting.agenda_items.get(kind="other-business")
    decision = services.decision_add(meeting=meeting, agenda_item=item, text="Write to schools")
    action = services.meeting_action_add(
        meeting=meeting, description="Draft the letter", owner_person=personas.chair,
        decision=decision,
    )  # fmt: skip
    assert action.agenda_item == item

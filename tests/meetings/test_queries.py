"""The meetings pages run the same number of queries whatever the partnership's size."""

import datetime
import itertools

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings import services
from tests import factories

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
START = datetime.date(2019, 1, 7)


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def same_queries_at_two_sizes(client, url, grow):
    """The page's query count with the partnership grown by one, then by ten more."""
    grow(1)
    small = queries(client, url)
    grow(10)
    assert queries(client, url) == small, "the count must not grow with the data"


@pytest.fixture
def signed_in(client, personas):
    client.force_login(personas.secretariat)
    return client


def members(personas, count):
    """New members, each from an organisation of their own."""
    return [
        factories.MembershipFactory(partnership=personas.partnership).person for _ in range(count)
    ]


def test_the_schedule(signed_in, personas, django_assert_max_num_queries):
    made = []

    def grow(count):
        members(personas, count)
        for _ in range(count):
            meeting = factories.MeetingFactory(
                partnership=personas.partnership, date=START + len(made) * 7 * DAY
            )
            made.append(meeting)
            for person in personas.members:
                factories.AttendanceFactory(meeting=meeting, person=person)
            factories.MeetingFactory(
                partnership=personas.partnership, date=datetime.date(2040, 1, 1) + len(made) * DAY
            )

    url = reverse("meetings:schedule", args=[personas.partnership.slug])
    same_queries_at_two_sizes(signed_in, url, grow)
    # 1 session, 1 user, 1 partnership, 1 the viewer's memberships (for the permission and
    # the calendar address), 1 meetings to come, 2 a page of past meetings (its count and
    # its meetings), and for the attendance history: 1 the last four meetings, 1 their
    # attendance, 1 the members' organisations
    with django_assert_max_num_queries(10):
        signed_in.get(url)
    with django_assert_max_num_queries(10):
        signed_in.get(url + "?page=2")


def test_the_minutes(signed_in, personas, django_assert_max_num_queries):
    meeting = services.meeting_create(partnership=personas.partnership, date=START + 400 * DAY)

    def grow(count):
        for person in members(personas, count):
            factories.AttendanceFactory(meeting=meeting, person=person, status="apologies")
        for number in range(count):
            item = services.agenda_item_add(meeting=meeting, title=f"Item {number}")
            decision = factories.DecisionFactory(meeting=meeting, agenda_item=item)
            factories.MeetingActionFactory(meeting=meeting, agenda_item=item, decision=decision)
            earlier = factories.MeetingFactory(
                partnership=personas.partnership, date=START + number * DAY
            )
            factories.MeetingActionFactory(meeting=earlier, owner_person=personas.police_lead)
            factories.ReportFactory(partnership=personas.partnership, meeting=meeting)

    url = reverse("meetings:minutes", args=[meeting.pk])
    same_queries_at_two_sizes(signed_in, url, grow)
    # 1 session, 1 user, 1 meeting, 1 the viewer's memberships; the agenda: 1 reports
    # presented, 1 actions carried forward, 1 items, 1 papers, 1 decisions, 1 actions
    # arising, 2 decisions and actions under no item; the attendance: 1 recorded,
    # 1 members on the day (and 1 more only if someone else is recorded); 1 whether a
    # meeting has been held to approve the minutes at
    with django_assert_max_num_queries(15):
        signed_in.get(url)


def test_the_reports_register(signed_in, personas, django_assert_max_num_queries):
    board = factories.OrganisationFactory(name="Safe Durham Partnership", kind="partnership-board")

    def grow(count):
        for number in range(count):
            meeting = factories.MeetingFactory(
                partnership=personas.partnership, date=START + number * DAY
            )
            for direction, organisation in [("received", None), ("submitted", board)]:
                extra = {"organisation": organisation} if organisation else {}
                report = factories.ReportFactory(
                    partnership=personas.partnership, meeting=meeting, direction=direction,
                    submitted_by=personas.secretariat,
                    document=SimpleUploadedFile("report.pdf", b"%PDF-1.4"), **extra,
                )  # fmt: skip
                factories.MeetingActionFactory(meeting=meeting, source_report=report)

    url = reverse("meetings:reports", args=[personas.partnership.slug])
    same_queries_at_two_sizes(signed_in, url, grow)
    # 1 session, 1 user, 1 partnership, 1 the viewer's memberships, 1 how many reports
    # there are (for the pages), 1 a page of reports with their organisation, meeting and
    # who filed them, 1 the actions they gave rise to
    with django_assert_max_num_queries(7):
        signed_in.get(url)


@pytest.fixture
def terms(personas):
    terms = factories.TermsOfReferenceFactory(partnership=personas.partnership, version=1)
    factories.ClauseFactory(terms=terms, number=1, body="Meet four times a year.")
    return terms


def grow_terms(personas, terms):
    """More clauses in the current terms, and more superseded versions."""
    versions = itertools.count(100)

    def grow(count):
        for _ in range(count):
            factories.ClauseFactory(terms=terms)
            old = factories.TermsOfReferenceFactory(
                partnership=personas.partnership, version=next(versions), status="superseded"
            )
            factories.ClauseFactory(terms=old)

    return grow


def test_the_terms_of_reference(signed_in, personas, terms, django_assert_max_num_queries):
    url = reverse("meetings:terms-list", args=[personas.partnership.slug])
    same_queries_at_two_sizes(signed_in, url, grow_terms(personas, terms))
    # 1 session, 1 user, 1 partnership, 1 the viewer's memberships, 1 current terms,
    # 1 their clauses, 1 every version with the meeting that approved it
    with django_assert_max_num_queries(7):
        signed_in.get(url)
    detail = reverse("meetings:terms-detail", args=[terms.pk])
    # 1 session, 1 user, 1 the terms with their partnership, 1 the viewer's memberships,
    # 1 the clauses
    with django_assert_max_num_queries(5):
        signed_in.get(detail)


def test_the_terms_comparison(signed_in, personas, terms, django_assert_max_num_queries):
    draft = services.terms_draft_create(partnership=personas.partnership)
    url = reverse("meetings:terms-compare", args=[draft.pk])

    grow_versions = grow_terms(personas, terms)

    def grow(count):
        grow_versions(count)
        for number in range(count):
            factories.ClauseFactory(terms=draft, number=100 + number + draft.clauses.count())

    same_queries_at_two_sizes(signed_in, url, grow)
    # 1 session, 1 user, 1 the draft with its partnership, 1 the viewer's memberships,
    # 1 meetings to approve it at (the form), 1 current terms, 1 their clauses,
    # 1 the draft's clauses
    with django_assert_max_num_queries(8):
        signed_in.get(url)


def test_the_project_groups(signed_in, personas, django_assert_max_num_queries):
    def grow(count):
        for _ in range(count):
            meeting = factories.MeetingFactory(partnership=personas.partnership)
            group = factories.ProjectGroupFactory(
                partnership=personas.partnership, set_up_at=meeting
            )
            group.members.set(personas.members)

    url = reverse("meetings:project-groups", args=[personas.partnership.slug])
    same_queries_at_two_sizes(signed_in, url, grow)
    # 1 session, 1 user, 1 partnership, 1 the viewer's memberships, 1 groups with the
    # meeting that set them up, 1 their members
    with django_assert_max_num_queries(6):
        signed_in.get(url)

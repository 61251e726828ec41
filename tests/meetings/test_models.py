import datetime

import pytest
from auditlog.registry import auditlog
from django.apps import apps
from django.db import IntegrityError, transaction

from meetings.models import Meeting, TermsOfReference
from tests import factories

pytestmark = pytest.mark.django_db


def test_one_current_terms_of_reference_per_partnership():
    current = factories.TermsOfReferenceFactory(version=1)
    factories.TermsOfReferenceFactory(
        partnership=current.partnership, version=2, status=TermsOfReference.Status.DRAFT
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.TermsOfReferenceFactory(partnership=current.partnership, version=3)


def test_terms_version_numbers_are_unique_per_partnership():
    terms = factories.TermsOfReferenceFactory(version=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.TermsOfReferenceFactory(
            partnership=terms.partnership, version=1, status=TermsOfReference.Status.DRAFT
        )


def test_clauses_are_numbered_once_and_kept_in_order():
    terms = factories.TermsOfReferenceFactory()
    for number in (3, 1, 2):
        factories.ClauseFactory(terms=terms, number=number)
    assert [clause.number for clause in terms.clauses.all()] == [1, 2, 3]
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.ClauseFactory(terms=terms, number=2)


def test_meetings_per_year_is_between_1_and_12():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.TermsOfReferenceFactory(meetings_per_year=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.TermsOfReferenceFactory(meetings_per_year=13)


def test_a_meeting_ends_after_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.MeetingFactory(start_time=datetime.time(12), end_time=datetime.time(10))


def test_meeting_title_defaults_to_its_kind_and_starts_in_london_time():
    meeting = factories.MeetingFactory(
        title="", date=datetime.date(2018, 7, 4), start_time=datetime.time(9, 30)
    )
    assert str(meeting) == "Quarterly meeting, 4 July 2018"
    assert meeting.starts_at.isoformat() == "2018-07-04T09:30:00+01:00"
    assert factories.MeetingFactory(start_time=None, end_time=None).starts_at is None


def test_meetings_are_ordered_by_date():
    partnership = factories.PartnershipFactory()
    for day in (10, 4, 20):
        factories.MeetingFactory(partnership=partnership, date=datetime.date(2018, 9, day))
    assert [m.date.day for m in Meeting.objects.filter(partnership=partnership)] == [4, 10, 20]


def test_a_meeting_action_needs_an_owner():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.MeetingActionFactory(owner_organisation=None, owner_person=None)
    person = factories.PersonFactory()
    action = factories.MeetingActionFactory(owner_organisation=None, owner_person=person)
    assert action.owner == person


def test_attendance_is_recorded_once_per_person_per_meeting():
    attendance = factories.AttendanceFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.AttendanceFactory(meeting=attendance.meeting, person=attendance.person)


def test_project_group_names_are_unique_per_partnership():
    group = factories.ProjectGroupFactory(name="Schools")
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.ProjectGroupFactory(partnership=group.partnership, name="Schools")


def test_report_and_agenda_strings():
    report = factories.ReportFactory(title="LGBTQ+ IAG report", date=datetime.date(2018, 11, 1))
    assert str(report) == "LGBTQ+ IAG report (received, 1 November 2018)"
    item = factories.AgendaItemFactory(title="Any other business")
    decision = factories.DecisionFactory(text="Adopt the plan.")
    assert (str(item), str(decision)) == ("Any other business", "Adopt the plan.")


@pytest.mark.parametrize(
    "model", list(apps.get_app_config("meetings").get_models()), ids=lambda model: model.__name__
)
def test_every_meetings_model_is_in_the_audit_log(model):
    """History, and the cached pages renewed by audited changes, see every change."""
    assert auditlog.contains(model)

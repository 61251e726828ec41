import datetime
import importlib

import pytest
from auditlog.models import LogEntry
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from partners.models import (
    MEMBERSHIP_ENDS_AHEAD,
    MEMBERSHIP_STARTS_AHEAD,
    Membership,
    Person,
    Strand,
)
from tests import factories

pytestmark = pytest.mark.django_db


def test_strands_are_the_five_monitored_strands_in_order():
    assert [str(strand) for strand in Strand.objects.all()] == [
        "Race",
        "Religion or belief",
        "Sexual orientation",
        "Disability",
        "Transgender identity",
    ]


def test_organisation_display_name_prefers_the_short_name():
    named = factories.OrganisationFactory(name="Victim Care and Advice Service", short_name="VCAS")
    unnamed = factories.OrganisationFactory(name="Durham Constabulary", short_name="")
    assert (str(named), named.display_name) == ("Victim Care and Advice Service", "VCAS")
    assert unnamed.display_name == "Durham Constabulary"


def test_person_is_shown_by_full_name_or_username():
    assert str(factories.PersonFactory(first_name="Priya", last_name="Shah")) == "Priya Shah"
    assert str(factories.PersonFactory(username="pshah", first_name="", last_name="")) == "pshah"


def test_people_are_ordered_by_surname():
    factories.PersonFactory(first_name="Zoe", last_name="Adams")
    factories.PersonFactory(first_name="Adam", last_name="Zane")
    factories.PersonFactory(first_name="Bea", last_name="Adams")
    assert [str(p) for p in Person.objects.all()] == ["Bea Adams", "Zoe Adams", "Adam Zane"]


def test_a_person_has_one_current_membership_per_partnership():
    membership = factories.MembershipFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.MembershipFactory(partnership=membership.partnership, person=membership.person)


def test_an_ended_membership_does_not_block_a_new_one():
    membership = factories.MembershipFactory(
        started_on=datetime.date(2014, 1, 1), ended_on=datetime.date(2018, 4, 1)
    )
    again = factories.MembershipFactory(
        partnership=membership.partnership, person=membership.person, role="chair"
    )
    assert again.is_current
    assert not membership.is_current


def test_a_partnership_has_one_current_chair():
    chair = factories.MembershipFactory(role=Membership.Role.CHAIR)
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.MembershipFactory(partnership=chair.partnership, role=Membership.Role.CHAIR)
    other_partnership_chair = factories.MembershipFactory(role=Membership.Role.CHAIR)
    assert other_partnership_chair.pk


def test_a_membership_cannot_end_before_it_starts():
    membership = factories.MembershipFactory.build(
        partnership=factories.PartnershipFactory(),
        person=factories.PersonFactory(),
        started_on=datetime.date(2018, 5, 1),
        ended_on=datetime.date(2018, 4, 1),
    )
    with pytest.raises(ValidationError, match="cannot end before it starts"):
        membership.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        membership.save()


def test_a_membership_is_recorded_when_it_starts_and_ended_when_it_ends():
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    for dates, error in [
        ({"started_on": tomorrow}, MEMBERSHIP_STARTS_AHEAD),
        ({"ended_on": tomorrow}, MEMBERSHIP_ENDS_AHEAD),
    ]:
        membership = factories.MembershipFactory.build(
            partnership=factories.PartnershipFactory(), person=factories.PersonFactory(), **dates
        )
        with pytest.raises(ValidationError, match=error):
            membership.full_clean()


def test_membership_str_names_person_role_and_partnership():
    membership = factories.MembershipFactory(
        person__first_name="Jordan",
        person__last_name="Hale",
        partnership__name="Joint Hate Crime Action Group",
        role=Membership.Role.CHAIR,
    )
    assert str(membership) == "Jordan Hale – Chair, Joint Hate Crime Action Group"


def test_partnership_functions_are_listed_one_per_line():
    partnership = factories.PartnershipFactory(functions="To hold to account\n\n  To oversee  \n")
    assert partnership.function_list() == ["To hold to account", "To oversee"]


def test_the_audit_log_keeps_no_copy_of_a_calendar_secret():
    membership = factories.MembershipFactory()
    entry = LogEntry.objects.get_for_object(membership).get()
    assert "calendar_token" not in entry.changes
    assert str(membership.calendar_token) not in str(entry.changes)


def test_a_migration_scrubs_calendar_secrets_logged_before():
    membership = factories.MembershipFactory()
    entry = LogEntry.objects.get_for_object(membership).get()
    entry.changes["calendar_token"] = ["None", str(membership.calendar_token)]
    entry.save()
    scrub = importlib.import_module(
        "partners.migrations.0006_scrub_calendar_tokens_from_the_audit_log"
    ).scrub
    scrub(django_apps, None)
    entry.refresh_from_db()
    assert "calendar_token" not in entry.changes
    assert "role" in entry.changes


def test_current_and_held_on_select_seats_by_their_dates(personas):
    """current() holds the seats without a recorded end; held_on(day) those that had
    started by the day and had not ended before it."""
    person = factories.PersonFactory()
    ended = factories.MembershipFactory(
        partnership=personas.partnership,
        person=person,
        started_on=datetime.date(2019, 1, 1),
        ended_on=datetime.date(2020, 6, 30),
    )
    seats = Membership.objects.filter(person=person)

    assert list(seats.current()) == []
    assert list(seats.held_on(datetime.date(2020, 6, 30))) == [ended]
    assert list(seats.held_on(datetime.date(2020, 7, 1))) == []
    assert list(seats.held_on(datetime.date(2018, 12, 31))) == []


@pytest.mark.django_db(transaction=True)
def test_the_strands_are_there_again_after_a_flush():
    """`flush` empties every table, as each transactional test does after it runs; the
    fixed vocabulary of strands is restored, so the next test finds it."""
    call_command("flush", interactive=False, verbosity=0)
    assert list(Strand.objects.values_list("code", flat=True)) == Strand.Code.values

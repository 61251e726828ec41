"""The organisations register: names unique ignoring case and spaces; a merge moves
everything that named the duplicate, with each move in the history; a retired
organisation is no longer offered but stays where it was named."""

import pytest
from auditlog.models import LogEntry
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from partners.models import Organisation
from partners.services import organisation_merge
from tests import factories

pytestmark = pytest.mark.django_db


def add(client, **fields):
    data = {"name": "Darlington Domestic Abuse Service", "short_name": "", "kind": "other",
            "website": "", **fields}  # fmt: skip
    return client.post(reverse("partners:organisation-add"), data)


def test_the_secretariat_adds_an_organisation(client, personas):
    client.force_login(personas.secretariat)
    response = add(client, website="example.org")
    assert response.status_code == 302
    organisation = Organisation.objects.get(name="Darlington Domestic Abuse Service")
    assert organisation.website == "https://example.org"


@pytest.mark.parametrize(
    "name", ["test constabulary", "  Test Constabulary  ", "TEST CONSTABULARY"]
)
def test_a_name_already_registered_in_any_case_is_refused(client, personas, name):
    client.force_login(personas.secretariat)
    response = add(client, name=name)
    assert response.status_code == 200
    assert escape("An organisation called “Test Constabulary” is already registered") in (
        response.content.decode()
    )
    assert Organisation.objects.named("test constabulary").count() == 1


def test_the_database_refuses_a_duplicate_name_ignoring_case_and_spaces(personas):
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.bulk_create([Organisation(name=" test CONSTABULARY")])


def test_an_empty_name_is_explained(client, personas):
    client.force_login(personas.secretariat)
    assert "Enter the name of the organisation" in add(client, name="").content.decode()


def test_a_service_administrator_renames_an_organisation_everywhere(
    client, personas, service_admin
):
    client.force_login(service_admin)
    response = client.post(
        reverse("partners:organisation-edit", args=[personas.police.pk]),
        {"name": "Test Police", "short_name": "TP", "kind": "police", "website": "",
         "version": personas.police.version},
    )  # fmt: skip
    assert response.status_code == 302
    personas.police_lead.refresh_from_db()
    assert personas.police_lead.organisation.name == "Test Police"


def test_a_rename_over_someone_else_s_is_refused(client, personas, service_admin):
    opened_at = personas.police.version
    client.force_login(service_admin)
    url = reverse("partners:organisation-edit", args=[personas.police.pk])
    fields = {"short_name": "", "kind": "police", "website": ""}
    client.post(url, {"name": "Test Police", **fields, "version": opened_at})
    response = client.post(url, {"name": "Test Force", **fields, "version": opened_at})
    assert response.status_code == 409
    personas.police.refresh_from_db()
    assert personas.police.name == "Test Police"


def test_merging_moves_people_leads_owners_reports_boards_and_groups(personas, service_admin):
    duplicate = factories.OrganisationFactory(name="Test Police", kind="partnership-board")
    person = factories.PersonFactory(organisation=duplicate)
    personas.police_workstream.lead_organisations.add(duplicate)
    personas.council_workstream.lead_organisations.add(duplicate)
    action = factories.ActionFactory(
        workstream=personas.council_workstream, owner_organisation=duplicate
    )
    report = factories.ReportFactory(partnership=personas.partnership, organisation=duplicate)
    personas.partnership.reports_to.add(duplicate)
    invitation = factories.InvitationFactory(
        partnership=personas.partnership, organisation=duplicate
    )

    before = LogEntry.objects.order_by("pk").last().pk
    moved = organisation_merge(duplicate=duplicate, survivor=personas.police)

    person.refresh_from_db()
    action.refresh_from_db()
    report.refresh_from_db()
    invitation.refresh_from_db()
    duplicate.refresh_from_db()
    assert person.organisation == personas.police
    assert list(personas.police_workstream.lead_organisations.all()) == [personas.police]
    assert list(personas.council_workstream.lead_organisations.all()) == [
        personas.council,
        personas.police,
    ]
    assert action.owner_organisation == personas.police
    assert report.organisation == personas.police
    assert list(personas.partnership.reports_to.all()) == [personas.police]
    assert invitation.organisation == personas.police
    assert duplicate.merged_into == personas.police
    assert duplicate.is_retired
    assert moved["people"] == 1
    assert moved["workstreams"] == 2
    logged = LogEntry.objects.filter(pk__gt=before)
    assert logged.filter(content_type__model="person", object_id=person.pk).exists()
    assert logged.filter(content_type__model="action", object_id=action.pk).exists()


def test_a_merge_asks_first_and_says_what_moves(client, personas, service_admin):
    duplicate = factories.OrganisationFactory(name="Test Police")
    factories.PersonFactory(organisation=duplicate)
    client.force_login(service_admin)
    chosen = client.post(
        reverse("partners:organisation-merge", args=[duplicate.pk]),
        {"survivor": personas.police.pk},
    )
    confirm = chosen["Location"]
    page = client.get(confirm).content.decode()
    assert "1 people" in page
    assert "This cannot be undone" in page
    assert Organisation.objects.get(pk=duplicate.pk).merged_into is None
    client.post(confirm)
    assert Organisation.objects.get(pk=duplicate.pk).merged_into == personas.police


def test_an_organisation_is_not_merged_into_itself(personas):
    with pytest.raises(Exception, match="Choose a different organisation"):
        organisation_merge(duplicate=personas.police, survivor=personas.police)


def test_a_retired_organisation_is_not_offered_but_stays_on_history(
    client, personas, service_admin
):
    client.force_login(service_admin)
    client.post(reverse("partners:organisation-retire", args=[personas.council.pk]), follow=True)
    personas.council.refresh_from_db()
    assert personas.council.retired_on == timezone.localdate()
    assert personas.council not in Organisation.objects.offered()
    personas.council_lead.refresh_from_db()
    assert personas.council_lead.organisation == personas.council
    listed = client.get(reverse("partners:organisation-list")).content.decode()
    assert personas.council.name not in listed
    with_retired = client.get(reverse("partners:organisation-list"), {"retired": "yes"})
    assert personas.council.name in with_retired.content.decode()
    client.post(reverse("partners:organisation-restore", args=[personas.council.pk]))
    assert personas.council in Organisation.objects.offered()


def test_an_organisation_is_not_merged_into_a_retired_one(personas):
    personas.police.retired_on = timezone.localdate()
    personas.police.save()
    with pytest.raises(Exception, match="Choose an organisation that is not retired"):
        organisation_merge(duplicate=personas.council, survivor=personas.police)
    personas.council_lead.refresh_from_db()
    assert personas.council_lead.organisation == personas.council

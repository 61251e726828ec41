"""The secretariat chooses what a partnership publishes; nobody else may."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from partners.models import Partnership
from publishing.views import NOTHING_CHANGED, SETTINGS_SAVED, WORKSTREAM_SAVED
from tests import factories
from tests.workstreams.test_progress_updates import form_data, update_url
from workstreams.models import Action, ProgressUpdate

pytestmark = pytest.mark.django_db


def settings_url(partnership):
    return reverse("publishing:settings", args=[partnership.slug])


def workstream_url(workstream):
    return reverse("publishing:workstream", args=[workstream.plan.partnership.slug, workstream.pk])


def settings_data(**overrides):
    data = {
        "public_page": "on",
        "open_data_licence": "cc-by-4.0",
        "shown_public_page": "False",
        "shown_open_data_licence": "ogl-3.0",
    }
    return data | overrides


def test_the_public_page_is_off_until_the_secretariat_turns_it_on(client, personas):
    partnership = personas.partnership
    assert not partnership.public_page
    assert partnership.open_data_licence == Partnership.OpenDataLicence.OGL_3
    public_url = reverse("publishing:public-page", args=[partnership.slug])
    assert client.get(public_url).status_code == 404
    client.force_login(personas.secretariat)
    assert client.get(settings_url(partnership)).status_code == 200
    response = client.post(settings_url(partnership), settings_data())
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [SETTINGS_SAVED]
    partnership.refresh_from_db()
    assert partnership.public_page
    assert partnership.open_data_licence == "cc-by-4.0"
    client.logout()
    assert client.get(public_url).status_code == 200


@pytest.mark.parametrize("persona", ["chair", "police_lead", "community_member"])
def test_other_members_may_not_choose_what_is_published(client, personas, persona):
    client.force_login(getattr(personas, persona))
    assert client.get(settings_url(personas.partnership)).status_code == 403
    assert client.post(settings_url(personas.partnership), settings_data()).status_code == 403
    workstream = personas.police_workstream
    assert client.post(workstream_url(workstream), {"public_actions": []}).status_code == 403
    personas.partnership.refresh_from_db()
    assert not personas.partnership.public_page


def test_an_outsider_finds_no_such_page(client, personas):
    client.force_login(personas.outsider)
    assert client.get(settings_url(personas.partnership)).status_code == 404
    assert client.get(workstream_url(personas.police_workstream)).status_code == 404


def test_signing_in_is_needed_to_choose(client, personas):
    response = client.get(settings_url(personas.partnership))
    assert response.status_code == 302
    assert "/sign-in/" in response["Location"]


def test_a_licence_is_chosen_from_the_list(client, personas):
    client.force_login(personas.secretariat)
    response = client.post(settings_url(personas.partnership), settings_data(open_data_licence=""))
    assert response.status_code == 200
    assert "Select the licence the open data is published under" in response.content.decode()


def test_a_choice_made_meanwhile_by_someone_else_stands(client, personas):
    """A form opened before another secretariat member turned the page on, sent with only
    the licence changed, leaves the page on."""
    partnership = personas.partnership
    Partnership.objects.filter(pk=partnership.pk).update(public_page=True)
    client.force_login(personas.secretariat)
    response = client.post(
        settings_url(partnership), settings_data(public_page="", shown_public_page="False")
    )
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.public_page
    assert partnership.open_data_licence == "cc-by-4.0"


def test_the_secretariat_makes_actions_and_workstreams_private(client, personas):
    workstream = personas.police_workstream
    mapping = factories.ActionFactory(workstream=workstream, position=1, text="Map intelligence")
    gaps = factories.ActionFactory(workstream=workstream, position=2, text="Identify gaps")
    client.force_login(personas.secretariat)
    page = client.get(workstream_url(workstream)).content.decode()
    assert "B.i Map intelligence" in page
    response = client.post(
        workstream_url(workstream),
        {
            "public": "on",
            "public_actions": [str(gaps.pk)],
            "shown_public": "True",
            "shown_public_actions": f"{mapping.pk},{gaps.pk}",
        },
    )
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        WORKSTREAM_SAVED.format(letter="B")
    ]
    assert not Action.objects.get(pk=mapping.pk).public
    assert Action.objects.get(pk=gaps.pk).public
    response = client.post(
        workstream_url(workstream),
        {"public_actions": [str(gaps.pk)], "shown_public": "True", "shown_public_actions": ""},
    )
    workstream.refresh_from_db()
    assert not workstream.public
    assert Action.objects.get(pk=gaps.pk).public, "left as it was shown"


def test_saving_what_was_shown_changes_nothing(client, personas):
    client.force_login(personas.secretariat)
    response = client.post(
        settings_url(personas.partnership),
        settings_data(public_page="", open_data_licence="ogl-3.0"),
    )
    assert [str(m) for m in get_messages(response.wsgi_request)] == [NOTHING_CHANGED]


def test_a_workstream_of_another_partnership_is_not_found(client, personas):
    other = factories.WorkstreamFactory()
    client.force_login(personas.secretariat)
    url = reverse("publishing:workstream", args=[personas.partnership.slug, other.pk])
    assert client.get(url).status_code == 404


def test_a_lead_says_whether_their_narrative_may_be_published(client, personas):
    action = factories.ActionFactory(workstream=personas.police_workstream)
    client.force_login(personas.police_lead)
    page = client.get(action.get_absolute_url()).content.decode()
    assert "May be published on the partnership" in page
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    client.post(update_url(action), form_data(may_be_published="on"))
    client.post(update_url(action), form_data(as_at=yesterday))
    assert list(
        ProgressUpdate.objects.filter(action=action)
        .values_list("may_be_published", flat=True)
        .order_by("pk")
    ) == [True, False]

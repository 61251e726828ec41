"""The public page and its open data show exactly what is published, to anyone."""

import csv
import datetime
import io
import json

import pytest
from django.urls import reverse

from publishing.selectors import action_is_public, update_is_published
from tests import factories
from tests.trends.test_pages import text_of
from workstreams.models import Action
from workstreams.services import progress_update_create, status_review_create

from .conftest import PRIVATE_WORDS, names_of

pytestmark = pytest.mark.django_db


def page_url(partnership):
    return reverse("publishing:public-page", args=[partnership.slug])


def action_url(action):
    partnership = action.workstream.plan.partnership
    return reverse("publishing:public-action", args=[partnership.slug, action.pk])


def csv_url(partnership, table):
    return reverse("publishing:open-data-csv", args=[partnership.slug, table])


def json_url(partnership):
    return reverse("publishing:open-data-json", args=[partnership.slug])


def csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def all_published(client, partnership) -> dict[str, str]:
    """The page, each CSV table and the JSON document, as text."""
    texts = {"page": text_of(client.get(page_url(partnership)))}
    for table in ("actions", "decisions", "statistics"):
        texts[table] = client.get(csv_url(partnership, table)).content.decode("utf-8-sig")
    texts["json"] = client.get(json_url(partnership)).content.decode()
    return texts


def test_anyone_reads_the_public_page_without_signing_in(client, published):
    response = client.get(page_url(published.partnership))
    assert response.status_code == 200
    page = text_of(response)
    assert "To tackle and reduce hate crime together." in page
    assert "Workstream B: A review of reporting mechanisms" in page
    assert "Led by Test Constabulary." in page
    assert "B.i Map how hate crime is reported On track 60% complete 1 October 2018" in page
    assert "Routes mapped with True Vision." in page
    assert page.count("Last updated:") == 5, "one for each section"


def test_only_public_actions_and_confirmed_updates_are_published(client, published):
    """A private action, a private sub-item, a private workstream, an update awaiting
    review and a challenged one never appear, in the page, the CSV or the JSON."""
    for name, text in all_published(client, published.partnership).items():
        for words in PRIVATE_WORDS:
            assert words not in text, f"{words!r} in the {name}"
    page = text_of(client.get(page_url(published.partnership)))
    assert "Review what staff do with reports No confirmed progress yet" in page
    assert "Workstream D" not in page


def test_the_latest_confirmed_update_stands_until_a_newer_one_is_confirmed(client, published):
    page = text_of(client.get(page_url(published.partnership)))
    assert "Make a video about reporting On track 30% complete 1 September 2018 Script agreed." in (
        page
    )


def test_a_status_the_chair_revised_is_published_as_the_chair_gave_it(client, published):
    page = text_of(client.get(page_url(published.partnership)))
    assert "Train call handlers At risk 40% complete" in page
    assert "Training planned." in page


def test_a_narrative_is_published_only_when_its_author_agreed(client, published):
    texts = all_published(client, published.partnership)
    page = texts["page"]
    assert "Survey third-party reporting centres At risk 20% complete 1 October 2018" in page
    assert "Officer on leave" not in page
    rows = {
        row["Action"]: row
        for row in csv_rows(client.get(csv_url(published.partnership, "actions")))
    }
    assert rows["Survey third-party reporting centres"]["What has happened"] == ""
    assert rows["Map how hate crime is reported"]["What has happened"] == (
        "Routes mapped with True Vision."
    )


def test_sub_items_roll_up_from_the_public_ones_only(client, published):
    page = text_of(client.get(page_url(published.partnership)))
    assert "Reach every audience On track 80% complete" in page
    assert "Victims On track 80% complete" in page


def test_no_person_is_named_anywhere(client, personas, published):
    meeting = factories.MeetingFactory(partnership=published.partnership, status="held")
    factories.AttendanceFactory(meeting=meeting, person=personas.police_lead)
    later = factories.MeetingFactory(
        partnership=published.partnership, date=meeting.date.replace(year=2019), status="held"
    )
    meeting.minutes_approved_at = later
    meeting.save()
    factories.DecisionFactory(meeting=meeting, text="Agreed the communications plan.")
    for name, text in all_published(client, published.partnership).items():
        for word in names_of(personas):
            assert word not in text, f"{word!r} in the {name}"
    assert "Agreed the communications plan." in all_published(client, published.partnership)["page"]


def test_only_decisions_of_approved_minutes_are_published(client, published):
    draft = factories.MeetingFactory(partnership=published.partnership, status="held")
    factories.DecisionFactory(meeting=draft, text="Decided in minutes still a draft.")
    texts = all_published(client, published.partnership)
    assert all("still a draft" not in text for text in texts.values())
    assert "No minutes have been approved yet." in texts["page"]


def test_the_next_meeting_s_date_is_published(client, published):
    factories.MeetingFactory(partnership=published.partnership, date=datetime.date(2099, 3, 9))
    page = text_of(client.get(page_url(published.partnership)))
    assert "The next meeting, a quarterly meeting, is on Monday 9 March 2099." in page


@pytest.mark.parametrize("action", ["private", "private_sub_item", "in_private_workstream"])
def test_an_action_not_public_is_not_found(client, published, action):
    action = getattr(published, action)
    assert not action_is_public(action)
    assert client.get(action_url(action)).status_code == 404


def test_a_public_action_s_page_shows_its_confirmed_progress(client, published):
    page = text_of(client.get(action_url(published.earlier_confirmed)))
    assert "Action B.v" in page
    assert "On track 30% complete, as at 1 September 2018" in page
    assert "Script agreed." in page
    assert "Filming booked" not in page


def test_an_action_of_another_partnership_is_not_found(client, published):
    other = factories.PartnershipFactory(public_page=True)
    url = reverse("publishing:public-action", args=[other.slug, published.reported.pk])
    assert client.get(url).status_code == 404


def test_a_partnership_whose_page_is_off_publishes_nothing(client, published):
    published.partnership.public_page = False
    published.partnership.save()
    partnership = published.partnership
    for url in [
        page_url(partnership),
        action_url(published.reported),
        csv_url(partnership, "actions"),
        json_url(partnership),
    ]:
        assert client.get(url).status_code == 404, url


def test_an_update_is_published_once_the_chair_confirms_it(client, personas, published):
    action = published.awaiting
    assert not update_is_published(action.latest_update)
    assert "Not yet seen by the chair" not in text_of(client.get(page_url(published.partnership)))
    status_review_create(update=action.latest_update, reviewer=personas.chair, outcome="confirmed")
    page = text_of(client.get(page_url(published.partnership)))
    assert "Review what staff do with reports On track 35% complete" in page, "cache renewed"
    assert "Not yet seen by the chair" in page


def test_the_cached_page_is_renewed_when_its_content_changes(client, personas, published):
    client.get(page_url(published.partnership))
    update = progress_update_create(
        action=published.reported,
        author=personas.police_lead,
        status="complete",
        percent_complete=100,
        confidence="high",
        narrative="Report published.",
        may_be_published=True,
        as_at=published.reported.latest_update.as_at,
    )
    status_review_create(update=update, reviewer=personas.chair, outcome="confirmed")
    assert "Map how hate crime is reported Complete 100% complete" in text_of(
        client.get(page_url(published.partnership))
    )


def test_the_open_data_carries_its_licence(client, published):
    partnership = published.partnership
    licence = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
    assert "Published under the Open Government Licence v3.0." in text_of(
        client.get(page_url(partnership))
    )
    document = client.get(json_url(partnership)).json()
    assert document["licence"] == {"name": "Open Government Licence v3.0", "url": licence}
    assert client.get(csv_url(partnership, "actions"))["Link"] == f'<{licence}>; rel="license"'


def test_the_json_holds_what_the_page_shows(client, published):
    document = client.get(json_url(published.partnership)).json()
    (plan,) = document["plans"]["plans"]
    (workstream,) = plan["workstreams"]
    assert workstream["letter"] == "B"
    assert workstream["lead_organisations"] == ["Test Constabulary"]
    actions = {action["text"]: action for action in workstream["actions"]}
    assert set(actions) == {
        "Map how hate crime is reported",
        "Survey third-party reporting centres",
        "Review what staff do with reports",
        "Make a video about reporting",
        "Train call handlers",
        "Reach every audience",
    }
    assert actions["Make a video about reporting"] | {"sub_items": []} == {
        "reference": "B.v",
        "text": "Make a video about reporting",
        "responsible_organisations": ["Test Constabulary"],
        "target_date": None,
        "status": "On track",
        "percent_complete": 30,
        "as_at": "2018-09-01",
        "what_has_happened": "Script agreed.",
        "sub_items": [],
    }
    assert actions["Review what staff do with reports"]["status"] is None
    assert [sub["text"] for sub in actions["Reach every audience"]["sub_items"]] == ["Victims"]
    assert json.dumps(document["about"]["purpose"]) == '"To tackle and reduce hate crime together."'


def test_csv_cells_cannot_run_as_formulas(client, personas, published):
    Action.objects.filter(pk=published.reported.pk).update(text='=HYPERLINK("http://x.test")')
    rows = csv_rows(client.get(csv_url(published.partnership, "actions")))
    assert '\'=HYPERLINK("http://x.test")' in [row["Action"] for row in rows]


def test_an_unknown_table_is_not_found(client, published):
    assert client.get(csv_url(published.partnership, "attendance")).status_code == 404

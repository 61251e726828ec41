"""Adding progress updates from the action page."""

import datetime
import re
import threading
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape

from tests import factories
from workstreams.forms import PERCENT_NEEDED
from workstreams.models import (
    AS_AT_IN_THE_FUTURE,
    BAD_EVIDENCE_LINK,
    NARRATIVE_NEEDED_FOR_DROP,
    NARRATIVE_NEEDED_FOR_STATUS,
    UPDATE_THE_SUB_ITEMS,
    ProgressUpdate,
)
from workstreams.services import SUBMISSION_FOR_ANOTHER_ACTION, progress_update_create
from workstreams.views import UPDATE_ADDED

pytestmark = pytest.mark.django_db


def update_url(action):
    return reverse("workstreams:progress-update-add", kwargs={"pk": action.pk})


def form_data(as_at=None, **overrides):
    as_at = as_at or timezone.localdate()
    data = {
        "status": "on-track",
        "percent_complete": "40",
        "confidence": "high",
        "narrative": "Survey of staff under way.",
        "next_steps": "Analyse the returns.",
        "evidence_links": "",
        "as_at_0": str(as_at.day),
        "as_at_1": str(as_at.month),
        "as_at_2": str(as_at.year),
        "submission": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


@pytest.fixture
def police_action(personas):
    return factories.ActionFactory(
        workstream=personas.police_workstream, label="ii", text="Identify any gaps"
    )


def test_the_police_lead_adds_an_update(client, personas, police_action):
    client.force_login(personas.police_lead)
    response = client.post(update_url(police_action), form_data(), follow=True)
    update = police_action.updates.get()
    assert (update.status, update.percent_complete, update.author) == (
        "on-track",
        40,
        personas.police_lead,
    )
    assert update.next_steps == "Analyse the returns."
    content = response.content.decode()
    assert UPDATE_ADDED in content
    assert "Survey of staff under way." in content


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("secretariat", 302),
        ("police_lead", 302),
        ("chair", 403),
        ("council_lead", 403),
        ("community_member", 403),
        ("outsider", 404),
    ],
)
def test_only_the_secretariat_and_the_leads_may_add_updates(
    client, personas, police_action, persona, status
):
    client.force_login(getattr(personas, persona))
    response = client.post(update_url(police_action), form_data())
    assert response.status_code == status
    assert police_action.updates.count() == (1 if status == 302 else 0)


def test_a_council_lead_tampering_with_a_police_action_url_changes_nothing(
    client, personas, police_action
):
    client.force_login(personas.council_lead)
    assert client.post(update_url(police_action), form_data()).status_code == 403
    edit = reverse("workstreams:action-edit", kwargs={"pk": police_action.pk})
    response = client.post(
        edit, {"text": "Hijacked", "owner_organisation": "", "version": police_action.version}
    )
    assert response.status_code == 403
    police_action.refresh_from_db()
    assert police_action.text == "Identify any gaps"
    assert not police_action.updates.exists()


def test_anonymous_posts_are_sent_to_sign_in(client, police_action):
    response = client.post(update_url(police_action), form_data())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not police_action.updates.exists()


def test_updates_need_a_post(client, personas, police_action):
    client.force_login(personas.police_lead)
    assert client.get(update_url(police_action)).status_code == 405


def test_buttons_show_only_what_a_person_may_do(client, personas, police_action):
    page = reverse("workstreams:action-detail", kwargs={"pk": police_action.pk})
    client.force_login(personas.police_lead)
    content = client.get(page).content.decode()
    assert "Add a progress update" in content
    assert "Edit this action" in content
    client.force_login(personas.chair)
    content = client.get(page).content.decode()
    assert "Add a progress update" not in content
    assert "Edit this action" not in content
    assert "Changes to this action" in content


def errors_for(client, action, **overrides):
    response = client.post(update_url(action), form_data(**overrides))
    assert response.status_code == 200
    return response.content.decode()


def test_a_form_sent_twice_adds_one_update(client, personas, police_action):
    client.force_login(personas.police_lead)
    form = client.get(police_action.get_absolute_url()).context["update_form"]
    data = form_data(submission=str(form.initial["submission"]))
    client.post(update_url(police_action), data)
    response = client.post(update_url(police_action), data, follow=True)
    assert UPDATE_ADDED in response.content.decode()
    assert police_action.updates.count() == 1
    client.post(update_url(police_action), form_data(submission=str(uuid.uuid4())))
    assert police_action.updates.count() == 2


def test_at_risk_and_off_track_need_a_narrative(client, personas, police_action):
    client.force_login(personas.police_lead)
    for status, words in [("at-risk", "at risk"), ("off-track", "off track")]:
        content = errors_for(client, police_action, status=status, narrative="  ")
        assert "There is a problem" in content
        assert NARRATIVE_NEEDED_FOR_STATUS.format(status=words) in content
    assert not police_action.updates.exists()


def test_a_falling_percentage_needs_a_narrative(client, personas, police_action):
    factories.ProgressUpdateFactory(action=police_action, percent_complete=60)
    client.force_login(personas.police_lead)
    content = errors_for(client, police_action, percent_complete="50", narrative="")
    assert NARRATIVE_NEEDED_FOR_DROP.format(previous=60) in content
    assert police_action.updates.count() == 1
    client.post(update_url(police_action), form_data(percent_complete="50", narrative="Rescoped"))
    assert police_action.updates.count() == 2


def test_a_backdated_update_is_compared_with_the_one_before_it_on_the_timeline(
    client, personas, police_action
):
    """30% in January and 80% in June: 50% dated March is a rise, 20% dated February a
    fall from January's 30%."""
    year = timezone.localdate().year - 1
    factories.ProgressUpdateFactory(
        action=police_action, percent_complete=30, as_at=datetime.date(year, 1, 15)
    )
    factories.ProgressUpdateFactory(
        action=police_action, percent_complete=80, as_at=datetime.date(year, 6, 15)
    )
    client.force_login(personas.police_lead)
    client.post(
        update_url(police_action),
        form_data(as_at=datetime.date(year, 3, 15), percent_complete="50", narrative=""),
    )
    assert police_action.updates.count() == 3
    content = errors_for(
        client,
        police_action,
        as_at=datetime.date(year, 2, 15),
        percent_complete="20",
        narrative="",
    )
    assert NARRATIVE_NEEDED_FOR_DROP.format(previous=30) in content
    assert police_action.updates.count() == 3


def test_evidence_links_are_checked_on_every_path_not_only_the_form(personas, police_action):
    update = factories.ProgressUpdateFactory.build(
        action=police_action, author=personas.police_lead, evidence_links="javascript:alert(1)"
    )
    with pytest.raises(ValidationError) as refused:
        update.full_clean()
    assert refused.value.message_dict["evidence_links"] == [BAD_EVIDENCE_LINK.format(line=1)]


def test_a_steady_on_track_update_needs_no_narrative(client, personas, police_action):
    factories.ProgressUpdateFactory(action=police_action, percent_complete=60)
    client.force_login(personas.police_lead)
    client.post(update_url(police_action), form_data(percent_complete="70", narrative=""))
    assert police_action.updates.count() == 2


def test_the_as_at_date_cannot_be_in_the_future(client, personas, police_action):
    client.force_login(personas.police_lead)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    content = errors_for(client, police_action, as_at=tomorrow)
    assert AS_AT_IN_THE_FUTURE.replace("‘", "&lsquo;") in content or AS_AT_IN_THE_FUTURE in content
    assert not police_action.updates.exists()


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("31", "2", "2019", "must be a real date"),
        ("", "", "", "Enter the ‘as at’ date"),
        ("1", "", "2019", "must include a month"),
        ("1", "x", "2019", "must be a real date"),
    ],
)
def test_the_as_at_date_must_be_a_real_date(
    client, personas, police_action, day, month, year, message
):
    client.force_login(personas.police_lead)
    content = errors_for(client, police_action, as_at_0=day, as_at_1=month, as_at_2=year)
    assert message in content
    assert not police_action.updates.exists()


@pytest.mark.parametrize("percent", ["101", "-1", "forty", "12.5"])
def test_percent_complete_is_a_whole_number_from_0_to_100(client, personas, police_action, percent):
    client.force_login(personas.police_lead)
    content = errors_for(client, police_action, percent_complete=percent)
    assert "must be a whole number from 0 to 100" in content
    assert not police_action.updates.exists()


def test_percent_complete_is_needed_unless_complete(client, personas, police_action):
    client.force_login(personas.police_lead)
    assert PERCENT_NEEDED in errors_for(client, police_action, percent_complete="")
    client.post(update_url(police_action), form_data(status="complete", percent_complete=""))
    assert police_action.updates.get().percent_complete == 100


def test_marking_complete_sets_100_percent(client, personas, police_action):
    client.force_login(personas.police_lead)
    client.post(update_url(police_action), form_data(status="complete", percent_complete="80"))
    assert police_action.updates.get().percent_complete == 100


def test_status_and_confidence_are_needed(client, personas, police_action):
    client.force_login(personas.police_lead)
    content = errors_for(client, police_action, status="", confidence="")
    assert "Select the action&#x27;s status" in content
    assert "Select how confident you are" in content
    assert 'href="#id_status_1"' in content, "the summary links to the first radio"


def test_evidence_links_must_be_web_addresses(client, personas, police_action):
    client.force_login(personas.police_lead)
    content = errors_for(
        client,
        police_action,
        evidence_links="https://example.org/report.pdf\njavascript:alert(1)",
    )
    assert BAD_EVIDENCE_LINK.format(line=2).replace("…", "&hellip;")[:40] in content
    assert not police_action.updates.exists()
    client.post(
        update_url(police_action),
        form_data(evidence_links=" https://example.org/a \n\nhttp://example.org/b"),
    )
    assert police_action.updates.get().evidence_link_list() == [
        "https://example.org/a",
        "http://example.org/b",
    ]


def test_an_action_with_sub_items_is_updated_through_them(client, personas, police_action):
    factories.SubItemFactory(parent=police_action, label="a")
    client.force_login(personas.police_lead)
    response = client.post(update_url(police_action), form_data())
    assert UPDATE_THE_SUB_ITEMS.replace("'", "&#x27;") in response.content.decode()
    assert not police_action.updates.exists()


def test_user_text_is_escaped(client, personas, police_action):
    client.force_login(personas.police_lead)
    client.post(update_url(police_action), form_data(narrative="<script>alert(1)</script>"))
    content = client.get(police_action.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_with_htmx_the_progress_section_is_returned_in_place(client, personas, police_action):
    client.force_login(personas.police_lead)
    response = client.post(update_url(police_action), form_data(), HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert response.status_code == 200
    assert content.lstrip().startswith('<div id="progress">')
    assert "<html" not in content
    assert UPDATE_ADDED in content
    assert "Survey of staff under way." in content

    invalid = client.post(
        update_url(police_action), form_data(status="off-track", narrative=""),
        HTTP_HX_REQUEST="true",
    )  # fmt: skip
    assert "There is a problem" in invalid.content.decode()
    assert "<title>Error: Action B.ii" in invalid.content.decode(), "htmx sets the page title"
    assert police_action.updates.count() == 1


def test_the_timeline_shows_who_when_and_what_changed(client, personas, police_action):
    factories.ProgressUpdateFactory(
        action=police_action,
        author=personas.police_lead,
        status="on-track",
        percent_complete=30,
        confidence="high",
        as_at=datetime.date(2018, 10, 1),
    )
    factories.ProgressUpdateFactory(
        action=police_action,
        author=personas.secretariat,
        status="at-risk",
        percent_complete=30,
        confidence="low",
        narrative="The video supplier pulled out.",
        as_at=datetime.date(2018, 11, 1),
    )
    client.force_login(personas.community_member)
    content = client.get(police_action.get_absolute_url()).content.decode()
    assert "Status: On track → At risk" in content
    assert "Confidence: High → Low" in content
    assert "First update" in content
    assert escape(str(personas.secretariat)) in content
    assert content.index("1 November 2018") < content.index("1 October 2018"), "newest first"


def action_page_queries(client, action):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(action.get_absolute_url())
    assert response.status_code == 200
    return len(queries)


def test_the_action_page_runs_the_same_queries_with_5_or_200_updates(
    client, personas, police_action, django_assert_max_num_queries
):
    client.force_login(personas.police_lead)
    factories.ProgressUpdateFactory.create_batch(5, action=police_action, percent_complete=10)
    five = action_page_queries(client, police_action)
    factories.ProgressUpdateFactory.create_batch(195, action=police_action, percent_complete=10)
    assert action_page_queries(client, police_action) == five
    # 1 session, 1 user, 1 action with workstream, plan, partnership, parent and owner,
    # 1 lead organisations, 1 updates with authors, 1 their reviews with reviewers,
    # 1 sub-items with progress, 1 the viewer's memberships (for the buttons)
    with django_assert_max_num_queries(8):
        client.get(police_action.get_absolute_url())


def test_an_update_is_recorded_in_the_action_history(client, personas, police_action):
    client.force_login(personas.police_lead)
    client.post(update_url(police_action), form_data(status="at-risk", narrative="Delayed"))
    history = reverse("workstreams:action-history", kwargs={"pk": police_action.pk})
    content = client.get(history).content.decode()
    assert (
        f"{escape(str(personas.police_lead))} reported B.ii at risk, 40% complete, as at "
        f"{date_format(timezone.localdate())}, with high confidence of delivery." in content
    )
    assert "“Delayed”" in content
    assert ProgressUpdate.objects.count() == 1


def test_the_timeline_is_shown_twenty_updates_a_page_newest_first(client, personas, police_action):
    for day in range(25):
        factories.ProgressUpdateFactory(
            action=police_action,
            percent_complete=day,
            as_at=timezone.localdate() - datetime.timedelta(days=25 - day),
        )
    client.force_login(personas.chair)
    first = client.get(police_action.get_absolute_url())
    assert [e.update.percent_complete for e in first.context["timeline_page"]] == list(
        range(24, 4, -1)
    )
    assert "Updates 1 to 20 of 25, newest first." in first.content.decode()
    second = client.get(police_action.get_absolute_url(), {"page": 2})
    assert [e.update.percent_complete for e in second.context["timeline_page"]] == [4, 3, 2, 1, 0]


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite's shared in-memory test database refuses a second writer outright",
)
@pytest.mark.django_db(transaction=True)
def test_a_form_sent_twice_at_once_adds_one_update(personas, police_action):
    """Two requests with the same form, arriving together: both answer with one update."""
    submission = uuid.uuid4()
    start = threading.Barrier(2)
    results, errors = [], []

    def send():
        try:
            start.wait()
            results.append(
                progress_update_create(
                    action=police_action,
                    author=personas.police_lead,
                    status="on-track",
                    percent_complete=40,
                    confidence="high",
                    as_at=timezone.localdate(),
                    submission=submission,
                ).pk
            )
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(set(results)) == 1
    assert police_action.updates.count() == 1


def test_a_narrative_longer_than_its_limit_is_refused_on_every_path(
    client, personas, police_action
):
    """A narrative of 112,000 characters once made the action page 33,000 pixels long;
    its limit holds in the form, saying so, and in the model that every service cleans."""
    client.force_login(personas.police_lead)
    content = errors_for(client, police_action, narrative="x" * 112_000)
    assert "There is a problem" in content
    assert "Narrative must be 3,000 characters or fewer" in content
    assert not police_action.updates.exists()

    with pytest.raises(ValidationError) as refused:
        progress_update_create(
            action=police_action,
            author=personas.police_lead,
            status="on-track",
            percent_complete=10,
            confidence="high",
            narrative="x" * 3_001,
            as_at=timezone.localdate(),
        )
    assert refused.value.message_dict["narrative"] == [
        "Narrative must be 3,000 characters or fewer"
    ]
    assert not police_action.updates.exists()


def test_the_long_text_boxes_count_the_characters_left(client, personas, police_action):
    client.force_login(personas.police_lead)
    content = client.get(police_action.get_absolute_url()).content.decode()
    assert (
        'class="govuk-character-count" data-module="govuk-character-count" data-maxlength="3000"'
        in content
    )
    assert "You can enter up to 3000 characters" in content


def test_a_form_sent_again_to_another_action_adds_nothing_and_says_why(
    client, personas, police_action
):
    """Re-posting one action's form (its submission id) to another action's address once
    answered 500; it is refused with a message, nothing written, and a fresh form."""
    other = factories.ActionFactory(workstream=personas.police_workstream, label="iii")
    client.force_login(personas.police_lead)
    data = form_data()
    client.post(update_url(police_action), data)
    response = client.post(update_url(other), data | {"narrative": "Sent to the other"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content
    assert SUBMISSION_FOR_ANOTHER_ACTION in content
    assert "Sent to the other" in content, "what they wrote is kept"
    assert f'value="{data["submission"]}"' not in content, "a fresh form to send again"
    assert not other.updates.exists()
    assert police_action.updates.count() == 1
    with pytest.raises(ValidationError) as refused:
        progress_update_create(
            action=other, author=personas.police_lead, status="on-track", percent_complete=5,
            confidence="high", as_at=timezone.localdate(), submission=uuid.UUID(data["submission"]),
        )  # fmt: skip
    assert refused.value.messages == [SUBMISSION_FOR_ANOTHER_ACTION]


def test_the_update_form_starts_from_where_the_action_stands(client, personas, police_action):
    client.force_login(personas.police_lead)
    form = client.get(police_action.get_absolute_url()).context["update_form"]
    assert "status" not in form.initial, "nothing reported yet: nothing to start from"
    update = factories.ProgressUpdateFactory(
        action=police_action, status="at-risk", percent_complete=35, confidence="low",
        narrative="Slow", as_at=timezone.localdate(),
    )  # fmt: skip
    form = client.get(police_action.get_absolute_url()).context["update_form"]
    assert (form["status"].value(), form["percent_complete"].value()) == ("at-risk", 35)
    assert form["confidence"].value() == "low"
    factories.StatusReviewFactory(
        update=update, reviewer=personas.chair, outcome="revised", status="off-track",
        comment="Later still",
    )  # fmt: skip
    content = client.get(police_action.get_absolute_url()).content.decode()
    assert re.search(r'value="off-track"\s+checked', content), "from the status that stands"

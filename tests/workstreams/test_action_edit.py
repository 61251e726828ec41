"""Editing an action, and refusing a save over someone else's change."""

import datetime
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape, strip_tags

from hcag.editing import CHANGED_MEANWHILE
from tests import factories
from workstreams.forms import FORM_OUT_OF_DATE, TEXT_NEEDED
from workstreams.views import ACTION_SAVED

pytestmark = pytest.mark.django_db


def edit_url(action):
    return reverse("workstreams:action-edit", kwargs={"pk": action.pk})


@pytest.fixture
def police_action(personas):
    return factories.ActionFactory(
        workstream=personas.police_workstream, label="iv", text="Share good practice"
    )


def edit_data(action, version=None, **overrides):
    data = {
        "text": action.text,
        "owner_organisation": action.owner_organisation_id or "",
        "target_date_0": "",
        "target_date_1": "",
        "target_date_2": "",
        "version": action.version if version is None else version,
    }
    data.update(overrides)
    return data


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
def test_only_the_secretariat_and_the_leads_may_edit(
    client, personas, police_action, persona, status
):
    client.force_login(getattr(personas, persona))
    assert client.get(edit_url(police_action)).status_code == (200 if status == 302 else status)
    response = client.post(edit_url(police_action), edit_data(police_action, text="Reworded"))
    assert response.status_code == status
    police_action.refresh_from_db()
    assert police_action.text == ("Reworded" if status == 302 else "Share good practice")


def test_the_lead_changes_text_owner_and_target_date(client, personas, police_action):
    client.force_login(personas.police_lead)
    response = client.post(
        edit_url(police_action),
        edit_data(
            police_action,
            text="Share good practice, including a video",
            owner_organisation=personas.council.pk,
            target_date_0="31",
            target_date_1="3",
            target_date_2="2019",
        ),
        follow=True,
    )
    police_action.refresh_from_db()
    assert police_action.text == "Share good practice, including a video"
    assert police_action.owner_organisation == personas.council
    assert police_action.target_date == datetime.date(2019, 3, 31)
    assert police_action.version == 2
    assert ACTION_SAVED in response.content.decode()


def test_the_owner_is_one_of_the_partnerships_organisations(client, personas, police_action):
    stranger = factories.OrganisationFactory(name="Unrelated Ltd")
    client.force_login(personas.police_lead)
    response = client.post(
        edit_url(police_action), edit_data(police_action, owner_organisation=stranger.pk)
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    police_action.refresh_from_db()
    assert police_action.owner_organisation is None


def test_the_text_is_needed(client, personas, police_action):
    client.force_login(personas.police_lead)
    response = client.post(edit_url(police_action), edit_data(police_action, text=" "))
    assert TEXT_NEEDED in response.content.decode()
    police_action.refresh_from_db()
    assert police_action.text == "Share good practice"


def test_a_second_save_over_someone_elses_change_is_refused_and_shows_their_change(
    client, personas, police_action
):
    """Both open the form at version 1; the secretariat saves first; the lead's save is
    refused with the secretariat's change shown, and nothing of the lead's is written."""
    opened_at = police_action.version
    client.force_login(personas.secretariat)
    client.post(
        edit_url(police_action),
        edit_data(police_action, version=opened_at, text="Share good practice widely"),
    )

    client.force_login(personas.police_lead)
    response = client.post(
        edit_url(police_action),
        edit_data(
            police_action,
            version=opened_at,
            text="Share good practice by video",
            target_date_0="1",
            target_date_1="6",
            target_date_2="2019",
        ),
    )
    assert response.status_code == 409
    content = response.content.decode()
    assert CHANGED_MEANWHILE in content
    assert escape(str(personas.secretariat)) in content
    assert "Share good practice widely" in content, "their new text is shown"
    assert "Share good practice by video" in content, "the editor's own words are kept"
    assert f'name="version" value="{opened_at + 1}"' in content

    police_action.refresh_from_db()
    assert police_action.text == "Share good practice widely"
    assert police_action.target_date is None
    assert police_action.version == opened_at + 1


def test_after_seeing_the_change_the_editor_can_save_deliberately(client, personas, police_action):
    client.force_login(personas.secretariat)
    client.post(edit_url(police_action), edit_data(police_action, text="First"))
    client.force_login(personas.police_lead)
    client.post(edit_url(police_action), edit_data(police_action, version=1, text="Second"))
    client.post(edit_url(police_action), edit_data(police_action, version=2, text="Second"))
    police_action.refresh_from_db()
    assert (police_action.text, police_action.version) == ("Second", 3)


def test_every_edit_is_in_the_history_with_old_and_new_values(client, personas, police_action):
    client.force_login(personas.police_lead)
    client.post(
        edit_url(police_action),
        edit_data(police_action, text="Reworded", target_date_0="1", target_date_1="2",
                  target_date_2="2019"),
    )  # fmt: skip
    history = client.get(reverse("workstreams:action-history", kwargs={"pk": police_action.pk}))
    content = " ".join(unescape(history.content.decode()).split())
    lead = str(personas.police_lead)
    assert f"{lead} changed the text of B.iv from “Share good practice” to “Reworded”." in content
    assert f"{lead} set the target date of B.iv to “1 February 2019”." in content
    assert "version" not in content.lower()


def test_admin_changes_are_recorded_with_the_admin_as_actor(client, personas, police_action):
    admin_user = factories.PersonFactory(is_superuser=True, is_staff=True, first_name="Ada",
                                         last_name="Admin")  # fmt: skip
    client.force_login(admin_user)
    change = reverse("admin:workstreams_action_change", args=[police_action.pk])
    response = client.post(
        change,
        {
            "workstream": police_action.workstream_id,
            "label": "iv",
            "position": police_action.position,
            "text": "Changed in the admin",
            "target_date": "",
            "opened_at_version": police_action.version,
        },
    )
    assert response.status_code == 302
    police_action.refresh_from_db()
    assert police_action.version == 2, "an admin edit also raises the version"
    client.force_login(personas.chair)
    workstream_history = reverse(
        "workstreams:workstream-history", kwargs={"pk": personas.police_workstream.pk}
    )
    content = client.get(workstream_history).content.decode()
    assert "Ada Admin" in content
    assert "Changed in the admin" in content


@pytest.mark.parametrize("page", ["action-history", "workstream-history"])
def test_history_pages_are_for_members_only(client, personas, police_action, page):
    pk = police_action.pk if page == "action-history" else police_action.workstream_id
    url = reverse(f"workstreams:{page}", kwargs={"pk": pk})
    client.force_login(personas.outsider)
    assert client.get(url).status_code == 404
    client.force_login(personas.community_member)
    assert client.get(url).status_code == 200


def history_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def edit_repeatedly(client, personas, action, times, start=0):
    for number in range(start, start + times):
        client.post(
            edit_url(action),
            edit_data(action, version=number + 1, text=f"Wording {number}",
                      owner_organisation=(personas.council.pk if number % 2 else "")),
        )  # fmt: skip


def test_history_page_runs_the_same_queries_however_long_the_history(
    client, personas, police_action, django_assert_max_num_queries
):
    client.force_login(personas.police_lead)
    url = reverse("workstreams:workstream-history", kwargs={"pk": police_action.workstream_id})
    edit_repeatedly(client, personas, police_action, 2)
    short, _ = history_queries(client, url)
    edit_repeatedly(client, personas, police_action, 40, start=2)
    long, response = history_queries(client, url)
    assert short == long
    assert "Test Borough Council" in response.content.decode()
    # 1 session, 1 user, 1 their memberships (whether a second factor is needed),
    # 1 workstream, 1 count, 1 entries with actors and content types,
    # and 1 for each kind of record the entries point at: organisations, workstreams, plans
    with django_assert_max_num_queries(9):
        client.get(url)


def test_a_refused_save_keeps_the_other_persons_change_to_fields_the_editor_left_alone(
    client, personas, police_action
):
    """The secretariat sets the target date while the lead rewords the text: the lead's
    form comes back with the new date, so saving again loses neither change."""
    opened_at = police_action.version
    client.force_login(personas.secretariat)
    client.post(
        edit_url(police_action),
        edit_data(police_action, version=opened_at, target_date_0="31", target_date_1="3",
                  target_date_2="2027", owner_organisation=personas.council.pk),
    )  # fmt: skip
    client.force_login(personas.police_lead)
    response = client.post(
        edit_url(police_action),
        edit_data(police_action, version=opened_at, text="Share good practice by video"),
    )
    assert response.status_code == 409
    form = response.context["form"]
    assert form["text"].value() == "Share good practice by video"
    assert form["target_date"].value() == datetime.date(2027, 3, 31)
    assert form["owner_organisation"].value() == personas.council.pk
    assert "You both changed" not in response.content.decode()

    client.post(
        edit_url(police_action),
        edit_data(police_action, version=opened_at + 1, text="Share good practice by video",
                  target_date_0="31", target_date_1="3", target_date_2="2027",
                  owner_organisation=personas.council.pk),
    )  # fmt: skip
    police_action.refresh_from_db()
    assert police_action.text == "Share good practice by video"
    assert police_action.target_date == datetime.date(2027, 3, 31)
    assert police_action.owner_organisation == personas.council


def test_a_field_both_people_changed_keeps_the_editors_value_and_says_so(
    client, personas, police_action
):
    client.force_login(personas.secretariat)
    client.post(edit_url(police_action), edit_data(police_action, version=1, text="Theirs"))
    client.force_login(personas.police_lead)
    response = client.post(
        edit_url(police_action), edit_data(police_action, version=1, text="Mine")
    )
    assert response.context["form"]["text"].value() == "Mine"
    assert "You both changed the text: the form keeps yours." in response.content.decode()


def test_sending_the_same_edit_twice_is_not_a_conflict(client, personas, police_action):
    client.force_login(personas.police_lead)
    data = edit_data(police_action, version=1, text="Reworded once")
    client.post(edit_url(police_action), data)
    response = client.post(edit_url(police_action), data, follow=True)
    assert ACTION_SAVED in response.content.decode()
    police_action.refresh_from_db()
    assert (police_action.text, police_action.version) == ("Reworded once", 2)


def test_a_version_the_action_never_had_is_refused(client, personas, police_action):
    client.force_login(personas.police_lead)
    response = client.post(edit_url(police_action), edit_data(police_action, version=999, text="X"))
    assert response.status_code == 200
    assert FORM_OUT_OF_DATE in response.content.decode()
    police_action.refresh_from_db()
    assert police_action.text == "Share good practice"


def admin_page_data(response) -> dict:
    """What the admin change page would post back unchanged: its form and inline forms."""
    forms = [response.context["adminform"].form]
    data = {}
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        forms += formset.forms
        data.update(
            {f"{formset.prefix}-{k}": v for k, v in formset.management_form.initial.items()}
        )
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if isinstance(value, list):
                data[form.add_prefix(name)] = [str(v) for v in value]
            elif value is not None:
                data[form.add_prefix(name)] = str(value)
    return data


@pytest.fixture
def admin_client(client):
    client.force_login(factories.PersonFactory(is_superuser=True, is_staff=True))
    return client


def test_an_admin_edit_over_a_newer_one_is_refused(admin_client, personas, police_action):
    change = reverse("admin:workstreams_action_change", args=[police_action.pk])
    data = admin_page_data(admin_client.get(change))
    police_action.text = "Saved by the lead meanwhile"
    police_action.version += 1
    police_action.save()
    response = admin_client.post(change, {**data, "text": "The admin's stale edit"})
    assert response.status_code == 200
    assert "Someone changed this action after you opened this page" in response.content.decode()
    police_action.refresh_from_db()
    assert police_action.text == "Saved by the lead meanwhile"


def test_an_inline_edit_on_the_workstream_page_raises_the_version(
    admin_client, client, personas, police_action
):
    change = reverse("admin:workstreams_workstream_change", args=[police_action.workstream_id])
    data = admin_page_data(admin_client.get(change))
    text_key = next(key for key, value in data.items() if value == "Share good practice")
    response = admin_client.post(change, {**data, text_key: "Edited inline"})
    assert response.status_code == 302
    police_action.refresh_from_db()
    assert (police_action.text, police_action.version) == ("Edited inline", 2)

    client.force_login(personas.police_lead)
    response = client.post(
        edit_url(police_action), edit_data(police_action, version=1, text="Mine")
    )
    assert response.status_code == 409
    police_action.refresh_from_db()
    assert police_action.text == "Edited inline"


def test_the_workstream_admin_lists_each_action_before_its_sub_items(admin_client, personas):
    workstream = personas.police_workstream
    first = factories.ActionFactory(workstream=workstream, label="i", position=1)
    second = factories.ActionFactory(workstream=workstream, label="ii", position=2)
    sub_items = [factories.SubItemFactory(parent=second, label=x, position=n)
                 for n, x in enumerate("ab", start=1)]  # fmt: skip
    third = factories.ActionFactory(workstream=workstream, label="iii", position=3)
    change = reverse("admin:workstreams_workstream_change", args=[workstream.pk])
    formset = admin_client.get(change).context["inline_admin_formsets"][0].formset
    assert [form.instance for form in formset.forms] == [first, second, *sub_items, third]


def test_deleted_actions_and_sub_items_stay_in_the_history(client, personas, police_action):
    sub_item = factories.SubItemFactory(parent=police_action, label="a", text="Record a video")
    dropped = factories.ActionFactory(
        workstream=personas.police_workstream, label="v", text="Dropped action"
    )
    sub_item.delete()
    dropped.delete()
    client.force_login(personas.chair)
    action_page = client.get(reverse("workstreams:action-history", kwargs={"pk": police_action.pk}))
    assert "removed B.iv.a Record a video." in action_page.content.decode()
    workstream_page = client.get(
        reverse("workstreams:workstream-history", kwargs={"pk": personas.police_workstream.pk})
    )
    assert "Record a video" in workstream_page.content.decode()
    assert "Dropped action" in workstream_page.content.decode()


def test_a_workstream_page_opened_before_a_leads_edit_is_refused_whole(
    admin_client, personas, police_action
):
    """The page still shows the lead's old words for that row: saving it would put them
    back, so nothing is saved, not even the row the admin did edit."""
    other = factories.ActionFactory(workstream=personas.police_workstream, label="v", text="Other")
    change = reverse("admin:workstreams_workstream_change", args=[police_action.workstream_id])
    data = admin_page_data(admin_client.get(change))
    police_action.text = "Reworded by the lead meanwhile"
    police_action.version += 1
    police_action.save()
    other_key = next(key for key, value in data.items() if value == "Other")
    response = admin_client.post(change, {**data, other_key: "Other, edited in the admin"})
    assert response.status_code == 200
    assert "Someone changed this action after you opened this page" in response.content.decode()
    police_action.refresh_from_db()
    other.refresh_from_db()
    assert police_action.text == "Reworded by the lead meanwhile"
    assert other.text == "Other"


def test_the_changes_page_reads_as_a_list_of_changes_with_reviews(
    client, personas, police_action, django_assert_max_num_queries
):
    update = factories.ProgressUpdateFactory(
        action=police_action, author=personas.police_lead, narrative="Survey sent",
        as_at=datetime.date(2018, 10, 1),
    )  # fmt: skip
    factories.StatusReviewFactory(
        update=update, reviewer=personas.chair, outcome="revised", status="at-risk",
        comment="Only two replies",
    )  # fmt: skip
    factories.StatusReviewFactory(update=update, reviewer=personas.secretariat)
    client.force_login(personas.police_lead)
    edit_repeatedly(client, personas, police_action, 3)
    url = reverse("workstreams:action-history", kwargs={"pk": police_action.pk})
    client.force_login(personas.community_member)
    # 1 session, 1 user, 1 their memberships (whether a second factor is needed),
    # 1 action with workstream, plan, partnership, parent and owner,
    # 1 lead organisations, 1 log entries, 1 each for the organisations and workstreams
    # they point at, 1 updates with authors and actions, 1 reviews with reviewers and updates
    with django_assert_max_num_queries(10):
        response = client.get(url)
    assert "<table" not in response.content.decode(), "a list, not an audit table"
    content = " ".join(unescape(strip_tags(response.content.decode())).split())
    chair, secretariat = str(personas.chair), str(personas.secretariat)
    in_order = [
        f"{personas.police_lead} cleared the owner organisation of B.iv, which was “Test "
        "Borough Council”.",
        f"{secretariat} confirmed the status of B.iv reported as at 1 October 2018.",
        f"{chair} gave B.iv the status at risk instead of on track, as at 1 October 2018. "
        "“Only two replies”",
        f"{personas.police_lead} reported B.iv on track, 25% complete, as at 1 October 2018, "
        "with medium confidence of delivery. “Survey sent”",
    ]
    positions = [content.find(sentence) for sentence in in_order]
    assert -1 not in positions, positions
    assert positions == sorted(positions), "newest first"

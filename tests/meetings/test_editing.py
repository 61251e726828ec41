"""Two people editing the same meeting, draft terms or project group: the second is
told and shown the first's change, and nothing is overwritten silently."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from hcag.editing import CHANGED_MEANWHILE, ChangedMeanwhile
from meetings import services
from meetings.forms import TermsDraftForm
from meetings.models import Meeting, ProjectGroup, TermsOfReference
from meetings.services import DRAFT_EXISTS
from meetings.views.governance import DRAFT_CHANGED_MEANWHILE
from tests import factories

pytestmark = pytest.mark.django_db


def escaped(text):
    return text.replace("'", "&#x27;")


@pytest.fixture
def meeting(personas):
    return services.meeting_create(
        partnership=personas.partnership, date=datetime.date(2030, 3, 11), location="Durham"
    )


def meeting_data(**changes):
    return {"kind": "quarterly", "title": "", "date_0": "11", "date_1": "3", "date_2": "2030",
            "start_time": "", "end_time": "", "location": "Durham", "status": "scheduled",
            "summary": "", "version": 1} | changes  # fmt: skip


def test_a_second_save_over_someone_elses_meeting_edit_is_refused(client, personas, meeting):
    """Both open the form at version 1; the secretariat saves first; the chair's save is
    refused with the secretariat's change shown, and nothing of the chair's is written."""
    url = reverse("meetings:meeting-edit", args=[meeting.pk])
    client.force_login(personas.secretariat)
    assert client.post(url, meeting_data(title="Spring meeting")).status_code == 302

    client.force_login(personas.chair)
    response = client.post(url, meeting_data(title="March meeting", location="Darlington"))
    assert response.status_code == 409
    content = response.content.decode()
    assert escaped(CHANGED_MEANWHILE) in content
    assert escaped(str(personas.secretariat)) in content
    assert "Spring meeting" in content, "their change is shown"
    assert 'value="March meeting"' in content, "the editor's own words are kept"
    assert 'name="version" value="2"' in content
    meeting.refresh_from_db()
    assert (meeting.title, meeting.location, meeting.version) == ("Spring meeting", "Durham", 2)

    # Having seen it, the chair saves deliberately.
    response = client.post(url, meeting_data(title="March meeting", version=2))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.title, meeting.version) == ("March meeting", 3)


def test_the_meeting_service_refuses_a_stale_version(personas, meeting):
    fields = {name: getattr(meeting, name) for name in Meeting.EDITABLE_FIELDS}
    services.meeting_update(meeting=meeting, expected_version=1, **fields | {"title": "First"})
    stale = Meeting.objects.get(pk=meeting.pk)
    with pytest.raises(ChangedMeanwhile) as conflict:
        services.meeting_update(meeting=stale, expected_version=1, **fields | {"title": "Late"})
    assert conflict.value.current.title == "First"
    assert Meeting.objects.get(pk=meeting.pk).title == "First"


@pytest.fixture
def draft(personas):
    current = factories.TermsOfReferenceFactory(partnership=personas.partnership, version=1)
    for number in (1, 2, 3):
        factories.ClauseFactory(terms=current, number=number, body=f"Clause {number} words.")
    return services.terms_draft_create(partnership=personas.partnership)


def draft_data(draft, revision, clauses, **changes):
    data = {"preamble": draft.preamble, "meetings_per_year": "4",
            "chair_review_season": "spring", "revision": revision}  # fmt: skip
    data |= {f"clause_{number}": body for number, body in enumerate(clauses, start=1)}
    return data | changes


def test_a_second_save_over_someone_elses_draft_keeps_their_clauses(client, personas, draft):
    """Both open the draft with three clauses; the secretariat adds a fourth and saves; the
    chair's save, from a form with three clauses, is refused and shows the new clause."""
    url = reverse("meetings:terms-edit", args=[draft.pk])
    opened_at = draft.revision
    words = ["Clause 1 words.", "Clause 2 words.", "Clause 3 words."]
    client.force_login(personas.secretariat)
    response = client.post(url, draft_data(draft, opened_at, [*words, "Meet online too."]))
    assert response.status_code == 302

    client.force_login(personas.chair)
    response = client.post(url, draft_data(draft, opened_at, ["Meet six times.", *words[1:], ""]))
    assert response.status_code == 409
    content = response.content.decode()
    assert escaped(CHANGED_MEANWHILE) in content
    assert "Clause 4 (created): Body" in content
    assert "Meet online too." in content, "their new clause is shown"
    form = response.context["form"]
    assert [name for name in form.fields if name.startswith("clause_")] == [
        "clause_1", "clause_2", "clause_3", "clause_4",
    ], "the chair's form keeps the boxes the chair had"  # fmt: skip
    assert form["clause_1"].value() == "Meet six times."
    assert form["revision"].value() == opened_at + 1
    assert list(draft.clauses.values_list("body", flat=True)) == [*words, "Meet online too."]


def test_the_clause_boxes_of_a_submitted_form_are_the_ones_its_editor_saw(draft):
    factories.ClauseFactory(terms=draft, number=4, body="Added meanwhile.")
    form = TermsDraftForm(draft_data(draft, draft.revision, ["One", "Two", ""]), instance=draft)
    assert form.is_valid()
    assert form.clause_bodies() == ["One", "Two", ""]
    assert form.fields["clause_3"].label == "A new clause (optional)"


def test_terms_are_not_approved_in_a_revision_the_approver_has_not_seen(client, personas, draft):
    compare = reverse("meetings:terms-compare", args=[draft.pk])
    client.force_login(personas.chair)
    seen = client.get(compare).context["form"].initial["revision"]
    services.terms_draft_update(
        draft=draft, expected_revision=seen, preamble="A new preamble.", meetings_per_year=4,
        chair_review_season="spring", clause_bodies=["Clause 1 words."],
    )  # fmt: skip
    response = client.post(
        compare, {"approved_on_0": "1", "approved_on_1": "3", "approved_on_2": "2019",
                  "revision": seen},
    )  # fmt: skip
    assert response.status_code == 409
    assert escaped(DRAFT_CHANGED_MEANWHILE) in response.content.decode()
    assert "A new preamble." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == TermsOfReference.Status.DRAFT
    assert response.context["form"]["revision"].value() == draft.revision


def test_a_partnership_has_one_draft_at_a_time(personas, draft):
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.TermsOfReferenceFactory(
            partnership=personas.partnership, version=9, status=TermsOfReference.Status.DRAFT
        )


def test_drafting_when_someone_else_has_just_drafted_points_to_their_draft(client, personas, draft):
    """The second of two "Draft a new version" requests meets the database's one-draft
    constraint and is told where the draft is."""
    with pytest.raises(services.DraftExists) as refused:
        services.terms_draft_create(partnership=personas.partnership)
    assert refused.value.draft == draft
    client.force_login(personas.secretariat)
    url = reverse("meetings:terms-draft", args=[personas.partnership.slug])
    response = client.post(url, follow=True)
    content = response.content.decode()
    assert DRAFT_EXISTS in content
    assert f'href="{reverse("meetings:terms-edit", args=[draft.pk])}">Open version 2' in content
    assert TermsOfReference.objects.filter(status="draft").count() == 1


@pytest.fixture
def group(personas):
    return factories.ProjectGroupFactory(
        partnership=personas.partnership, name="Schools", remit="Work with schools"
    )


def group_data(**changes):
    return {"name": "Schools", "remit": "Work with schools", "funding_sources": "",
            "status": "proposed", "set_up_at": "", "version": 1} | changes  # fmt: skip


def test_a_second_save_over_someone_elses_project_group_edit_is_refused(client, personas, group):
    """Both open the form at version 1; the secretariat renames the group and adds a
    member; the chair's save is refused with both changes shown, and nothing of the
    chair's is written."""
    url = reverse("meetings:project-group-edit", args=[personas.partnership.slug, group.pk])
    client.force_login(personas.secretariat)
    renamed = group_data(name="Schools and colleges", members=[personas.police_lead.pk])
    assert client.post(url, renamed).status_code == 302

    client.force_login(personas.chair)
    response = client.post(url, group_data(remit="Find funding for schools", status="active"))
    assert response.status_code == 409
    content = response.content.decode()
    assert escaped(CHANGED_MEANWHILE) in content
    changes = [
        (change.field, change.old, change.new)
        for entry in response.context["changes_meanwhile"].entries
        for change in entry.changes
    ]
    assert changes == [
        ("Name", "Schools", "Schools and colleges"),
        ("Members", "", f"Added: {personas.police_lead}"),
    ], "their changes are shown"
    assert "Find funding for schools" in content, "the editor's own words are kept"
    assert 'name="version" value="2"' in content
    group.refresh_from_db()
    assert (group.name, group.remit, group.status, group.version) == (
        "Schools and colleges", "Work with schools", "proposed", 2,
    )  # fmt: skip
    assert list(group.members.all()) == [personas.police_lead]

    # Having seen it, the chair saves deliberately.
    response = client.post(url, group_data(remit="Find funding for schools", version=2))
    assert response.status_code == 302
    group.refresh_from_db()
    assert (group.name, group.remit, group.version) == ("Schools", "Find funding for schools", 3)


def test_the_project_group_service_refuses_a_stale_version(personas, group):
    """Two editors load the group at version 1: the first save wins, the second is
    refused with the group as the first left it, members included."""
    first, second = (ProjectGroup.objects.get(pk=group.pk) for _ in range(2))
    fields = {"remit": group.remit, "status": group.status, "funding_sources": "",
              "set_up_at": None}  # fmt: skip
    services.project_group_update(
        group=first, expected_version=1, name="First", members=[personas.chair], **fields
    )
    with pytest.raises(ChangedMeanwhile) as conflict:
        services.project_group_update(
            group=second, expected_version=1, name="Late", members=[personas.police_lead],
            **fields,
        )  # fmt: skip
    assert conflict.value.current.name == "First"
    group.refresh_from_db()
    assert (group.name, group.version) == ("First", 2)
    assert list(group.members.all()) == [personas.chair]


def test_a_refused_meeting_edit_keeps_the_fields_the_editor_left_alone(client, personas, meeting):
    url = reverse("meetings:meeting-edit", args=[meeting.pk])
    client.force_login(personas.secretariat)
    client.post(url, meeting_data(location="Darlington Town Hall"))
    client.force_login(personas.chair)
    response = client.post(url, meeting_data(title="Spring meeting"))
    assert response.status_code == 409
    form = response.context["form"]
    assert form["title"].value() == "Spring meeting"
    assert form["location"].value() == "Darlington Town Hall", "their change is not undone"


def test_a_refused_group_edit_keeps_the_members_someone_else_added(client, personas, group):
    url = reverse("meetings:project-group-edit", args=[personas.partnership.slug, group.pk])
    client.force_login(personas.secretariat)
    client.post(url, group_data(members=[personas.police_lead.pk]))
    client.force_login(personas.chair)
    response = client.post(url, group_data(remit="Find funding for schools"))
    assert response.status_code == 409
    form = response.context["form"]
    assert form["remit"].value() == "Find funding for schools"
    assert list(form["members"].value()) == [personas.police_lead.pk]
    assert "You both changed" not in response.content.decode()


def test_sending_the_same_group_edit_twice_is_not_a_conflict(client, personas, group):
    url = reverse("meetings:project-group-edit", args=[personas.partnership.slug, group.pk])
    client.force_login(personas.secretariat)
    data = group_data(remit="Work with schools and colleges", members=[personas.police_lead.pk])
    assert client.post(url, data).status_code == 302
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    assert "“Schools” has been saved." in response.content.decode()
    group.refresh_from_db()
    assert group.version == 2

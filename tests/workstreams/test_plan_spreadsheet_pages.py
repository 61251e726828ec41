"""The pages that import a plan from a spreadsheet: upload, preview, confirm; who may."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests import factories
from tests.workstreams.test_plan_spreadsheet import WORKSTREAM_B, csv_file, existing_plan
from workstreams.models import Action, ActionPlan
from workstreams.views_spreadsheet import CHANGED_SINCE

pytestmark = pytest.mark.django_db

ROWS = [
    [WORKSTREAM_B, "B.i", "Patrol", "Test Constabulary", "", ""],
    [WORKSTREAM_B, "B.i.a", "Night patrols", "Test Constabulary", "", "2027-03-31"],
    [WORKSTREAM_B, "B.ii", "Train", "Test Constabulary", "Test Borough Council", ""],
]


def upload(rows=ROWS, name="plan.csv"):
    return SimpleUploadedFile(name, csv_file(rows), content_type="text/csv")


def new_url(personas):
    return reverse("workstreams:plan-import-spreadsheet", args=[personas.partnership.slug])


def update_url(personas):
    return reverse("workstreams:plan-update-spreadsheet", args=[personas.plan.slug])


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("secretariat", 200),
        ("chair", 403),
        ("police_lead", 403),
        ("community_member", 403),
        ("outsider", 404),
    ],
)
@pytest.mark.parametrize("page", [new_url, update_url])
def test_only_those_who_write_the_plan_import_a_spreadsheet(
    client, personas, persona, expected, page
):
    client.force_login(getattr(personas, persona))
    before = (ActionPlan.objects.count(), Action.objects.count())
    assert client.get(page(personas)).status_code == expected
    posted = client.post(page(personas), {"title": "New", "file": upload()})
    assert posted.status_code == expected
    confirmed = client.post(page(personas), {"token": "x" * 22, "fingerprint": "y", "title": "N"})
    # A confirmation without a file held goes back to the upload, for those who may.
    assert confirmed.status_code == (302 if expected == 200 else expected)
    assert (ActionPlan.objects.count(), Action.objects.count()) == before


def test_the_chair_imports_when_the_partnership_lets_chairs_write_the_plan(client, personas):
    personas.partnership.chairs_may_author_plan = True
    personas.partnership.save()
    client.force_login(personas.chair)
    assert client.get(new_url(personas)).status_code == 200


def test_a_new_plan_is_saved_only_once_its_preview_is_confirmed(client, personas):
    client.force_login(personas.secretariat)
    preview = client.post(new_url(personas), {"title": "From the sheet", "file": upload()})
    page = preview.content.decode()
    assert "Check what the file holds" in page
    assert "1 workstream, 2 actions and 1 sub-item" in page
    assert not ActionPlan.objects.filter(title="From the sheet").exists()
    form = preview.context["form"]
    saved = client.post(new_url(personas), {**form.initial})
    plan = ActionPlan.objects.get(title="From the sheet")
    assert saved.status_code == 302
    assert saved["Location"] == reverse("workstreams:plan-author", args=[plan.slug])
    actions = {a.reference: a for a in Action.objects.filter(workstream__plan=plan)}
    assert set(actions) == {"A.i", "A.i.a", "A.ii"}
    assert actions["A.ii"].owner_organisation == personas.council
    assert [o.name for o in plan.workstreams.get().lead_organisations.all()] == [
        "Test Constabulary"
    ]
    again = client.post(new_url(personas), {**form.initial})
    assert ActionPlan.objects.filter(title="From the sheet").count() == 1  # the file is gone
    assert again.status_code == 302


def test_an_existing_plan_previews_its_counts_then_updates(client, personas):
    workstream = existing_plan(personas)
    client.force_login(personas.secretariat)
    preview = client.post(update_url(personas), {"file": upload()})
    changes = preview.context["changes"]
    # Added B.ii's owner is new (changed); B.iii and workstream D are retired.
    assert (len(changes.added), len(changes.changed), len(changes.retired)) == (0, 2, 2)
    assert "Check what the file changes" in preview.content.decode()
    assert Action.objects.live().filter(workstream=workstream).count() == 4
    saved = client.post(update_url(personas), {**preview.context["form"].initial})
    assert saved.status_code == 302
    assert Action.objects.live().filter(workstream=workstream).count() == 3
    assert Action.objects.get(text="Train").owner_organisation == personas.council


def test_a_plan_changed_between_preview_and_confirmation_is_not_updated(client, personas):
    workstream = existing_plan(personas)
    client.force_login(personas.secretariat)
    preview = client.post(update_url(personas), {"file": upload()})
    factories.ActionFactory(workstream=workstream, label="iv", position=3, text="Meanwhile")
    response = client.post(update_url(personas), {**preview.context["form"].initial})
    assert response.status_code == 409
    assert CHANGED_SINCE in response.content.decode()
    assert Action.objects.get(text="Report").retired_on is None


def test_a_file_with_problems_lists_them_by_row_and_column_and_saves_nothing(client, personas):
    client.force_login(personas.secretariat)
    rows = [*ROWS, [WORKSTREAM_B, "B.ii", "Twice", "Test Constabulary", "", "soon"]]
    response = client.post(new_url(personas), {"title": "Bad", "file": upload(rows)})
    page = response.content.decode()
    assert "The file has 2 problems, so nothing was imported" in page
    assert "govuk-error-summary" in page
    assert [(p.row, p.column) for p in response.context["form"].problems] == [
        (5, "Reference"),
        (5, "Target date"),
    ]
    assert not ActionPlan.objects.filter(title="Bad").exists()


def test_more_than_100_problems_show_the_first_100_and_offer_them_all(client, personas):
    client.force_login(personas.secretariat)
    rows = [[WORKSTREAM_B, f"B.{n}", "x", "Nobody", "", ""] for n in range(120)]
    response = client.post(new_url(personas), {"title": "Bad", "file": upload(rows)})
    assert len(response.context["form"].problems_shown) == 100
    token = response.context["problems_token"]
    download = client.get(
        reverse("workstreams:plan-import-problems", args=[personas.partnership.slug, token])
    )
    assert download.status_code == 200
    assert download.content.decode("utf-8-sig").count("\n") == 1 + 240


def test_a_file_over_the_size_limit_is_refused(client, personas, settings):
    settings.UPLOAD_MAX_BYTES = 100
    client.force_login(personas.secretariat)
    response = client.post(new_url(personas), {"title": "Big", "file": upload()})
    assert "The file must be smaller than 100" in response.content.decode()
    assert not ActionPlan.objects.filter(title="Big").exists()


def test_the_pages_are_linked_from_the_text_import_and_the_plan_writing_page(client, personas):
    client.force_login(personas.secretariat)
    outline = client.get(
        reverse("workstreams:plan-import-outline", args=[personas.partnership.slug])
    )
    assert new_url(personas) in outline.content.decode()
    author = client.get(reverse("workstreams:plan-author", args=[personas.plan.slug]))
    assert update_url(personas) in author.content.decode()


@pytest.mark.parametrize("actions", [3, 60])
def test_the_preview_takes_the_same_queries_whatever_the_plans_size(
    client, personas, django_assert_max_num_queries, actions
):
    for number in range(actions):
        factories.ActionFactory(workstream=personas.police_workstream, position=number + 1)
    client.force_login(personas.secretariat)
    rows = [[WORKSTREAM_B, f"B.{n}", "x", "Test Constabulary", "", ""] for n in ["i", "ii"]]
    # The session, its person, their memberships, the plan with its partnership, the
    # organisations register, the plan's workstreams, their leads and its actions.
    with django_assert_max_num_queries(8):
        response = client.post(update_url(personas), {"file": upload(rows)})
    assert len(response.context["changes"].retired) == actions - 2 + 1  # and workstream D

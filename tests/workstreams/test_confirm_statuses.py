"""Confirming all the statuses a list shows at once, after a page that lists them."""

import pytest
from django.urls import reverse

from tests import factories
from workstreams.models import StatusReview
from workstreams.selectors import NEWER_UPDATE_SINCE, OWN_UPDATE, REVIEWED_SINCE
from workstreams.views import STATUSES_CONFIRMED

pytestmark = pytest.mark.django_db


@pytest.fixture
def updates(personas):
    """Three statuses awaiting review: two by the police lead, one by the secretariat."""
    b = personas.police_workstream
    return [
        factories.ProgressUpdateFactory(
            action=factories.ActionFactory(workstream=b, label=label, position=position),
            author=author,
        )
        for position, (label, author) in enumerate(
            [("i", personas.police_lead), ("ii", personas.police_lead),
             ("iii", personas.secretariat)], start=1,
        )
    ]  # fmt: skip


def confirm_url(personas):
    return reverse("workstreams:status-reviews-confirm", args=[personas.plan.slug])


def offered(updates, **extra):
    return {"updates": [update.pk for update in updates], "next": "/", **extra}


@pytest.mark.parametrize(
    ("persona", "status", "confirmed"),
    [("secretariat", 302, 2), ("chair", 302, 3), ("police_lead", 403, 0),
     ("council_lead", 403, 0), ("community_member", 403, 0), ("outsider", 404, 0),
     (None, 302, 0)],
)  # fmt: skip
def test_only_the_chair_and_secretariat_confirm_at_once(
    client, personas, updates, persona, status, confirmed
):
    """The secretariat's own update is left out of what they confirm; signed out, the
    request goes to the sign-in page."""
    if persona:
        client.force_login(getattr(personas, persona))
    response = client.post(confirm_url(personas), offered(updates, confirmed="yes"))
    assert response.status_code in {status, 200}
    if persona == "secretariat":
        assert response.status_code == 200, "asked again, since one was left out"
        to_confirm = response.context["batch"].to_confirm
        response = client.post(confirm_url(personas), offered(to_confirm, confirmed="yes"))
    assert response.status_code == status
    if persona is None:
        assert response["Location"].startswith(reverse("login"))
    assert StatusReview.objects.count() == confirmed


def test_the_first_post_lists_what_will_be_confirmed_and_writes_nothing(client, personas, updates):
    client.force_login(personas.chair)
    response = client.post(confirm_url(personas), offered(updates))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Confirm 3 statuses?" in content
    assert content.count('name="updates"') == 3
    assert 'name="confirmed" value="yes"' in content
    assert not StatusReview.objects.exists()

    response = client.post(confirm_url(personas), offered(updates, confirmed="yes"), follow=True)
    assert response.redirect_chain[-1][0] == "/"
    assert STATUSES_CONFIRMED.format(count=3, s="es") in response.content.decode()
    reviews = StatusReview.objects.all()
    assert {(r.update_id, r.reviewer, r.outcome) for r in reviews} == {
        (update.pk, personas.chair, "confirmed") for update in updates
    }


def test_statuses_that_changed_are_left_out_with_why(client, personas, updates):
    first, second, own = updates
    factories.ProgressUpdateFactory(action=first.action, as_at=first.as_at)
    factories.StatusReviewFactory(update=second, reviewer=personas.chair)
    client.force_login(personas.secretariat)
    response = client.post(confirm_url(personas), offered(updates))
    batch = response.context["batch"]
    assert batch.to_confirm == []
    assert {(update, why) for update, why in batch.left_out} == {
        (first, NEWER_UPDATE_SINCE), (second, REVIEWED_SINCE), (own, OWN_UPDATE),
    }  # fmt: skip
    assert "No status left to confirm" in response.content.decode()


def test_a_status_that_changed_between_the_two_steps_stops_the_confirmation(
    client, personas, updates
):
    client.force_login(personas.chair)
    factories.ProgressUpdateFactory(action=updates[0].action, as_at=updates[0].as_at)
    response = client.post(confirm_url(personas), offered(updates, confirmed="yes"))
    assert response.status_code == 200
    assert "changed while you were looking, so nothing was confirmed" in response.content.decode()
    assert not StatusReview.objects.exists()


def test_an_update_of_another_plan_is_refused(client, personas, updates):
    elsewhere = factories.ProgressUpdateFactory()
    client.force_login(personas.chair)
    response = client.post(confirm_url(personas), offered([elsewhere], confirmed="yes"))
    assert response.status_code == 302
    assert not StatusReview.objects.exists()


def test_the_confirmation_page_runs_a_fixed_number_of_queries(
    client, personas, updates, django_assert_max_num_queries
):
    for label in ["iv", "v", "vi", "vii"]:
        factories.ProgressUpdateFactory(
            action=factories.ActionFactory(workstream=personas.council_workstream, label=label)
        )
    client.force_login(personas.chair)
    everything = list(personas.plan.workstreams.values_list("actions__updates", flat=True))
    # 1 session, 1 user, 1 plan with partnership, 1 the viewer's memberships, 1 the
    # updates offered, 1 them with their actions, authors and whether they are reviewed
    with django_assert_max_num_queries(6):
        response = client.post(confirm_url(personas), {"updates": everything})
    assert len(response.context["batch"].to_confirm) == 7


def test_the_list_offers_to_confirm_the_statuses_shown_to_reviewers_only(client, personas, updates):
    url = reverse("overview:plan-actions", args=[personas.plan.slug])
    client.force_login(personas.chair)
    content = client.get(url, {"is_awaiting_review": "on"}).content.decode()
    assert "Confirm the 3 statuses shown awaiting your review" in content
    client.force_login(personas.secretariat)
    content = client.get(url).content.decode()
    assert "Confirm the 2 statuses shown awaiting your review" in content, "not their own"
    client.force_login(personas.police_lead)
    assert "statuses shown awaiting" not in client.get(url).content.decode()

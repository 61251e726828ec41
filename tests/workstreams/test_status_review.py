"""The chair or secretariat confirms or challenges a lead's latest reported status."""

import pytest
from django.urls import reverse

from tests import factories
from workstreams.models import COMMENT_NEEDED_TO_CHALLENGE, StatusReview
from workstreams.views import NEWER_UPDATE_MEANWHILE

pytestmark = pytest.mark.django_db


@pytest.fixture
def update(personas):
    action = factories.ActionFactory(workstream=personas.police_workstream, label="i")
    return factories.ProgressUpdateFactory(action=action, author=personas.police_lead)


def review_url(update, next_url=""):
    url = reverse("workstreams:status-review", args=[update.action_id])
    return f"{url}?next={next_url}" if next_url else url


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("chair", 302),
        ("secretariat", 302),
        ("police_lead", 403),
        ("council_lead", 403),
        ("community_member", 403),
        ("outsider", 404),
    ],
)
def test_only_the_chair_and_secretariat_review(client, personas, update, persona, status):
    client.force_login(getattr(personas, persona))
    response = client.post(
        review_url(update), {"outcome": "confirmed", "reviewed_update": update.pk}
    )
    assert response.status_code == status
    assert StatusReview.objects.count() == (1 if status == 302 else 0)


def test_the_chair_confirms_and_returns_to_where_they_came_from(client, personas, update):
    client.force_login(personas.chair)
    briefing = "/meetings/1/briefing/"
    response = client.post(
        review_url(update),
        {"outcome": "confirmed", "reviewed_update": update.pk, "next": briefing},
    )
    assert response["Location"] == briefing
    review = StatusReview.objects.get()
    assert (review.update, review.reviewer, review.outcome) == (update, personas.chair, "confirmed")


def test_a_challenge_needs_a_comment(client, personas, update):
    client.force_login(personas.chair)
    response = client.post(
        review_url(update), {"outcome": "challenged", "comment": " ", "reviewed_update": update.pk}
    )
    assert COMMENT_NEEDED_TO_CHALLENGE in response.content.decode()
    assert not StatusReview.objects.exists()
    client.post(
        review_url(update),
        {"outcome": "challenged", "comment": "Evidence?", "reviewed_update": update.pk},
    )
    assert StatusReview.objects.get().comment == "Evidence?"


def test_a_review_of_an_update_superseded_meanwhile_is_refused(client, personas, update):
    newer = factories.ProgressUpdateFactory(action=update.action, as_at=update.as_at)
    client.force_login(personas.chair)
    response = client.post(
        review_url(update), {"outcome": "confirmed", "reviewed_update": update.pk}, follow=True
    )
    assert NEWER_UPDATE_MEANWHILE in response.content.decode()
    assert not StatusReview.objects.exists()
    assert f'value="{newer.pk}"' in response.content.decode()


def test_it_never_sends_the_reviewer_to_another_site(client, personas, update):
    client.force_login(personas.chair)
    response = client.post(
        review_url(update),
        {"outcome": "confirmed", "reviewed_update": update.pk, "next": "https://evil.example/"},
    )
    assert response["Location"] == update.action.get_absolute_url()


def test_an_action_with_no_update_has_nothing_to_review(client, personas):
    action = factories.ActionFactory(workstream=personas.police_workstream, label="ii")
    client.force_login(personas.chair)
    assert client.get(reverse("workstreams:status-review", args=[action.pk])).status_code == 404


def test_nobody_reviews_their_own_update(client, personas):
    action = factories.ActionFactory(workstream=personas.police_workstream, label="iii")
    own = factories.ProgressUpdateFactory(action=action, author=personas.secretariat)
    client.force_login(personas.secretariat)
    response = client.post(review_url(own), {"outcome": "confirmed", "reviewed_update": own.pk})
    assert response.status_code == 403
    assert not StatusReview.objects.exists()

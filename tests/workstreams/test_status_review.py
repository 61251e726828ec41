"""The chair or secretariat confirms or challenges a lead's latest reported status."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories
from workstreams.models import (
    COMMENT_NEEDED_TO_CHALLENGE,
    REASON_NEEDED_TO_REVISE,
    REVISED_STATUS_NEEDED,
    REVISED_STATUS_UNCHANGED,
    Action,
    StatusReview,
    status_that_stands,
)
from workstreams.selectors import progress_as_of, with_progress
from workstreams.views import NEWER_UPDATE_MEANWHILE, NONE_LEFT_TO_REVIEW

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


def test_the_page_shows_what_the_lead_reported_and_the_last_confirmed_status(
    client, personas, update, django_assert_max_num_queries
):
    earlier = update
    factories.StatusReviewFactory(update=earlier, reviewer=personas.chair)
    latest = factories.ProgressUpdateFactory(
        action=earlier.action, author=personas.police_lead, status="at-risk", percent_complete=30,
        narrative="The survey is late.", next_steps="Chase the last two centres.",
        evidence_links="https://example.org/survey", as_at=earlier.as_at + datetime.timedelta(1),
    )  # fmt: skip
    client.force_login(personas.chair)
    # 1 session, 1 user, 1 action with workstream, plan, partnership, parent and owner,
    # 1 lead organisations, 1 latest update with author and organisation, 1 the viewer's
    # memberships, 1 the latest update's review, 1 the last confirmed update, 1 its review
    with django_assert_max_num_queries(9):
        response = client.get(review_url(latest))
    content = response.content.decode()
    for shown in ["The survey is late.", "Chase the last two centres.",
                  'href="https://example.org/survey"', "Awaiting review"]:  # fmt: skip
        assert shown in content
    last = response.context["last_confirmed"]
    assert (last.update, last.status) == (earlier, "on-track")
    assert f"Confirmed by {personas.chair} on" in content


def test_a_status_challenged_after_it_was_confirmed_is_not_the_last_confirmed(
    client, personas, update
):
    factories.StatusReviewFactory(update=update, reviewer=personas.chair)
    factories.StatusReviewFactory(
        update=update, reviewer=personas.chair, outcome="challenged", comment="On reflection"
    )
    latest = factories.ProgressUpdateFactory(action=update.action, as_at=update.as_at)
    client.force_login(personas.chair)
    response = client.get(review_url(latest))
    assert response.context["last_confirmed"] is None
    assert "None: no earlier status of this action has been confirmed." in (
        response.content.decode()
    )


@pytest.fixture
def three_waiting(personas, update):
    """B.i (the `update`), B.ii and D.i await review; B.iii's update is the chair's own."""
    b, d = personas.police_workstream, personas.council_workstream
    Action.objects.filter(pk=update.action_id).update(position=1)
    second = factories.ActionFactory(workstream=b, label="ii", position=2)
    own = factories.ActionFactory(workstream=b, label="iii", position=3)
    third = factories.ActionFactory(workstream=d, label="i", position=1)
    factories.ProgressUpdateFactory(action=second, author=personas.police_lead)
    factories.ProgressUpdateFactory(action=own, author=personas.chair)
    factories.ProgressUpdateFactory(action=third, author=personas.council_lead)
    return [Action.objects.get(pk=action.pk) for action in (update.action, second, third)]


def test_after_a_review_the_chair_goes_on_to_the_next_status_awaiting_review(
    client, personas, three_waiting
):
    first, second, third = three_waiting
    client.force_login(personas.chair)
    briefing = "/meetings/1/briefing/"
    confirmed = {"outcome": "confirmed", "next": briefing}
    response = client.post(
        review_url(second.latest_update), confirmed | {"reviewed_update": second.latest_update_id}
    )
    assert (
        response["Location"]
        == f"{review_url(third.latest_update)}?next=%2Fmeetings%2F1%2Fbriefing%2F"
    )
    response = client.post(
        review_url(third.latest_update), confirmed | {"reviewed_update": third.latest_update_id}
    )
    assert response["Location"].startswith(review_url(first.latest_update)), "from the top again"
    response = client.post(
        review_url(first.latest_update),
        confirmed | {"reviewed_update": first.latest_update_id},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == briefing, "none left, not even the chair's own"
    assert NONE_LEFT_TO_REVIEW in response.content.decode()


def revise(client, update, **data):
    return client.post(
        review_url(update),
        {"outcome": "revised", "reviewed_update": update.pk, **data},
    )


def test_the_chair_may_give_a_different_status_with_a_reason(client, personas, update):
    client.force_login(personas.chair)
    for data, message in [
        ({"status": "off-track"}, REASON_NEEDED_TO_REVISE),
        ({"comment": "Two partners are late"}, REVISED_STATUS_NEEDED),
        ({"status": "on-track", "comment": "Same"}, REVISED_STATUS_UNCHANGED),
        ({"status": "complete", "comment": "Done"}, "Select a valid choice"),
    ]:
        response = revise(client, update, **data)
        assert response.status_code == 200
        assert message in response.content.decode()
    assert not StatusReview.objects.exists()
    response = revise(client, update, status="off-track", comment="Two partners are late")
    assert response.status_code == 302
    review = StatusReview.objects.get()
    assert (review.outcome, review.status, review.comment) == (
        "revised", "off-track", "Two partners are late",
    )  # fmt: skip


def test_the_status_given_on_review_is_the_one_that_stands_everywhere(client, personas, update):
    """One rule (models.status_that_stands, selectors.standing_status in SQL): the
    reviewer's status when they revised the lead's, until a later review says otherwise."""
    factories.StatusReviewFactory(
        update=update, reviewer=personas.chair, outcome="revised", status="off-track",
        comment="Two partners are late",
    )  # fmt: skip
    action = update.action
    [now] = with_progress(Action.objects.filter(pk=action.pk))
    [then] = progress_as_of(Action.objects.filter(pk=action.pk), timezone.localdate(), prefix="t")
    assert (now.latest_status, now.latest_reported_status) == ("off-track", "on-track")
    assert (then.t_status, then.t_reported_status) == ("off-track", "on-track")
    [before] = progress_as_of(
        Action.objects.filter(pk=action.pk), timezone.localdate() - datetime.timedelta(1),
        prefix="t",
    )  # fmt: skip
    assert before.t_status == "on-track", "the review was recorded today"
    client.force_login(personas.community_member)
    content = client.get(action.get_absolute_url()).content.decode()
    assert "Given on review; the lead reported On track." in content
    assert 'govuk-tag--pink">Revised</strong>' in content
    factories.StatusReviewFactory(update=update, reviewer=personas.chair)
    [now] = with_progress(Action.objects.filter(pk=action.pk))
    assert now.latest_status == "on-track", "a later confirmation lets the lead's stand"


def test_the_python_and_sql_rules_agree(personas, update):
    for outcome, status in [("confirmed", ""), ("challenged", ""), ("revised", "at-risk")]:
        factories.StatusReviewFactory(
            update=update, reviewer=personas.chair, outcome=outcome, status=status,
            comment="Why",
        )  # fmt: skip
        [now] = with_progress(Action.objects.filter(pk=update.action_id))
        assert now.latest_status == status_that_stands(update.status, outcome, status)

"""A cached fragment is renewed by a change to the partnership it shows, or to what every
partnership shows, and by nothing else; with REDIS_URL the revisions are shared."""

import datetime
import os
import threading
import time
import uuid

import pytest
import redis
from auditlog.registry import auditlog
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse

from hcag import revisions
from hcag.caching import cached_html
from partners.models import Partnership
from tests import factories
from trends.history import log_in_bulk
from workstreams.models import Action, Workstream
from workstreams.services import progress_update_create

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_available() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping())
    except redis.exceptions.ConnectionError:
        return False


@pytest.fixture(params=["locmem", "redis"])
def any_cache(request, settings):
    """Each test once on the one process's memory and once on a Redis every process shares."""
    if request.param == "redis":
        if not redis_available():
            if os.environ.get("CI"):
                pytest.fail(f"CI starts Redis, but none answers at {REDIS_URL}")
            pytest.skip(f"no Redis at {REDIS_URL}")
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": REDIS_URL,
                "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
            }
        }
    yield
    cache.clear()


@pytest.fixture
def two_partnerships(db, django_capture_on_commit_callbacks):
    """Partnerships A and B, each with a plan, a workstream and an action; committed, so
    that nothing of their making is still waiting to renew a revision."""
    with django_capture_on_commit_callbacks(execute=True):
        actions = [
            factories.ActionFactory(workstream=factories.WorkstreamFactory(letter="B"))
            for _ in "AB"
        ]
        lead = factories.PersonFactory()
    return actions, lead


class Renders:
    """A fragment of one partnership, counting how often it is rendered afresh."""

    def __init__(self, partnership_id):
        self.partnership_id = partnership_id
        self.count = 0

    def __call__(self):
        return cached_html("fragment", partnership=self.partnership_id, render=self.render)

    def render(self):
        self.count += 1
        return f"render {self.count}"


def partnership_of(action: Action) -> Partnership:
    return action.workstream.plan.partnership


def test_a_change_in_one_partnership_renews_its_fragments_and_no_others(
    any_cache, two_partnerships, django_capture_on_commit_callbacks
):
    (in_a, in_b), lead = two_partnerships
    a, b = Renders(partnership_of(in_a).pk), Renders(partnership_of(in_b).pk)
    assert (a(), b()) == ("render 1", "render 1")
    with django_capture_on_commit_callbacks(execute=True):
        in_b.text = "Changed in B"
        in_b.save()
    assert (a(), b()) == ("render 1", "render 2"), "B's change leaves A's fragment"
    with django_capture_on_commit_callbacks(execute=True):
        factories.ProgressUpdateFactory(action=in_a, author=lead)
    assert (a(), b()) == ("render 2", "render 2")


def test_a_change_every_partnership_shows_renews_them_all(
    any_cache, two_partnerships, django_capture_on_commit_callbacks
):
    (in_a, in_b), _ = two_partnerships
    a, b = Renders(partnership_of(in_a).pk), Renders(partnership_of(in_b).pk)
    a(), b()
    with django_capture_on_commit_callbacks(execute=True):
        organisation = in_a.workstream.lead_organisations.first() or factories.OrganisationFactory()
        organisation.name = "Renamed everywhere"
        organisation.save()
    assert (a(), b()) == ("render 2", "render 2")


def test_a_fragment_of_no_one_partnership_is_renewed_by_any_change(
    two_partnerships, django_capture_on_commit_callbacks
):
    (_, in_b), lead = two_partnerships
    anywhere = Renders(None)
    anywhere()
    with django_capture_on_commit_callbacks(execute=True):
        factories.ProgressUpdateFactory(action=in_b, author=lead)
    assert anywhere() == "render 2"


def test_moving_an_action_between_partnerships_renews_both(
    two_partnerships, django_capture_on_commit_callbacks
):
    (in_a, in_b), _ = two_partnerships
    a, b = Renders(partnership_of(in_a).pk), Renders(partnership_of(in_b).pk)
    a(), b()
    with django_capture_on_commit_callbacks(execute=True):
        in_a.workstream = in_b.workstream
        in_a.save()
    assert (a(), b()) == ("render 2", "render 2")


def test_a_deletion_renews_only_the_partnership_it_was_in(
    two_partnerships, django_capture_on_commit_callbacks
):
    (in_a, in_b), _ = two_partnerships
    a, b = Renders(partnership_of(in_a).pk), Renders(partnership_of(in_b).pk)
    a(), b()
    with django_capture_on_commit_callbacks(execute=True):
        Action.objects.get(pk=in_b.pk).delete()
    assert (a(), b()) == ("render 1", "render 2")


def test_counts_logged_in_bulk_renew_their_partnership(
    two_partnerships, django_capture_on_commit_callbacks
):
    (in_a, in_b), _ = two_partnerships
    a, b = Renders(partnership_of(in_a).pk), Renders(partnership_of(in_b).pk)
    with django_capture_on_commit_callbacks(execute=True):
        count = factories.CountFactory(measure__partnership=partnership_of(in_b))
    a(), b()
    with django_capture_on_commit_callbacks(execute=True):
        log_in_bulk([(None, count)])
    assert (a(), b()) == ("render 1", "render 2")


class Abandoned(Exception):
    pass


def test_a_change_rolled_back_renews_nothing(two_partnerships, django_capture_on_commit_callbacks):
    (in_a, in_b), lead = two_partnerships
    a, b = Renders(partnership_of(in_a).pk), Renders(partnership_of(in_b).pk)
    a(), b()

    def update_b_then_abandon():
        with transaction.atomic():
            factories.ProgressUpdateFactory(action=in_b, author=lead)
            raise Abandoned

    with pytest.raises(Abandoned):
        update_b_then_abandon()
    with django_capture_on_commit_callbacks(execute=True):
        factories.ProgressUpdateFactory(action=in_a, author=lead)
    assert (a(), b()) == ("render 2", "render 1")


def test_a_transactions_own_changes_are_seen_before_it_commits(two_partnerships):
    """Inside the transaction that made it, a change is shown at once, though the shared
    revision moves on only when it commits."""
    (in_a, _), lead = two_partnerships
    a = Renders(partnership_of(in_a).pk)
    a()
    factories.ProgressUpdateFactory(action=in_a, author=lead)
    assert a() == "render 2"
    assert a() == "render 2", "and cached until the next change"


def test_working_out_the_revision_costs_no_query(two_partnerships, django_assert_num_queries):
    (in_a, _), _ = two_partnerships
    with django_assert_num_queries(0):
        revisions.current(partnership_of(in_a).pk)


@pytest.mark.parametrize("model", auditlog.get_models(), ids=lambda model: model.__name__)
def test_every_audited_model_says_which_partnership_it_belongs_to(model):
    path = revisions.registered_paths()[model]
    if path is revisions.EVERY_PARTNERSHIP:
        assert model._meta.label in {"partners.Organisation", "partners.Person"}
        return
    here = model
    for name in path.split("__"):
        field = here._meta.pk if name == "pk" else here._meta.get_field(name)
        here = field.related_model or here
    assert here is Partnership, path


def test_the_dashboard_of_one_partnership_stays_cached_through_an_update_in_another(
    client, personas, django_capture_on_commit_callbacks
):
    """The chair's cached dashboard is served while leads elsewhere update, and renewed by
    an update in their own plan."""
    with django_capture_on_commit_callbacks(execute=True):
        action = factories.ActionFactory(workstream=personas.police_workstream)
        elsewhere = factories.ActionFactory()
    url = reverse("overview:dashboard", args=[personas.plan.slug])
    client.force_login(personas.chair)
    client.get(url)
    # Renamed behind the audit log's back: shown only by a fresh render.
    Workstream.objects.filter(pk=personas.police_workstream.pk).update(title="Renamed quietly")

    def update(on):
        with django_capture_on_commit_callbacks(execute=True):
            progress_update_create(
                action=on, author=personas.police_lead, status="on-track",
                percent_complete=10, confidence="high", as_at=datetime.date.today(),
            )  # fmt: skip

    update(elsewhere)
    assert "Renamed quietly" not in client.get(url).content.decode()
    update(action)
    assert "Renamed quietly" in client.get(url).content.decode()


class SlowRenders(Renders):
    def render(self):
        time.sleep(0.3)
        return super().render()


def test_requests_for_a_fragment_being_rendered_wait_for_it_rather_than_render_it_again(
    two_partnerships,
):
    (in_a, _), _ = two_partnerships
    a = SlowRenders(partnership_of(in_a).pk)
    shown = []
    readers = [threading.Thread(target=lambda: shown.append(a())) for _ in range(3)]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join()
    assert shown == ["render 1"] * 3
    assert a.count == 1

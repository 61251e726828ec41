"""Time the dashboard, the chair's briefing, "Your actions" and a statistics page on a
synthetic plan.

Each size is built in a throw-away database (a test database of the configured engine,
created and dropped by this command), then each page is requested through the Django
test client: a few warm-up requests, then the median of the timed ones.
"""

import argparse
import gc
import io
import random
import statistics
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone

from demo import data as demo_data
from demo.services import DemoLoad
from meetings.models import Meeting
from partners.models import Membership, Organisation, Partnership, Person, Strand
from trends.models import Area, Count, Measure
from trends.periods import MONTH, Period
from workstreams.labels import roman
from workstreams.models import (
    Action,
    ActionPlan,
    Objective,
    Priority,
    ProgressUpdate,
    StatusReview,
    Workstream,
    refresh_latest_updates,
)

WORKSTREAMS = 20
LEADS = 10
SUB_ITEMS_EVERY = 5  # one numbered action in five has three sub-items
BATCH = 5000
STATUSES = [choice for choice, _ in ProgressUpdate.Status.choices]
STATISTICS_MONTHS = 60  # per measure, area and strand (and all strands)


class Command(BaseCommand):
    help = (
        "Build a synthetic partnership in a throw-away database and time the dashboard, "
        "the chair's briefing, “Your actions”, a measure's trend page and a minimal "
        "signed-in page, from the cache and with it emptied before each request, a "
        "progress update's POST, and then the demo's committee report and briefing PDFs. "
        "Prints one line per figure: page=<name> actions=<n> median_ms=<x> p90_ms=<y> "
        "queries=<q> kb=<k> ratio_to_minimal=<r>."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--sizes",
            default="1000",
            help="Comma-separated numbers of actions, one run each (default: 1000; the issue's "
            "second size is 10000).",
        )
        parser.add_argument(
            "--updates-per-action",
            type=int,
            default=20,
            help="Progress updates per action, on average (default: 20).",
        )
        parser.add_argument(
            "--requests",
            type=int,
            default=20,
            help="Timed requests per page, after three warm-up requests (default: 20).",
        )
        parser.add_argument("--seed", type=int, default=2018, help="Seed for the random data.")
        parser.add_argument(
            "--documents",
            action=argparse.BooleanOptionalAction,
            default=True,
            help="Also time the demo's committee report PDF (export_committee_report) and "
            "its chair's briefing PDF, in a throw-away database of their own (default: yes).",
        )
        parser.add_argument(
            "--document-runs",
            type=int,
            default=5,
            help="Timed runs of each PDF, after one warm-up (default: 5; each takes seconds).",
        )

    def handle(
        self, *args, sizes, updates_per_action, requests, seed, documents, document_runs, **options
    ):
        try:
            counts = [int(size) for size in sizes.split(",")]
        except ValueError:
            raise CommandError("--sizes takes whole numbers separated by commas.") from None
        if any(count < WORKSTREAMS for count in counts) or min(requests, document_runs) < 1:
            raise CommandError(
                f"Each size must be at least {WORKSTREAMS}; --requests and --document-runs "
                "at least 1."
            )
        hosts = [*settings.ALLOWED_HOSTS, "testserver"]
        with override_settings(DEBUG=False, ALLOWED_HOSTS=hosts):
            self.run(counts, updates_per_action, requests, seed)
            if documents:
                self.run_documents(document_runs)

    def run_documents(self, runs):
        with throwaway_database(self.stdout):
            self.stdout.write("Loading the demo…")
            DemoLoad(today=timezone.localdate()).run()
            _analyze()
            for line in time_documents(runs):
                self.stdout.write(line)

    def run(self, counts, updates_per_action, requests, seed):
        self.stdout.write(f"Database: {connection.vendor}; {requests} timed requests per page.")
        for count in counts:
            with throwaway_database(self.stdout):
                self.stdout.write(
                    f"Building {count} actions, ~{count * updates_per_action} updates…"
                )
                started = time.perf_counter()
                world = build_partnership(count, updates_per_action, random.Random(seed))  # noqa: S311
                _analyze()
                self.stdout.write(f"  built in {time.perf_counter() - started:.1f} s")
                for line in time_pages(world, count, requests):
                    self.stdout.write(line)


class throwaway_database:
    """A test database of the configured engine, created on entry and dropped on exit.
    For SQLite it is a temporary file, as a real installation's would be. (So run the
    command on its own: an in-memory SQLite connection, as in a test run, stays open.)"""

    def __init__(self, stdout):
        self.stdout = stdout

    def __enter__(self):
        self.old_name = connection.settings_dict["NAME"]
        self.old_test_name = connection.settings_dict["TEST"].get("NAME")
        if connection.vendor == "sqlite":
            self.directory = tempfile.TemporaryDirectory()
            connection.settings_dict["TEST"]["NAME"] = str(Path(self.directory.name) / "bench.db")
        else:  # a name of its own, so that it never replaces another test database
            connection.settings_dict["TEST"]["NAME"] = f"hcag_bench_{uuid.uuid4().hex[:12]}"
        self.stdout.write("Creating a throw-away database…")
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)

    def __exit__(self, *exc):
        connection.creation.destroy_test_db(self.old_name, verbosity=0)
        connection.settings_dict["TEST"]["NAME"] = self.old_test_name
        if connection.vendor == "sqlite":
            self.directory.cleanup()


def _analyze():
    """Gather the planner's statistics, as autovacuum soon would on a real installation
    after loading this much: without them PostgreSQL plans every query for one row."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


class World:
    def __init__(self, plan, chair, lead, next_meeting, measure):
        self.plan, self.chair, self.lead, self.next_meeting = plan, chair, lead, next_meeting
        self.measure = measure


def build_partnership(action_count: int, updates_per_action: int, rng: random.Random) -> World:
    today = timezone.localdate()
    partnership = Partnership.objects.create(name="Benchmark partnership", slug="benchmark")
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"Benchmark organisation {n}", short_name=f"ORG{n}") for n in range(LEADS)
    )
    chair = _member(partnership, "bench.chair", None, Membership.Role.CHAIR)
    # A chair must have a second factor (accounts.middleware): the pages timed are the
    # ones behind it.
    TOTP.activate(chair, generate_totp_secret())
    lead = _member(partnership, "bench.lead", organisations[0], Membership.Role.MEMBER)
    plan = ActionPlan.objects.create(partnership=partnership, title="Benchmark plan", slug="bench")
    priorities = Priority.objects.bulk_create(
        Priority(plan=plan, label=label, title=f"Priority {label}") for label in "abc"
    )
    objectives = Objective.objects.bulk_create(
        Objective(plan=plan, label=label, title=f"Objective {label}") for label in "abcd"
    )
    for index, objective in enumerate(objectives):
        objective.priorities.add(priorities[index % len(priorities)])
    workstreams = Workstream.objects.bulk_create(
        Workstream(plan=plan, letter=chr(ord("A") + n), title=f"Workstream {n}")
        for n in range(WORKSTREAMS)
    )
    for index, workstream in enumerate(workstreams):
        workstream.lead_organisations.add(organisations[index % LEADS])
        workstream.objectives.add(objectives[index % len(objectives)])
    leaves = _actions(workstreams, action_count, today, rng)
    _updates(leaves, updates_per_action, chair, today, rng)
    _meetings(partnership, today)
    next_meeting = Meeting.objects.filter(partnership=partnership).on_or_after(today).first()
    measure = _statistics(partnership, objectives, today, rng)
    return World(plan, chair, lead, next_meeting, measure)


def _member(partnership, username, organisation, role) -> Person:
    person = Person.objects.create(username=username, organisation=organisation)
    Membership.objects.create(partnership=partnership, person=person, role=role)
    return person


def _actions(workstreams, action_count, today, rng) -> list[Action]:
    """`action_count` actions spread over the workstreams; every fifth numbered action has
    three sub-items. Returns those without sub-items, which take the updates."""
    per_workstream = action_count // len(workstreams)
    top_level, sub_items = [], []
    for workstream in workstreams:
        made, position = 0, 0
        while made < per_workstream:
            position += 1
            target = today + timedelta(days=rng.randint(-200, 400))
            action = Action(
                workstream=workstream,
                label=roman(position),
                position=position,
                text=f"Action {position}",
                target_date=target,
            )
            top_level.append(action)
            made += 1
            if position % SUB_ITEMS_EVERY == 0 and made + 3 <= per_workstream:
                sub_items.extend((action, n) for n in range(3))
                made += 3
    Action.objects.bulk_create(top_level, batch_size=BATCH)
    children = Action.objects.bulk_create(
        [
            Action(
                workstream=parent.workstream,
                parent=parent,
                label="abc"[n],
                position=n + 1,
                text=f"Sub-item {n}",
            )
            for parent, n in sub_items
        ],
        batch_size=BATCH,
    )
    parents = {parent.pk for parent, _ in sub_items}
    return [a for a in top_level if a.pk not in parents] + children


def _updates(leaves, updates_per_action, author, today, rng):
    total = len(leaves) * updates_per_action
    updates = []
    for _ in range(total):
        status = rng.choice(STATUSES)
        updates.append(
            ProgressUpdate(
                action=rng.choice(leaves),
                author=author,
                status=status,
                percent_complete=100 if status == "complete" else rng.randint(0, 95),
                confidence=rng.choice(["high", "medium", "low"]),
                narrative="Progress.",
                as_at=today - timedelta(days=rng.randint(0, 730)),
            )
        )
    ProgressUpdate.objects.bulk_create(updates, batch_size=BATCH)
    reviewed = ProgressUpdate.objects.order_by("-as_at")[: len(leaves) // 4]
    StatusReview.objects.bulk_create(
        (StatusReview(update=update, reviewer=author, outcome="confirmed") for update in reviewed),
        batch_size=BATCH,
    )
    refresh_latest_updates(Action.objects.filter(pk__in=[leaf.pk for leaf in leaves]))


def _meetings(partnership, today):
    Meeting.objects.bulk_create(
        Meeting(
            partnership=partnership,
            date=today + timedelta(days=91 * quarter),
            status="held" if quarter < 0 else "scheduled",
        )
        for quarter in range(-8, 4)
        if quarter != 0
    )


def _statistics(partnership, objectives, today, rng) -> Measure:
    """Two measures, each with five years of monthly counts for three areas, by strand and
    for all strands; some small enough to be hidden."""
    areas = Area.objects.bulk_create(
        Area(partnership=partnership, name=f"Area {n}") for n in range(3)
    )
    strands = [None, *Strand.objects.all()]
    first = Period(today.replace(day=1), MONTH).shifted(-STATISTICS_MONTHS)
    measures = []
    for name in ("Recorded hate crimes", "Reported hate incidents"):
        measure = Measure.objects.create(
            partnership=partnership, name=name, slug=Measure.slug_for(name)
        )
        measure.objectives.set(objectives[:2])
        Count.objects.bulk_create(
            Count(
                measure=measure,
                area=area,
                strand=strand,
                period_kind=MONTH,
                period_start=first.shifted(month).start,
                value=rng.randint(0, 12) if strand else rng.randint(30, 60),
            )
            for area in areas
            for strand in strands
            for month in range(STATISTICS_MONTHS)
        )
        measures.append(measure)
    return measures[0]


def time_pages(world: World, action_count: int, requests: int) -> list[str]:
    # As the WSGI entry point does once the application is loaded (hcag/wsgi.py), so
    # that full garbage collections do not scan what lives as long as the process.
    gc.collect()
    gc.freeze()
    dashboard = reverse("overview:dashboard", args=[world.plan.slug])
    briefing = reverse("meetings:briefing", args=[world.next_meeting.pk])
    # (name, user, url); each is timed from the cache and, as `<name>_uncached`, with the
    # cache emptied before every request, as the first view after a change is.
    pages = [
        ("minimal", world.chair, reverse("accessibility-statement")),
        ("dashboard", world.chair, dashboard),
        ("briefing", world.chair, briefing),
        ("plan", world.chair, reverse("workstreams:plan-detail", args=[world.plan.slug])),
        ("plan_actions", world.chair, reverse("overview:plan-actions", args=[world.plan.slug])),
        ("my_actions", world.lead, reverse("overview:my-actions")),
        ("trends", world.chair, world.measure.get_absolute_url()),
    ]
    results = {}
    for name, user, url in pages:
        client = Client()
        client.force_login(user)
        results[name] = _time(client, url, requests, uncached=False)
        results[f"{name}_uncached"] = _time(client, url, requests, uncached=True)
    for uncached in (False, True):
        name = "progress_update_uncached" if uncached else "progress_update"
        results[name] = _time_update(world, requests, uncached=uncached)
    minimal = results["minimal"].median
    return [_line(name, timing, action_count, minimal) for name, timing in results.items()]


def time_documents(runs: int) -> list[str]:
    """The demo's committee report PDF, as export_committee_report writes it, and its
    chair's briefing PDF for the next meeting, each beside the minimal page."""
    plan = ActionPlan.objects.get(slug=demo_data.PLAN["slug"])
    chair = Person.objects.get(username="chair")
    TOTP.activate(chair, generate_totp_secret())
    client = Client()
    client.force_login(chair)
    meeting = (
        Meeting.objects.filter(partnership=plan.partnership)
        .on_or_after(timezone.localdate())
        .first()
    )
    actions = Action.objects.filter(workstream__plan=plan).count()
    minimal = _time(client, reverse("accessibility-statement"), 20, uncached=True)
    briefing_pdf = reverse("meetings:briefing-pdf", args=[meeting.pk])
    results = {
        "minimal_demo": minimal,
        "committee_report_pdf": _time_export(plan, runs),
        "briefing_pdf": _time(client, briefing_pdf, runs, uncached=True, warm_ups=1),
    }
    return [_line(name, timing, actions, minimal.median) for name, timing in results.items()]


def _time_export(plan: ActionPlan, runs: int) -> "Timing":
    """export_committee_report, run as from the command line, into a temporary file."""
    with tempfile.TemporaryDirectory() as directory:
        output = Path(directory) / "report.pdf"

        def export():
            call_command(
                "export_committee_report",
                plan=plan.slug,
                format="pdf",
                output=str(output),
                stdout=io.StringIO(),
            )
            return output.stat().st_size

        return _timing(export, runs, uncached=True, warm_ups=1)


def _line(name: str, timing: "Timing", actions: int, minimal: float) -> str:
    return (
        f"page={name} actions={actions} median_ms={timing.median:.1f} "
        f"p90_ms={timing.p90:.1f} queries={timing.queries} kb={timing.kb:.1f} "
        f"ratio_to_minimal={timing.median / minimal:.1f}"
    )


class Timing:
    def __init__(self, timings: list[float], queries: int, size: int):
        ordered = sorted(timings)
        self.median = statistics.median(ordered)
        self.p90 = ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]
        self.queries, self.kb = queries, size / 1024


def _time(client: Client, url: str, requests: int, *, uncached: bool, warm_ups=3) -> Timing:
    return _timing(
        lambda: len(_get(client, url).content), requests, uncached=uncached, warm_ups=warm_ups
    )


def _timing(call, runs: int, *, uncached: bool, warm_ups: int) -> Timing:
    """`call` (which returns the size of what it made) timed `runs` times after
    `warm_ups`, its queries counted on one more call; with `uncached`, the cache is
    emptied before that call and each timed one."""
    for _ in range(warm_ups):
        call()
    if uncached:
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        size = call()
    # Counted now: the log empties when the next request starts.
    query_count = len(queries)
    timings = []
    for _ in range(runs):
        if uncached:
            cache.clear()
        started = time.perf_counter()
        call()
        timings.append((time.perf_counter() - started) * 1000)
    return Timing(timings, query_count, size)


def _time_update(world: World, requests: int, *, uncached: bool) -> Timing:
    """A lead's progress update posted from the action page (the redirect not followed)."""
    action = Action.objects.filter(
        workstream__lead_organisations=world.lead.organisation, sub_items__isnull=True
    ).first()
    url = reverse("workstreams:progress-update-add", args=[action.pk])
    client = Client()
    client.force_login(world.lead)
    today = timezone.localdate()

    def post():
        response = client.post(
            url,
            {
                "submission": str(uuid.uuid4()),
                "status": "on-track",
                "percent_complete": "50",
                "confidence": "high",
                "narrative": "Progress.",
                "as_at_0": today.day,
                "as_at_1": today.month,
                "as_at_2": today.year,
            },
        )
        if response.status_code != 302:
            raise CommandError(f"{url} answered {response.status_code}")
        return len(response.content)

    return _timing(post, requests, uncached=uncached, warm_ups=1)


def _get(client: Client, url: str):
    response = client.get(url)
    if response.status_code != 200:
        raise CommandError(f"{url} answered {response.status_code}")
    return response

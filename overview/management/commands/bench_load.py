"""Load the service as production serves it: gunicorn on loopback with 2 and then 4
workers, PostgreSQL and Redis, and locust's users (bench/locustfile.py) signed in as the
demo's leads.

The demo is loaded into a throw-away database (as bench_dashboard's). For each number of
workers: a mixed run (reads of the dashboard, the plan, "Your actions" and the briefing,
and progress updates), after which the updates the server accepted are counted in the
database; then the dashboard read as fast as it is answered while updaters keep changing
it (so it is mostly rendered afresh), and the minimal page read the same way. Last, two
servers on two ports share the database and Redis: a session from one works on the
other, an update through one renews the other's dashboard at once, and failed sign-ins
through both count towards one lockout.
"""

import http.cookiejar
import json
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import quote, urlencode, urlsplit
from urllib.request import HTTPCookieProcessor, build_opener

from django.conf import settings
from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from demo.services import DemoLoad
from meetings.models import Meeting
from overview.management.commands.bench_dashboard import throwaway_database
from partners.models import Person
from workstreams.models import Action, ProgressUpdate

LOCUSTFILE = Path(settings.BASE_DIR) / "bench" / "locustfile.py"
# Only partner leads: the chair and the secretariat must sign in with a second factor.
LEADS = ["police.lead", "council.lead"]
NARRATIVE = "Load benchmark."  # what locust's updates say, to count them afterwards
NOT_TIMED = {"sign-in page", "sign in"}
# One for every server of the run, as servers sharing sessions share it.
SECRET_KEY = secrets.token_hex(32)


class Command(BaseCommand):
    help = (
        "Serve the demo with gunicorn on loopback (PostgreSQL and Redis, from DATABASE_URL "
        "and REDIS_URL; Redis's database is emptied) and load it with locust: prints "
        "throughput, p50/p99 latency and errors for each page and number of workers, the "
        "updates accepted against those in the database, and the dashboard's throughput "
        "while updates keep changing it against the minimal page's."
    )

    def add_arguments(self, parser):
        parser.add_argument("--workers", default="2,4", help="gunicorn workers, one run each.")
        parser.add_argument("--users", type=int, default=8, help="Simultaneous users.")
        parser.add_argument(
            "--seconds", type=int, default=20, help="Length of each run, at most 30 (default 20)."
        )
        parser.add_argument("--port", type=int, default=8765, help="Loopback port to serve on.")

    def handle(self, *args, workers, users, seconds, port, **options):
        if connection.vendor != "postgresql" or not settings.REDIS_URL:
            raise CommandError("bench_load needs DATABASE_URL on PostgreSQL and REDIS_URL.")
        if not 1 <= seconds <= 30:
            raise CommandError("--seconds must be from 1 to 30.")
        worker_counts = [int(count) for count in workers.split(",")]
        with throwaway_database(self.stdout):
            DemoLoad(today=timezone.localdate(), progress=lambda message: None).run()
            # The new database's records have ids that an earlier one's had: nothing cached
            # for that one may be served.
            cache.clear()
            setup = load_setup()
            self.stdout.write(
                f"Machine: {os.cpu_count()} cores; {users} users; {seconds} s a run; "
                f"people: {', '.join(LEADS)} (password sign-in; no second factor)."
            )
            for count in worker_counts:
                with gunicorn(count, port) as base_url:
                    self.runs(count, base_url, setup, users, seconds)
            with gunicorn(1, port) as first, gunicorn(1, port + 1) as second:
                for check, holds in two_servers(first, second, setup):
                    self.stdout.write(f"two_servers {check}={'yes' if holds else 'NO'}")

    def runs(self, workers, base_url, setup, users, seconds):
        before = _benchmark_updates()
        mixed = locust(base_url, setup, ["Lead"], users, seconds)
        found = _benchmark_updates() - before
        for name, figures in sorted(mixed.items()):
            self.stdout.write(line(workers, "mixed", name, figures))
        self.stdout.write(line(workers, "mixed", "all", combined(list(mixed.values()))))
        accepted = mixed.get("progress update", NONE).successes
        self.stdout.write(
            f"workers={workers} updates_accepted={accepted} updates_in_database={found} "
            f"lost={max(accepted - found, 0)}"
        )
        readers = max(users - 2, 1)
        busy = locust(base_url, setup, ["DashboardReader", "Updater"], readers + 2, seconds)
        quiet = locust(base_url, setup, ["MinimalReader"], readers, seconds)
        dashboard, minimal = busy.get("dashboard", NONE), quiet.get("minimal", NONE)
        for run, name, figures in [
            ("dashboard_under_updates", "dashboard", dashboard),
            ("dashboard_under_updates", "progress update", busy.get("progress update", NONE)),
            ("minimal", "minimal", minimal),
        ]:
            self.stdout.write(line(workers, run, name, figures))
        ratio = dashboard.throughput / minimal.throughput if minimal.throughput else 0
        self.stdout.write(
            f"workers={workers} dashboard_under_updates_to_minimal_throughput={ratio:.0%}"
        )


class Figures:
    """One page's requests in a run, over the run's seconds from its first timed request
    to its last."""

    def __init__(self, requests: list, seconds: float):
        self.requests = requests  # (ended at, milliseconds, failed)
        self.seconds = seconds

    @property
    def successes(self) -> int:
        return sum(1 for *_, failed in self.requests if not failed)

    @property
    def errors(self) -> int:
        return len(self.requests) - self.successes

    @property
    def throughput(self) -> float:
        return len(self.requests) / self.seconds if self.seconds else 0.0

    def percentile(self, percent: int) -> float:
        times = sorted(milliseconds for _, milliseconds, _ in self.requests)
        if len(times) < 2:
            return times[0] if times else 0.0
        return statistics.quantiles(times, n=100, method="inclusive")[percent - 1]


NONE = Figures([], 0)


def combined(figures: list[Figures]) -> Figures:
    return Figures([request for each in figures for request in each.requests], figures[0].seconds)


def line(workers: int, run: str, name: str, figures: Figures) -> str:
    return (
        f"workers={workers} run={run} page={name.replace(' ', '_')} "
        f"requests={len(figures.requests)} rps={figures.throughput:.1f} "
        f"p50_ms={figures.percentile(50):.0f} p99_ms={figures.percentile(99):.0f} "
        f"errors={figures.errors}"
    )


def load_setup() -> dict:
    """What locust's users need: the pages' addresses and each lead's actions."""
    plan_slug = Action.objects.values_list("workstream__plan__slug", flat=True).first()
    meeting = Meeting.objects.filter(date__gte=timezone.localdate()).order_by("date").first()
    people = []
    for username in LEADS:
        person = Person.objects.get(username=username)
        actions = [
            action
            for action in Action.objects.filter(workstream__plan__slug=plan_slug)
            if person.has_perm("workstreams.add_progressupdate", action)
        ]
        people.append(
            {
                "username": username,
                "password": f"{username}-demo-2018",
                "actions": [
                    {
                        "page": action.get_absolute_url(),
                        "update": reverse("workstreams:progress-update-add", args=[action.pk]),
                    }
                    for action in actions
                ],
            }
        )
    return {
        "urls": {
            "sign_in": reverse("login"),
            "dashboard": reverse("overview:dashboard", args=[plan_slug]),
            "plan": reverse("workstreams:plan-detail", args=[plan_slug]),
            "my_actions": reverse("overview:my-actions"),
            "briefing": reverse("meetings:briefing", args=[meeting.pk]),
            "minimal": reverse("accessibility-statement"),
        },
        "people": people,
    }


CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# The dashboard's cached part, between its heading and the end of the page's content.
DASHBOARD_BODY = re.compile(r"Where the plan stands</h1>(.*)</main>", re.DOTALL)


class Browser:
    """One person's cookies, sent to whichever server is asked."""

    def __init__(self):
        self.opener = build_opener(HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, url: str, data: bytes | None = None) -> tuple[int, str, str]:
        """Status, the address landed on after any redirects, and the page."""
        try:
            with self.opener.open(url, data, timeout=60) as response:
                return response.status, response.url, response.read().decode()
        except HTTPError as error:
            return error.code, url, error.read().decode()

    def post(self, url: str, form_url: str, fields: dict) -> tuple[int, str, str]:
        _, _, form = self.get(form_url)
        token = CSRF.search(form)
        data = urlencode({"csrfmiddlewaretoken": token.group(1) if token else "", **fields})
        return self.get(url, data.encode())

    def sign_in(self, base_url: str, username: str, password: str) -> bool:
        sign_in = base_url + SIGN_IN
        status, landed, _ = self.post(sign_in, sign_in, {"login": username, "password": password})
        return status == 200 and not landed.endswith(SIGN_IN)


SIGN_IN = "/sign-in/"


def two_servers(first: str, second: str, setup: dict):
    """(check, whether it holds) for two servers sharing the database and Redis."""
    lead = setup["people"][0]
    dashboard = setup["urls"]["dashboard"]
    browser = Browser()
    browser.sign_in(first, lead["username"], lead["password"])
    _, landed, _ = browser.get(second + dashboard)
    yield "session_from_one_works_on_the_other", urlsplit(landed).path == dashboard

    def dashboard_body() -> str:
        _, _, page = browser.get(second + dashboard)
        found = DASHBOARD_BODY.search(page)
        return found.group(1) if found else ""

    before = dashboard_body()
    action = lead["actions"][0]
    today = timezone.localdate()
    browser.post(
        first + action["update"],
        first + action["page"],
        {
            "submission": secrets.token_hex(16),
            # No update of the load runs says this, so the dashboard must change.
            "status": "complete",
            "percent_complete": "100",
            "confidence": "high",
            "narrative": "Through the first server.",
            "as_at_0": today.day,
            "as_at_1": today.month,
            "as_at_2": today.year,
        },
    )
    # Cached by the second server before the update, so renewed only if its revision moved.
    yield "update_through_one_on_the_others_dashboard", bool(before) and dashboard_body() != before
    stranger = Browser()
    for server in [first, second] * ((settings.AXES_FAILURE_LIMIT + 1) // 2):
        stranger.sign_in(server, "community.member", "not-the-password")
    signed_in = stranger.sign_in(second, "community.member", "community.member-demo-2018")
    yield "sign_in_lockout_counts_across_both", not signed_in


def _benchmark_updates() -> int:
    return ProgressUpdate.objects.filter(narrative=NARRATIVE).count()


def locust(base_url, setup, user_classes, users, seconds) -> dict[str, Figures]:
    with tempfile.NamedTemporaryFile(suffix=".json") as results:
        run = subprocess.run(  # noqa: S603 - locust from our virtual environment, fixed arguments
            [
                str(Path(sys.executable).with_name("locust")),
                *("-f", str(LOCUSTFILE), "--headless", "--only-summary"),
                *("--users", str(users), "--spawn-rate", str(users)),
                *("--run-time", f"{seconds}s", "--stop-timeout", "10"),
                *("--host", base_url, "--loglevel", "ERROR"),
                *user_classes,
            ],
            env={**os.environ, "BENCH_LOAD": json.dumps(setup), "BENCH_LOAD_RESULTS": results.name},
            capture_output=True,
            check=False,
            timeout=seconds + 60,
        )
        recorded = json.loads(Path(results.name).read_text() or "{}")
    timed = {name: rows for name, rows in recorded.items() if name not in NOT_TIMED}
    if not timed:
        raise CommandError(f"locust timed no request: {run.stderr[-2000:]}")
    ends = [ended for rows in timed.values() for ended, *_ in rows]
    seconds = max(ends) - min(ends) if ends else 0
    return {name: Figures(rows, seconds) for name, rows in timed.items()}


class gunicorn:
    """gunicorn serving this database and Redis on a loopback port, with production
    settings over plain HTTP, until the block ends."""

    def __init__(self, workers: int, port: int):
        self.workers, self.port = workers, port

    def __enter__(self) -> str:
        environment = {
            **serving_environment(),
            "WEB_CONCURRENCY": str(self.workers),
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
        }
        # Production settings serve the static files WhiteNoise finds in its manifest.
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
            cwd=settings.BASE_DIR,
            env=environment,
            check=True,
        )
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(  # noqa: S603 - gunicorn from our virtual environment
            [
                str(Path(sys.executable).with_name("gunicorn")),
                *("-c", "hcag/gunicorn.conf.py", "--access-logfile", os.devnull, "hcag.wsgi"),
            ],
            cwd=settings.BASE_DIR,
            env=environment,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_for(self.port, self.process)
        except CommandError:
            self.__exit__()
            raise
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=60)
        self.log.seek(0)
        errors = [text for text in self.log.read().decode().splitlines() if "Traceback" in text]
        self.log.close()
        if errors:
            raise CommandError(f"gunicorn's workers raised {len(errors)} errors.")


def serving_environment() -> dict:
    """Production settings, over plain HTTP on loopback, on this (throw-away) database."""
    database = connection.settings_dict
    credentials = quote(database["USER"]) + (
        f":{quote(database['PASSWORD'])}" if database["PASSWORD"] else ""
    )
    address = f"{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}"
    return {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"postgres://{credentials}@{address}/{database['NAME']}",
        "REDIS_URL": settings.REDIS_URL,
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "SECURE_HSTS_SECONDS": "0",
    }


def _wait_for(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise CommandError("gunicorn stopped before it answered.")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise CommandError(f"gunicorn did not answer on port {port} within a minute.")

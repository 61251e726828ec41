"""The load benchmark's users, run by `manage.py bench_load` through locust, headless.

Leads sign in with their passwords, as in the demo, then read the dashboard, the plan,
"Your actions" and the briefing and post progress updates on their own actions.
`bench_load` passes what they need in BENCH_LOAD (JSON): the pages' addresses, and each
person's username, password and their actions' pages and update addresses. Locust's
own options (--host, --users, --run-time) and the user classes to run come from its
command line.
"""

import datetime
import itertools
import json
import os
import random
import re
import time
import uuid
from collections import defaultdict

from locust import FastHttpUser, between, constant, events, task

SETUP = json.loads(os.environ.get("BENCH_LOAD", "{}"))
URLS = SETUP.get("urls", {})
PEOPLE = itertools.cycle(SETUP.get("people", []))
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
UPDATE = "progress update"
# Every request's name: when it ended, how long it took, whether it failed. Written to
# BENCH_LOAD_RESULTS when locust stops, for exact percentiles.
RESULTS = defaultdict(list)


@events.request.add_listener
def _record(name, response_time, exception, **kwargs):
    RESULTS[name].append((time.time(), response_time, exception is not None))


@events.quitting.add_listener
def _write(**kwargs):
    with open(os.environ["BENCH_LOAD_RESULTS"], "w") as results:
        json.dump(RESULTS, results)


class SignedIn(FastHttpUser):
    """Someone signed in as the next person of the list, as a browser would."""

    abstract = True
    wait_time = between(0, 0.2)

    def on_start(self):
        self.person = next(PEOPLE)
        page = self.client.get(URLS["sign_in"], name="sign-in page")
        response = self.client.post(
            URLS["sign_in"],
            {
                "csrfmiddlewaretoken": _csrf(page.text),
                "login": self.person["username"],
                "password": self.person["password"],
            },
            allow_redirects=False,
            name="sign in",
        )
        if response.status_code != 302:
            raise RuntimeError(f"{self.person['username']} could not sign in")

    def read(self, page):
        self.client.get(URLS[page], name=page)

    def update(self):
        """Open an action's page and send its update form; accepted is a redirect,
        counted as the request named "progress update" succeeding."""
        action = random.choice(self.person["actions"])  # noqa: S311 - not a secret
        form = self.client.get(action["page"], name="action page")
        today = datetime.date.today()
        with self.client.post(
            action["update"],
            {
                "csrfmiddlewaretoken": _csrf(form.text),
                "submission": str(uuid.uuid4()),
                "status": random.choice(["on-track", "at-risk", "off-track"]),  # noqa: S311
                "percent_complete": str(random.randint(0, 100)),  # noqa: S311
                "confidence": "high",
                "narrative": "Load benchmark.",
                "as_at_0": today.day,
                "as_at_1": today.month,
                "as_at_2": today.year,
            },
            allow_redirects=False,
            catch_response=True,
            name=UPDATE,
        ) as response:
            if response.status_code != 302:
                response.failure(f"answered {response.status_code}")


def _csrf(html: str) -> str:
    match = CSRF.search(html)
    return match.group(1) if match else ""


class Lead(SignedIn):
    """A partner lead in the week before a meeting: mostly reading, often updating."""

    @task(3)
    def dashboard(self):
        self.read("dashboard")

    @task(2)
    def plan(self):
        self.read("plan")

    @task(2)
    def my_actions(self):
        self.read("my_actions")

    @task(1)
    def briefing(self):
        self.read("briefing")

    @task(2)
    def progress_update(self):
        self.update()


class DashboardReader(SignedIn):
    """Reads only the dashboard, as fast as it is answered, while Updaters keep changing
    what it shows."""

    wait_time = constant(0)

    @task
    def dashboard(self):
        self.read("dashboard")


class Updater(SignedIn):
    wait_time = between(0.1, 0.3)

    @task
    def progress_update(self):
        self.update()


class MinimalReader(SignedIn):
    """The cheapest signed-in page, as fast as it is answered, for comparison."""

    wait_time = constant(0)

    @task
    def minimal(self):
        self.read("minimal")

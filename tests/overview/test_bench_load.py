"""bench_load serves the demo with gunicorn and loads it with locust, end to end: every
page answers without an error and every update accepted is in the database; and two
servers share sessions, renewed dashboards and the sign-in lockout.

It runs as its own process, on PostgreSQL and Redis (as CI's PostgreSQL pass has them),
and creates and drops its own database.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import redis

ROOT = Path(__file__).resolve().parents[2]
# A database of its own: the benchmark empties it, and the revisions' tests, which may
# run at the same time in another test process, use 15.
REDIS_URL = os.environ.get("TEST_BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
LINE = re.compile(
    r"^workers=1 run=(\w+) page=(\w+) requests=(\d+) rps=[\d.]+ p50_ms=\d+ p99_ms=\d+ "
    r"errors=(\d+)$"
)
UPDATES = re.compile(r"^workers=1 updates_accepted=(\d+) updates_in_database=(\d+) lost=(\d+)$")


@pytest.fixture
def postgresql_and_redis():
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        pytest.skip("bench_load serves from PostgreSQL: run with DATABASE_URL on it")
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI"):
            pytest.fail(f"CI starts Redis, but none answers at {REDIS_URL}")
        pytest.skip(f"no Redis at {REDIS_URL}")


def test_every_page_answers_under_load_and_no_update_is_lost(postgresql_and_redis):
    result = subprocess.run(
        [sys.executable, "manage.py", "bench_load", "--workers", "1", "--seconds", "8",
         "--users", "2", "--port", "8766"],
        cwd=ROOT,
        env={**os.environ, "DEBUG": "true", "REDIS_URL": REDIS_URL},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    pages = [match.groups() for match in map(LINE.match, lines) if match]
    assert {(run, page) for run, page, _, _ in pages} >= {
        ("mixed", "dashboard"),
        ("mixed", "progress_update"),
        ("dashboard_under_updates", "dashboard"),
        ("minimal", "minimal"),
    }
    assert all(errors == "0" for *_, errors in pages), result.stdout
    [(accepted, found, lost)] = [match.groups() for match in map(UPDATES.match, lines) if match]
    assert int(accepted) > 0
    assert (found, lost) == (accepted, "0")
    assert re.search(r"dashboard_under_updates_to_minimal_throughput=\d+%", result.stdout)
    assert [line for line in lines if line.startswith("two_servers")] == [
        "two_servers session_from_one_works_on_the_other=yes",
        "two_servers update_through_one_on_the_others_dashboard=yes",
        "two_servers sign_in_lockout_counts_across_both=yes",
    ]

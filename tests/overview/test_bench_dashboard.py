"""bench_dashboard runs end to end and prints a line per page; its figures go in the README.

It runs as its own process, as a person would run it: it creates and drops its own
database, which an in-memory test database cannot make way for.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINE = re.compile(
    r"^page=(\w+) actions=(\d+) median_ms=[\d.]+ p90_ms=[\d.]+ queries=(\d+) kb=[\d.]+ "
    r"ratio_to_minimal=[\d.]+$"
)
PAGES = {
    name
    for page in ("minimal", "dashboard", "briefing", "plan", "plan_actions", "my_actions",
                 "trends", "progress_update")
    for name in (page, f"{page}_uncached")
}  # fmt: skip


def bench(*args):
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", "bench_dashboard", *args],
        cwd=ROOT,
        env={**os.environ, "DEBUG": "true"},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_it_times_every_page_at_each_size_with_the_same_queries():
    result = bench(
        "--sizes", "40,80", "--requests", "2", "--updates-per-action", "3", "--no-documents"
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = [LINE.match(line) for line in result.stdout.splitlines()]
    results = [match.groups() for match in lines if match]
    assert {name for name, _, _ in results} == PAGES
    assert len(results) == 2 * len(PAGES)
    queries = {(name, size): count for name, size, count in results}
    for page in PAGES:
        assert queries[(page, "40")] == queries[(page, "80")], page
    assert "Building 80 actions" in result.stdout, "it reports its progress"


def test_it_times_the_demos_documents_as_exported():
    result = bench("--sizes", "20", "--requests", "1", "--document-runs", "1")
    assert result.returncode == 0, result.stderr
    lines = [LINE.match(line) for line in result.stdout.splitlines()]
    documents = {match.group(1): int(match.group(2)) for match in lines if match}
    assert {"minimal_demo", "committee_report_pdf", "briefing_pdf"} <= set(documents)
    assert documents["committee_report_pdf"] > 20, "on the demo's plan, not the synthetic one"
    assert "Loading the demo" in result.stdout


def test_it_refuses_sizes_it_cannot_build():
    too_small = bench("--sizes", "5")
    assert too_small.returncode != 0
    assert "at least" in too_small.stderr
    assert "whole numbers" in bench("--sizes", "many").stderr

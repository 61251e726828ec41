"""gunicorn's configuration (hcag/gunicorn.conf.py): loopback unless told otherwise, an
access log on standard output, and no several workers without a shared cache."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
ENVIRONMENT = {"PATH": os.environ["PATH"], "DEBUG": "true"}


def gunicorn(*arguments, **environment) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - gunicorn from our virtual environment
        [GUNICORN, "-c", "hcag/gunicorn.conf.py", *arguments, "hcag.wsgi"],
        cwd=settings.BASE_DIR,
        env={**ENVIRONMENT, **environment},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def printed_config(**environment) -> dict[str, str]:
    result = gunicorn("--print-config", **environment)
    assert result.returncode == 0, result.stderr
    return {
        name.strip(): value.strip()
        for name, _, value in (line.partition("=") for line in result.stdout.splitlines())
    }


def test_it_serves_on_loopback_with_threads_and_logs_each_request_to_standard_output():
    config = printed_config(REDIS_URL="redis://127.0.0.1:6379/0")
    assert config["bind"] == "['127.0.0.1:8000']"
    assert (config["workers"], config["worker_class"], config["threads"]) == (
        "2", "gthread", "4"
    )  # fmt: skip
    assert config["accesslog"] == "-"
    assert config["timeout"] == "60"


def test_workers_threads_and_address_come_from_the_environment():
    config = printed_config(
        REDIS_URL="redis://127.0.0.1:6379/0",
        WEB_CONCURRENCY="4",
        GUNICORN_THREADS="2",
        GUNICORN_BIND="0.0.0.0:9000",
    )
    assert (config["workers"], config["threads"], config["bind"]) == ("4", "2", "['0.0.0.0:9000']")


def test_several_workers_without_a_shared_cache_are_refused():
    result = gunicorn("--check-config", WEB_CONCURRENCY="2")
    assert result.returncode != 0
    assert "Several workers need REDIS_URL" in result.stderr + result.stdout


def test_one_worker_needs_no_shared_cache():
    assert gunicorn("--check-config", WEB_CONCURRENCY="1").returncode == 0


def test_a_number_of_threads_that_is_not_a_whole_number_is_refused():
    result = gunicorn("--check-config", WEB_CONCURRENCY="1", GUNICORN_THREADS="lots")
    assert result.returncode != 0
    assert "GUNICORN_THREADS must be a whole number" in result.stderr + result.stdout

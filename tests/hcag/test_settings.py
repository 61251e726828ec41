"""Settings come from the environment: production refuses to start without a secret, and
is secure by default."""

import json
import os
import subprocess
import sys

from django.conf import settings

PRODUCTION = {
    "PATH": os.environ["PATH"],
    "DJANGO_SETTINGS_MODULE": "hcag.settings",
    "SECRET_KEY": "a-production-secret-that-is-long-and-random-enough-0123456789",
    "ALLOWED_HOSTS": "hcag.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
}
READ_SETTINGS = (
    "import json, django; from django.conf import settings; django.setup(); "
    "print(json.dumps({name: getattr(settings, name) for name in ["
    "'DEBUG', 'SECURE_SSL_REDIRECT', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', "
    "'SECURE_HSTS_SECONDS', 'ALLOWED_HOSTS']}))"
)


def run_python(arguments: list[str], environment: dict) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own interpreter with fixed arguments
        [sys.executable, *arguments],
        env=environment,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    environment = {key: value for key, value in PRODUCTION.items() if key != "SECRET_KEY"}
    result = run_python(["-c", READ_SETTINGS], environment)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_is_secure_by_default():
    result = run_python(["-c", READ_SETTINGS], PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "DEBUG": False,
        "SECURE_SSL_REDIRECT": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_HSTS_SECONDS": 31_536_000,
        "ALLOWED_HOSTS": ["hcag.example.org"],
    }


READ_CACHE_SETTINGS = (
    "import json, django; from django.conf import settings; django.setup(); "
    "print(json.dumps([settings.CACHES['default'], settings.SESSION_ENGINE]))"
)


def test_with_redis_the_cache_and_sessions_are_shared_between_processes():
    result = run_python(
        ["-c", READ_CACHE_SETTINGS], {**PRODUCTION, "REDIS_URL": "redis://127.0.0.1:6379/3"}
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/3",
        },
        "django.contrib.sessions.backends.cached_db",
    ]


def test_without_redis_the_cache_is_the_process_own_and_sessions_are_in_the_database():
    result = run_python(["-c", READ_CACHE_SETTINGS], PRODUCTION)
    assert result.returncode == 0, result.stderr
    cache_settings, session_engine = json.loads(result.stdout)
    assert cache_settings["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert session_engine == "django.contrib.sessions.backends.db"


def test_a_setting_that_is_not_true_or_false_is_refused():
    result = run_python(["-c", READ_SETTINGS], {**PRODUCTION, "DEBUG": "maybe"})
    assert "DEBUG must be true or false" in result.stderr


def test_a_command_without_a_secret_key_says_so_in_a_line():
    environment = {key: value for key, value in PRODUCTION.items() if key != "SECRET_KEY"}
    result = run_python(["manage.py", "check"], environment)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "Configuration error: SECRET_KEY is not set. Set it in the environment, or set "
        "DEBUG=true for local development."
    ]

"""gunicorn's settings for serving the service: `gunicorn -c hcag/gunicorn.conf.py hcag.wsgi`.

Read from the environment, with defaults for one small server behind a reverse proxy on
the same machine: workers WEB_CONCURRENCY (2), threads each GUNICORN_THREADS (4),
GUNICORN_BIND (127.0.0.1:8000), GUNICORN_TIMEOUT seconds (60).
"""

import os


def _whole_number(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit() or int(value) < 1:
        raise SystemExit(f"{name} must be a whole number, 1 or more, not {value!r}.")
    return int(value)


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = _whole_number("WEB_CONCURRENCY", 2)
# Threads let a worker answer other requests while one waits on the database; the
# pages' own work holds the interpreter, so more workers, not threads, use more cores.
worker_class = "gthread"
threads = _whole_number("GUNICORN_THREADS", 4)
# A committee report's PDF takes seconds; a worker silent for longer than this is stuck.
timeout = _whole_number("GUNICORN_TIMEOUT", 60)
graceful_timeout = 30
keepalive = 5
# Loading the application before forking shares the frozen start-up objects between
# the workers (hcag/wsgi.py) and says a configuration error once, before any worker.
preload_app = True
# One line a request on standard output, with how long it took in microseconds (%(D)s).
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(D)sus'
# The client's address and scheme behind proxies are the service's to work out
# (PROXY_COUNT, hcag.middleware), not gunicorn's.
forwarded_allow_ips = ""
# No control socket, so that several servers run side by side on one machine.
control_socket_disable = True

if workers > 1 and not os.environ.get("REDIS_URL"):
    # Each process would keep its own cache: its revisions (hcag.revisions) would miss the
    # others' changes and serve stale pages, and each would count sign-in failures apart.
    raise SystemExit("Several workers need REDIS_URL: set it, or WEB_CONCURRENCY=1.")

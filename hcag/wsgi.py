"""WSGI entry point for production servers."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hcag.settings")

application = get_wsgi_application()

# What has been loaded so far (Django, the apps, their modules) lives as long as the
# process: moved out of the garbage collector's generations, it is no longer scanned
# by every full collection, which the dashboard's first view after a change otherwise
# triggers about once in three requests, at tens of milliseconds each. A server that
# forks workers after loading the application (gunicorn --preload) also keeps those
# pages shared between the workers.
gc.freeze()

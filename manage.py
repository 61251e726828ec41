#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hcag.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    # Read the settings first: Django would otherwise put a configuration error aside and
    # fail later with one of its own (AppRegistryNotReady). Say it in a line instead.
    try:
        settings.INSTALLED_APPS  # noqa: B018 - reading it loads the settings
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as error:  # such as a missing SECRET_KEY
        sys.exit(f"Configuration error: {error}")


if __name__ == "__main__":
    main()

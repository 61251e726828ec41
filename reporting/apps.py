from django.apps import AppConfig


class ReportingConfig(AppConfig):
    """Reporting rounds: when leads' updates are due before each ordinary meeting, and
    which actions are reported for it."""

    name = "reporting"
    verbose_name = "Reporting rounds"

from django.apps import AppConfig


class OverviewConfig(AppConfig):
    """The pages that bring the other apps together, above all of them: the home page, a
    partnership's page, a plan's dashboard and the lists its numbers count, "Your
    actions", and the benchmark of those pages."""

    name = "overview"
    verbose_name = "Overview"

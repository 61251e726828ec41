from django.apps import AppConfig


class PublishingConfig(AppConfig):
    """What a partnership shows the public: the one place deciding what is public, the
    public page and its open data, and the secretariat's choices of what to publish."""

    name = "publishing"
    verbose_name = "Publishing"

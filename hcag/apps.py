from django.apps import AppConfig


class HcagConfig(AppConfig):
    name = "hcag"
    verbose_name = "Action-plan tracker"

    def ready(self):
        from hcag import revisions

        revisions.connect()

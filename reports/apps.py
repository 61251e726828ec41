from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Committee reports and exports"

    def ready(self):
        from hcag import revisions

        revisions.register(self.get_model("CommitteeReport"), partnership="plan__partnership")

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Committee reports and exports"

    def ready(self):
        from auditlog.registry import auditlog

        auditlog.register(self.get_model("CommitteeReport"))

from django.apps import AppConfig


class TrendsConfig(AppConfig):
    name = "trends"
    verbose_name = "Hate-crime statistics and trends"

    def ready(self):
        from auditlog.registry import auditlog

        auditlog.register(self.get_model("Measure"), m2m_fields={"objectives"})
        auditlog.register(self.get_model("Area"))
        auditlog.register(self.get_model("Count"))
        auditlog.register(self.get_model("StatisticsImport"))

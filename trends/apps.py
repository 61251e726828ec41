from django.apps import AppConfig


class TrendsConfig(AppConfig):
    name = "trends"
    verbose_name = "Hate-crime statistics and trends"

    def ready(self):
        from hcag import revisions

        revisions.register(
            self.get_model("Measure"), partnership="partnership", m2m_fields={"objectives"}
        )
        revisions.register(self.get_model("Area"), partnership="partnership")
        revisions.register(self.get_model("Count"), partnership="measure__partnership")
        revisions.register(self.get_model("StatisticsImport"), partnership="partnership")

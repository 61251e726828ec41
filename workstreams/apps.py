from django.apps import AppConfig


class WorkstreamsConfig(AppConfig):
    name = "workstreams"
    verbose_name = "Action plans and workstreams"

    def ready(self):
        from auditlog.registry import auditlog

        auditlog.register(self.get_model("ActionPlan"), exclude_fields=["version"])
        auditlog.register(self.get_model("Priority"), exclude_fields=["version"])
        auditlog.register(
            self.get_model("Objective"), exclude_fields=["version"], m2m_fields={"priorities"}
        )
        auditlog.register(
            self.get_model("Workstream"),
            exclude_fields=["version"],
            m2m_fields={"lead_organisations", "objectives"},
        )
        auditlog.register(
            self.get_model("Action"), exclude_fields=["version"], m2m_fields={"strands"}
        )
        # When an update was written is the log entry's own time; the submission id says
        # nothing to a reader.
        auditlog.register(
            self.get_model("ProgressUpdate"), exclude_fields=["created_at", "submission"]
        )
        auditlog.register(self.get_model("StatusReview"))

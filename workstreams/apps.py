from django.apps import AppConfig


class WorkstreamsConfig(AppConfig):
    name = "workstreams"
    verbose_name = "Action plans and workstreams"

    def ready(self):
        from hcag import revisions

        plan_part = {"partnership": "plan__partnership", "exclude_fields": ["version"]}
        revisions.register(
            self.get_model("ActionPlan"), partnership="partnership", exclude_fields=["version"]
        )
        revisions.register(self.get_model("Priority"), **plan_part)
        revisions.register(self.get_model("Objective"), **plan_part, m2m_fields={"priorities"})
        revisions.register(
            self.get_model("Workstream"),
            **plan_part,
            m2m_fields={"lead_organisations", "objectives"},
        )
        revisions.register(
            self.get_model("Action"),
            partnership="workstream__plan__partnership",
            exclude_fields=["version"],
            m2m_fields={"strands"},
        )
        # When an update was written is the log entry's own time; the submission id says
        # nothing to a reader.
        revisions.register(
            self.get_model("ProgressUpdate"),
            partnership="action__workstream__plan__partnership",
            exclude_fields=["created_at", "submission"],
        )
        revisions.register(
            self.get_model("StatusReview"),
            partnership="update__action__workstream__plan__partnership",
        )

from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Meetings and governance"

    def ready(self):
        from auditlog.registry import auditlog

        # Every model here can change, and the audit log's latest entry is what cached
        # pages (hcag.caching) are keyed on: an unregistered model's change would be
        # missing from history and leave stale pages in the cache.
        for name in [
            "Clause",
            "Meeting",
            "AgendaItem",
            "Attendance",
            "Decision",
            "MeetingAction",
            "Report",
            "Paper",
            "ChairReview",
        ]:
            auditlog.register(self.get_model(name))
        # A draft's revision counter is bookkeeping, not a change anyone made.
        auditlog.register(self.get_model("TermsOfReference"), exclude_fields=["revision"])
        auditlog.register(self.get_model("ProjectGroup"), m2m_fields={"members"})

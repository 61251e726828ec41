from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Meetings and governance"

    def ready(self):
        from auditlog.registry import auditlog

        for name in [
            "TermsOfReference",
            "Clause",
            "Meeting",
            "AgendaItem",
            "Attendance",
            "Decision",
            "MeetingAction",
            "Report",
        ]:
            auditlog.register(self.get_model(name))
        auditlog.register(self.get_model("ProjectGroup"), m2m_fields={"members"})

from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = "Partners and memberships"

    def ready(self):
        from auditlog.registry import auditlog

        Membership = self.get_model("Membership")
        Partnership = self.get_model("Partnership")
        auditlog.register(Partnership, m2m_fields={"reports_to", "advised_by"})
        # The calendar token is a secret: the log keeps no copy of it.
        auditlog.register(Membership, m2m_fields={"strands"}, exclude_fields=["calendar_token"])
        auditlog.register(self.get_model("Organisation"))
        auditlog.register(
            self.get_model("Person"),
            include_fields=["username", "first_name", "last_name", "email", "organisation",
                            "job_title", "is_active", "is_staff", "is_superuser"],
        )  # fmt: skip

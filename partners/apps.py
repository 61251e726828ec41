from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_strands(**kwargs):
    """The strands are a fixed vocabulary: after `migrate`, and after `flush` (which
    empties every table, as the tests' transactional cases do), they exist again."""
    from partners.services import strands_ensure

    strands_ensure()


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = "Partners and memberships"

    def ready(self):
        from hcag import revisions

        post_migrate.connect(_ensure_strands, sender=self)

        Membership = self.get_model("Membership")
        Partnership = self.get_model("Partnership")
        revisions.register(Partnership, partnership="pk", m2m_fields={"reports_to", "advised_by"})
        # The calendar token is a secret: the log keeps no copy of it.
        revisions.register(
            Membership,
            partnership="partnership",
            m2m_fields={"strands"},
            exclude_fields=["calendar_token", "version"],
        )
        # The register of organisations and the people are named on every partnership's
        # pages.
        revisions.register(
            self.get_model("Organisation"),
            partnership=revisions.EVERY_PARTNERSHIP,
            exclude_fields=["version"],
        )
        revisions.register(
            self.get_model("Person"),
            partnership=revisions.EVERY_PARTNERSHIP,
            include_fields=["username", "first_name", "last_name", "email", "organisation",
                            "job_title", "is_active", "is_staff", "is_superuser",
                            "is_service_admin"],
        )  # fmt: skip
        # Only a hash of the invitation's secret is stored, and the log keeps none of it.
        revisions.register(
            self.get_model("Invitation"),
            partnership="partnership",
            m2m_fields={"strands"},
            exclude_fields=["token_hash"],
        )

from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Meetings and governance"

    def ready(self):
        from hcag import revisions

        # Every model here can change, and audited changes are what renew cached pages
        # (hcag.revisions): an unregistered model's change would be missing from history
        # and leave stale pages in the cache.
        for name, partnership in [
            ("Clause", "terms__partnership"),
            ("Meeting", "partnership"),
            ("AgendaItem", "meeting__partnership"),
            ("Attendance", "meeting__partnership"),
            ("Decision", "meeting__partnership"),
            ("MeetingAction", "meeting__partnership"),
            ("Report", "partnership"),
            ("Paper", "agenda_item__meeting__partnership"),
            ("ChairReview", "partnership"),
        ]:
            revisions.register(self.get_model(name), partnership=partnership)
        # A draft's revision counter is bookkeeping, not a change anyone made.
        revisions.register(
            self.get_model("TermsOfReference"),
            partnership="partnership",
            exclude_fields=["revision"],
        )
        revisions.register(
            self.get_model("ProjectGroup"), partnership="partnership", m2m_fields={"members"}
        )

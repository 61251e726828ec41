from django.conf import settings
from django.core.management.base import BaseCommand

from security.services import retention_cutoff, security_events_prune


class Command(BaseCommand):
    help = (
        "Delete security events older than SECURITY_EVENT_RETENTION_DAYS "
        f"(now {settings.SECURITY_EVENT_RETENTION_DAYS} days). Run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Say how many would go; delete nothing."
        )

    def handle(self, *args, dry_run, **options):
        cutoff = retention_cutoff()
        count = security_events_prune(dry_run=dry_run)
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(f"{verb} {count} security event(s) from before {cutoff:%Y-%m-%d %H:%M}.")

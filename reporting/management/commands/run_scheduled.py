import datetime

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from reporting.services import reminders_send, round_digests_send


def a_date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"--today must be a date like 2027-03-01, not {text!r}") from error


class Command(BaseCommand):
    help = (
        "Run what is due on schedule: queue the reminders of updates due that have come and "
        "the digests of rounds that closed (each sent once, even when two servers run this "
        "at once), and prune old security events. Run it every few minutes from cron or a "
        "systemd timer; `deliver_mail` sends what it queues."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            type=a_date,
            metavar="YYYY-MM-DD",
            help="Act as if today were this day (in Europe/London), for trying it out.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say which reminders would be queued; queue, record and delete nothing.",
        )

    def handle(self, *args, today=None, dry_run=False, **options):
        today = today or timezone.localdate()
        self.stdout.write(f"Reminders for {today:%A %d %B %Y}…")
        reminders = reminders_send(today=today, dry_run=dry_run)
        verb = "Would queue" if dry_run else "Queued"
        for reminder in reminders:
            sent_for = ", ".join(
                f"{kind} for {meeting.partnership.short_name or meeting.partnership.name} "
                f"{meeting.date:%d %b %Y}"
                for meeting, kind in reminder.sent_for
            )
            self.stdout.write(
                f"  {verb} to {reminder.person.email}: {len(reminder.items)} update(s) due "
                f"({sent_for})"
            )
        self.stdout.write(f"{verb} {len(reminders)} reminder(s).")
        self.stdout.write("Digests of rounds closed in the last week…")
        digests = round_digests_send(today=today, dry_run=dry_run)
        for digest in digests:
            meeting = digest.meeting_round.meeting
            addresses = ", ".join(person.email for person in digest.recipients) or "nobody new"
            self.stdout.write(
                f"  {verb} the digest of {meeting.partnership.name} {meeting.date:%d %b %Y} "
                f"({digest.reported} of {digest.due} reported) to {addresses}"
            )
        self.stdout.write(f"{verb} {len(digests)} digest(s).")
        self.stdout.write("Security events…")
        call_command("prune_security_events", dry_run=dry_run, stdout=self.stdout)

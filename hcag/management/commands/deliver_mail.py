import time

from django.core.management.base import BaseCommand

from hcag import mail


class Command(BaseCommand):
    help = (
        "Deliver the mail queue once: put back each failed message whose back-off is over, "
        "then send what is waiting. Run it every minute from cron or a systemd timer; several "
        "servers may run it at once. With --every it keeps running, as `make run` does."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            type=int,
            metavar="SECONDS",
            help="Deliver again every SECONDS seconds until stopped, instead of once.",
        )

    def handle(self, *args, every=None, **options):
        while True:
            retried = mail.retry_due()
            if retried:
                self.stdout.write(f"Back in the queue after their wait: {retried}")
            mail.deliver_waiting()
            if every is None:
                return
            time.sleep(every)

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from demo.services import DemoLoad


class Command(BaseCommand):
    help = (
        "Load the County Durham and Darlington Joint Hate Crime Action Group as demonstration "
        "data: its members, action plan, terms of reference, meetings and one account per "
        "role. Safe to run again: records that exist already are left as they are."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help=(
                "Load even when DEBUG is off. The demo accounts' passwords are published in "
                "the README, so never use this on a live service."
            ),
        )

    def handle(self, *args, allow_without_debug=False, verbosity=1, **options):
        if not settings.DEBUG and not allow_without_debug:
            raise CommandError(
                "load_demo creates accounts whose passwords are published, so it only runs "
                "with DEBUG=true. Pass --allow-without-debug to load it anyway."
            )
        load = DemoLoad(
            today=timezone.localdate(),
            progress=lambda message: (
                self.stdout.write(f"Loading {message.lower()}…") if verbosity else None
            ),
        ).run()
        self.report(load)

    def report(self, load: DemoLoad):
        if not load.created:
            self.stdout.write(self.style.SUCCESS("The demonstration data were already loaded."))
            return
        for kind, count in sorted(load.created.items()):
            self.stdout.write(f"  {count:4d} {kind} created")
        if load.accounts:
            self.stdout.write("\nDemo accounts (development only, never on a live service):")
            for username, password, name in load.accounts:
                self.stdout.write(f"  {username:<18} {password:<28} {name}")
        self.stdout.write(self.style.SUCCESS("Demonstration data loaded."))

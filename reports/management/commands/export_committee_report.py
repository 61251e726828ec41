from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import timezone

from reports.models import GeneratedReport
from reports.selectors import latest_committee_report
from reports.services import report_generate
from workstreams.models import ActionPlan


class Command(BaseCommand):
    help = (
        "Write a plan's committee report (DOCX or PDF, using its latest saved report's "
        "settings, or defaults) or the plan itself (XLSX or CSV) to a file. The document is "
        "also kept in the plan's list of generated documents."
    )

    def add_arguments(self, parser):
        parser.add_argument("--plan", required=True, help="The plan's id or slug.")
        parser.add_argument(
            "--format",
            required=True,
            choices=GeneratedReport.Format.values,
            help="docx or pdf for the committee report; xlsx or csv for the plan's actions.",
        )
        parser.add_argument("--output", required=True, help="The file to write.")

    def handle(self, *args, plan, format, output, **options):
        found = ActionPlan.objects.filter(
            Q(slug=plan) | Q(pk=int(plan) if plan.isdigit() else None)
        ).first()
        if found is None:
            raise CommandError(f"No plan has the id or slug {plan!r}.")
        try:
            target = open(output, "wb")  # noqa: SIM115 - checked before the work is done
        except OSError as error:
            raise CommandError(f"Cannot write to {output}: {error.strerror}.") from None
        with target:
            self.stdout.write(f"Generating the {format} for {found.title}…")
            generated = report_generate(
                plan=found,
                format=format,
                report=latest_committee_report(found) if format in ("docx", "pdf") else None,
                today=timezone.localdate(),
            )
            with generated.document.open("rb") as document:
                target.write(document.read())
        self.stdout.write(self.style.SUCCESS(f"Wrote {output} ({generated.document.size} bytes)."))

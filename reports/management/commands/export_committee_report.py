import os
import secrets
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import timezone

from reports.models import GeneratedReport
from reports.selectors import latest_committee_report
from reports.services import generated_report_create, render_document
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
        parser.add_argument(
            "--output",
            required=True,
            help="The file to write. It is replaced only once the document is complete.",
        )

    def handle(self, *args, plan, format, output, **options):
        found = ActionPlan.objects.filter(
            Q(slug=plan) | Q(pk=int(plan) if plan.isdigit() else None)
        ).first()
        if found is None:
            raise CommandError(f"No plan has the id or slug {plan!r}.")
        self.stdout.write(f"Generating the {format} for {found.title}…")
        today = timezone.localdate()
        report = latest_committee_report(found) if format in ("docx", "pdf") else None
        data = render_document(plan=found, format=format, report=report, today=today)
        try:
            write_replacing(Path(output), data)
        except OSError as error:
            raise CommandError(
                f"Cannot write to {output}: {error.strerror or error}. Nothing was kept."
            ) from None
        # Kept only once written, so that the list of generated documents holds nothing
        # that nobody received.
        generated_report_create(
            plan=found, format=format, data=data, report=report, generated_by=None, today=today
        )
        self.stdout.write(self.style.SUCCESS(f"Wrote {output} ({len(data)} bytes)."))


def write_replacing(path: Path, data: bytes) -> None:
    """Write the file whole or not at all: into a new file beside it, then renamed over
    it, so that a failure leaves no half-written file and any earlier one intact. A
    device or pipe (such as /dev/stdout) cannot be renamed over, so it is written to."""
    if path.exists() and not path.is_file():
        with path.open("wb") as target:
            target.write(data)
        return
    path = path.resolve()  # a link to a file: replace the file, not the link
    partial = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    try:
        with partial.open("xb") as target:
            target.write(data)
            target.flush()
            os.fsync(target.fileno())
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise

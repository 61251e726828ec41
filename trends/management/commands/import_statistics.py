from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from partners.models import Partnership
from trends.importing import ImportRejected, parse_counts, read_table
from trends.services import statistics_import


class Command(BaseCommand):
    help = (
        "Import a partnership's counts from a CSV file or an Excel workbook (.xlsx), in the "
        "long or the wide layout described in the README. The whole file is checked first: "
        "if any row is wrong, nothing is imported and every problem is listed. Counts "
        "already held for the same measure, area and period are replaced."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The .csv or .xlsx file to import.")
        parser.add_argument(
            "--partnership",
            help="The partnership's slug; needed when the service has more than one.",
        )
        parser.add_argument(
            "--illustrative",
            action="store_true",
            help="Label the counts “illustrative, not real” wherever they are shown.",
        )

    def handle(self, *args, file, partnership, illustrative, **options):
        found = self._partnership(partnership)
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from None
        self.stdout.write(f"Checking {path.name} for {found.name}…")
        try:
            records = parse_counts(found, read_table(path.name, data))
        except ImportRejected as rejected:
            for problem in rejected.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"Nothing was imported: the file has {len(rejected.problems)} problem(s)."
            ) from None
        self.stdout.write(f"{len(records):,} counts are fine. Importing…")
        batch = statistics_import(
            partnership=found,
            records=records,
            filename=path.name,
            imported_by=None,
            illustrative=illustrative,
            on_progress=lambda done: self.stdout.write(f"  {done:,} of {len(records):,}"),
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {batch.rows:,} counts, replacing {batch.replaced:,} held before."
            )
        )

    def _partnership(self, slug: str | None) -> Partnership:
        if slug:
            try:
                return Partnership.objects.get(slug=slug)
            except Partnership.DoesNotExist:
                raise CommandError(f"No partnership has the slug {slug!r}.") from None
        partnerships = list(Partnership.objects.all()[:2])
        if len(partnerships) != 1:
            raise CommandError("Name the partnership with --partnership SLUG.")
        return partnerships[0]

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from practices.exchange import ImportFileError, read_records
from practices.transfer_exchange import REQUIRED_COLUMNS, import_transfers


class Command(BaseCommand):
    help = ("Import transfers from JSON, JSON Lines, CSV or XLSX (docs/import-format.md); "
            "a transfer whose external_id exists is updated, an unchanged one left alone.")

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true",
                            help="Validate every row and report, without writing anything.")

    def handle(self, *args, file, dry_run, **options):
        if not file.exists():
            raise CommandError(f"{file}: no such file")
        try:
            records = list(read_records(file, REQUIRED_COLUMNS))
        except ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        report = import_transfers(records, dry_run=dry_run)
        for error in report.errors:
            self.stderr.write(self.style.ERROR(str(error)))
        prefix = "Dry run — nothing written. Would have " if dry_run else ""
        summary = (f"{prefix}created: {report.created}, updated: {report.updated}, "
                   f"unchanged: {report.unchanged}, failed: {report.failed} "
                   f"(of {len(records)} rows in {file.name})")
        self.stdout.write(self.style.SUCCESS(summary) if not report.failed else summary)
        if report.failed:
            raise CommandError(f"{report.failed} row(s) failed", returncode=1)

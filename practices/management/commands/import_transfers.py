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
        import_transfers(records, dry_run=dry_run).tell(self, len(records), file.name, dry_run)

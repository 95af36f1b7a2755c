from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from practices.exchange import ImportFileError, import_records, read_records


class Command(BaseCommand):
    help = "Import practices from JSON, JSON Lines, CSV or XLSX (format of DESIGN.md)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true",
                            help="Validate every row and report, without writing anything.")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, file, dry_run, no_progress, **options):
        if not file.exists():
            raise CommandError(f"{file}: no such file")
        try:
            records = list(read_records(file))
        except ImportFileError as exc:
            raise CommandError(str(exc)) from exc

        def progress(items):
            return tqdm(items, desc="Importing", unit="practice", disable=no_progress or None,
                        file=self.stderr._out)

        report = import_records(records, dry_run=dry_run, progress=progress)
        report.tell(self, len(records), file.name, dry_run)

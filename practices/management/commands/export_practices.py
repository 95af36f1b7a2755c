import sys

from django.core.management.base import BaseCommand

from practices.exchange import FORMATS, export_chunks, iter_export_records, write_xlsx


class Command(BaseCommand):
    help = "Export every practice in the import format (export → import gives the same site)."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=FORMATS, default="json")
        parser.add_argument("--output", "-o", help="File to write (default: standard output).")

    def handle(self, *args, format, output, **options):
        """Written as the practices are read (1,000 at a time): constant memory."""
        records = iter_export_records()
        with open(output, "wb") if output else open(sys.stdout.fileno(), "wb",
                                                        closefd=False) as handle:
            if format == "xlsx":
                write_xlsx(records, handle)
            else:
                for piece in export_chunks(records, format):
                    handle.write(piece)
        if output:
            self.stderr.write(f"Wrote {output}")

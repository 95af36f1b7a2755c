import sys

from django.core.management.base import BaseCommand

from practices.exchange import FORMATS, export_records, write_export


class Command(BaseCommand):
    help = "Export every practice in the import format (export → import gives the same site)."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=FORMATS, default="json")
        parser.add_argument("--output", "-o", help="File to write (default: standard output).")

    def handle(self, *args, format, output, **options):
        data = write_export(export_records(), format)
        if output:
            with open(output, "wb") as handle:
                handle.write(data)
            self.stderr.write(f"Wrote {output}")
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()

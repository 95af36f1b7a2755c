import sys

from django.core.management.base import BaseCommand

from practices.exchange import FORMATS, export_chunks, write_xlsx
from practices.models import Transfer
from practices.transfer_exchange import FIELDS, flatten, transfer_records


class Command(BaseCommand):
    help = ("Export every transfer (pending and declined ones too, with their contacts) in the "
            "transfers' exchange format (docs/import-format.md): it imports back unchanged.")

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=FORMATS, default="json")
        parser.add_argument("--output", "-o", help="File to write (default: standard output).")

    def handle(self, *args, format, output, **options):
        records = transfer_records(Transfer.objects.all(), public=False)
        with open(output, "wb") if output else open(sys.stdout.fileno(), "wb",
                                                        closefd=False) as handle:
            if format == "xlsx":
                write_xlsx(records, handle, fields=FIELDS, flat=flatten, sheet="transfers")
            else:
                for piece in export_chunks(records, format, fields=FIELDS, flat=flatten):
                    handle.write(piece)
        if output:
            self.stderr.write(f"Wrote {output}")

from django.conf import settings
from django.core.management.base import BaseCommand

from participation.events import purge


class Command(BaseCommand):
    help = ("Delete the registrations of events that ended more than "
            "KB_EVENT_ATTENDEE_RETENTION_DAYS ago (run it daily).")

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None,
                            help="Retention in days (default: KB_EVENT_ATTENDEE_RETENTION_DAYS).")

    def handle(self, *args, days, **options):
        days = settings.KB_EVENT_ATTENDEE_RETENTION_DAYS if days is None else days
        deleted = purge(days)
        self.stdout.write(f"Deleted {deleted} registration(s) of events ended more than "
                          f"{days} days ago.")

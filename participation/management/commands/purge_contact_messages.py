from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from participation.models import ContactMessage, IntroductionRequest


class Command(BaseCommand):
    help = ("Delete contact messages and introduction requests older than "
            "KB_CONTACT_RETENTION_DAYS (run it daily).")

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None,
                            help="Retention in days (default: KB_CONTACT_RETENTION_DAYS).")

    def handle(self, *args, days, **options):
        days = settings.KB_CONTACT_RETENTION_DAYS if days is None else days
        cutoff = timezone.now() - timedelta(days=days)
        deleted, _detail = ContactMessage.objects.filter(created_at__lt=cutoff).delete()
        requests, _detail = IntroductionRequest.objects.filter(created_at__lt=cutoff).delete()
        self.stdout.write(f"Deleted {deleted} contact message(s) and {requests} introduction "
                          f"request(s) older than {days} days.")

from django.core.management.base import BaseCommand

from participation.events import send_reminders


class Command(BaseCommand):
    help = ("E-mail a reminder to the confirmed participants of events starting within "
            "KB_EVENT_REMINDER_HOURS (run it hourly; each participant is reminded once).")

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=None,
                            help="How far ahead (default: KB_EVENT_REMINDER_HOURS).")

    def handle(self, *args, hours, **options):
        sent = send_reminders(hours)
        self.stdout.write(f"Sent {sent} reminder(s).")

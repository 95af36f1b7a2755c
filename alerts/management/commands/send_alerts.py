from django.core.management.base import BaseCommand

from alerts.digests import send
from alerts.models import Subscription


class Command(BaseCommand):
    help = ("Send the e-mail digests of the alerts of one frequency (cron: daily ones every "
            "morning, weekly ones on Mondays). Running it twice in a period sends nothing "
            "twice.")

    def add_arguments(self, parser):
        parser.add_argument("frequency", choices=[f for f, _label in Subscription.FREQUENCIES])

    def handle(self, *args, frequency, **options):
        sent, empty = send(frequency)
        self.stdout.write(f"Sent {sent} {frequency} digest(s); {empty} alert(s) had nothing "
                          f"new.")

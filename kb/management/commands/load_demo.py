from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from assessment.demo import load_assessments
from participation.demo import load_call
from practices.demo import (
    add_key_figures,
    add_updates,
    illustrate_practices,
    load_pilots,
    open_territories,
    prepare_renditions,
)
from practices.demo_agenda import load_events, load_toolbox


class Command(BaseCommand):
    help = "Load the demo corpus of fixtures/ (idempotent: re-running updates, never duplicates)."

    def handle(self, *args, **options):
        call_command("import_practices", str(settings.BASE_DIR / "fixtures" / "practices.json"),
                     stdout=self.stdout, stderr=self.stderr)
        add_key_figures("sv-fr-001", [("12", "", "bancs"), ("1 300", "", "trajets par an"),
                                      ("9", "min", "d'attente médiane")],
                        ("Avec le banc, je vais au marché de Guillestre sans demander à "
                         "mes enfants.", "Une habitante de Molines-en-Queyras"))
        add_key_figures("sv-en-001", [("12", "", "benches"), ("1,300", "", "trips a year"),
                                      ("9", "min", "median wait")],
                        ("With the bench I get to Guillestre market without asking my "
                         "children.", "A resident of Molines-en-Queyras"))
        call_command("import_transfers", str(settings.BASE_DIR / "fixtures" / "transfers.json"),
                     stdout=self.stdout, stderr=self.stderr)
        updates = add_updates()
        open_territories()
        illustrated = illustrate_practices()
        pilots = load_pilots()
        resources = load_toolbox()
        events = load_events()
        call = load_call()
        assessments = load_assessments()
        renditions = prepare_renditions()
        self.stdout.write(self.style.SUCCESS(
            f"Demo loaded: {illustrated} practice(s) illustrated, {updates} follow-up update(s), "
            f"{pilots} pilot territory(ies) "
            f"created, {events} event(s), {resources} toolbox resource(s), "
            f"{assessments} self-assessment(s), {renditions} picture size(s) ready, call "
            f"for interest open at {call.url}."))

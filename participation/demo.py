"""A demo call for expressions of interest, from the seed call (French), open for 90 days
from the moment the demo is loaded so that the form can be tried."""

from datetime import timedelta

from django.utils import timezone
from wagtail.models import Locale

from practices.models import HomePage

from .models import CallPage

TEXT = (
    "<p>Dans le cadre du programme Smart Villages, l'association accompagne un territoire "
    "pilote vers une démarche de « village intelligent » : diagnostic des dimensions smart, "
    "groupe local, ateliers et partage des résultats avec les territoires alpins.</p>"
    "<p>En répondant, le groupe local du territoire pilote (élus, acteurs locaux, responsables "
    "techniques, associations) s'engage à participer activement aux étapes du dispositif : se "
    "familiariser avec le projet, mobiliser les élus et délibérer un acte politique, mobiliser "
    "l'ingénierie et les acteurs locaux, diffuser les résultats.</p>"
    "<p>Critères de sélection : un portage politique et technique local fort ; la motivation et "
    "les garanties de mobilisation des différents acteurs (élus, techniciens, entreprises, "
    "société civile).</p>")


def load_call():
    """Create (or refresh) the demo call under the French home page. Returns it."""
    home = HomePage.objects.get(locale=Locale.objects.get(language_code="fr"))
    now = timezone.now().replace(microsecond=0)
    call = CallPage.objects.child_of(home).filter(slug="appel-territoire-pilote").first()
    if call is None:
        call = home.add_child(instance=CallPage(
            title="Appel à manifestation d'intérêt : devenir territoire pilote Smart Villages",
            slug="appel-territoire-pilote", opens_at=now, closes_at=now + timedelta(days=90)))
    call.summary = ("Votre territoire souhaite s'engager dans une démarche de village "
                    "intelligent ? Manifestez votre intérêt pour être accompagné.")
    call.body = TEXT
    call.opens_at, call.closes_at = now - timedelta(days=1), now + timedelta(days=90)
    call.contact = "Équipe Smart Villages — smartvillages@example.org"
    call.milestones.all().delete()
    closes = call.closes_at.date()
    for offset, end, label in ((0, 4, "Étude des dossiers et échanges complémentaires"),
                               (8, 10, "Choix du territoire et annonce aux candidats")):
        call.milestones.create(date=closes + timedelta(days=offset),
                               end_date=closes + timedelta(days=end), label=label)
    call.save_revision().publish()
    return call

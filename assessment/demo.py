"""Demo self-assessments: the pilot territories assessed at the start of the programme and,
for the Écrins, again two years later (published on their pages)."""

from datetime import datetime

from django.utils import timezone

from practices.models import PilotTerritoryPage

from .models import Assessment
from .questionnaire import current_version, save_answers

# Levels per dimension, four questions each (None = "I don't know").
DEMO = [
    ("pays-des-ecrins", "fr", "Pays des Écrins", 6500, 1050, Assessment.INTERMUNICIPAL, [
        ("2019-05-14", {"governance": [2, 2, 3, 2], "people": [3, 3, 2, 3],
                        "living": [2, 3, 1, 2], "environment": [3, 4, 3, 3],
                        "economy": [3, 2, 3, 2], "mobility": [1, 2, 1, None]}),
        ("2021-06-10", {"governance": [3, 4, 4, 3], "people": [4, 3, 3, 4],
                        "living": [3, 3, 2, 3], "environment": [4, 4, 3, 4],
                        "economy": [3, 3, 3, 3], "mobility": [3, 3, 3, 2]}),
    ]),
    ("alta-valle-maira", "it", "Alta Valle Maira", 5600, 1300, Assessment.INTERMUNICIPAL, [
        ("2019-06-03", {"governance": [3, 3, 4, 2], "people": [3, 4, 3, 3],
                        "living": [1, 2, 2, 2], "environment": [3, 3, 2, 4],
                        "economy": [2, 3, 4, 3], "mobility": [2, 1, 2, 2]}),
    ]),
]


def load_assessments():
    """Create the demo assessments once (idempotent: skipped when the pilot has any)."""
    version = current_version()
    created = 0
    for slug, language, name, population, altitude, body, history in DEMO:
        pilot = PilotTerritoryPage.objects.filter(slug=slug, locale__language_code=language).first()
        if pilot is None or Assessment.objects.filter(pilot=pilot).exists():
            continue
        series = None
        for day, levels in history:
            assessment = Assessment.objects.create(
                version=version, language=language, territory_name=name, country=pilot.country,
                population=population, altitude_m=altitude, body_type=body, pilot=pilot,
                published=True, **({"series": series} if series else {}))
            series = assessment.series
            codes = [q["code"] for q in version.content["questions"]]
            answers = dict(zip(codes, [level for dimension in levels.values()
                                       for level in dimension], strict=True))
            save_answers(assessment, answers)
            moment = timezone.make_aware(datetime.fromisoformat(f"{day}T10:00"))
            Assessment.objects.filter(pk=assessment.pk).update(created_at=moment,
                                                               completed_at=moment)
            created += 1
    return created

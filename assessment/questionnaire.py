"""The questionnaire as assessments see it: a frozen version, read in any language, and the
services that save answers and compute results."""

import hashlib
import json
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from practices.models import Dimension

from . import scoring
from .models import (
    AssessmentSettings,
    DimensionScore,
    Question,
    QuestionnaireVersion,
    ScaleLevel,
)

SEED_FILE = Path(settings.BASE_DIR) / "fixtures" / "assessment.json"
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def _by_language(objects, field):
    return {obj.locale.language_code: getattr(obj, field) for obj in objects}


def build_content():
    """The editors' current questionnaire as plain data (what a version freezes)."""
    groups = {}
    for question in Question.objects.filter(active=True).select_related("locale"):
        groups.setdefault(question.code, []).append(question)
    questions = []
    for code, translations in groups.items():
        first = translations[0]
        questions.append({"code": code, "dimension": first.dimension,
                          "order": first.sort_order,
                          "text": _by_language(translations, "text"),
                          "help": {k: v for k, v in _by_language(translations, "help_text").items()
                                   if v}})
    order = {slug: rank for rank, slug in enumerate(Dimension.slugs())}
    questions.sort(key=lambda q: (order.get(q["dimension"], len(order)), q["order"], q["code"]))
    levels = {}
    for level in ScaleLevel.objects.select_related("locale").order_by("level"):
        levels.setdefault(level.locale.language_code, []).append([level.label, level.description])
    return {"questions": questions, "levels": levels,
            "thresholds": [list(t) for t in AssessmentSettings.load().thresholds]}


def current_version():
    """The version new assessments use: the latest frozen copy, or a new one if editors
    changed anything since."""
    content = build_content()
    digest = hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()
    version, _created = QuestionnaireVersion.objects.get_or_create(
        digest=digest, defaults={"content": content})
    return version


def _pick(texts, language):
    return texts.get(language) or texts.get(settings.LANGUAGE_CODE) or next(iter(texts.values()),
                                                                            "")


@dataclass(frozen=True)
class Item:
    code: str
    dimension: str
    text: str
    help: str


class Questionnaire:
    """A questionnaire's content (a frozen version's, or the editors' current one for the
    methodology page) read in one language (missing translations fall back to English)."""

    def __init__(self, content, language):
        self.content = content
        self.language = language
        self.items = [Item(q["code"], q["dimension"], _pick(q["text"], language),
                           _pick(q.get("help") or {}, language) if q.get("help") else "")
                      for q in self.content["questions"]]
        self.codes = {item.code for item in self.items}

    @property
    def thresholds(self):
        return tuple(tuple(t) for t in self.content["thresholds"])

    @property
    def levels(self):
        """[(level, label, explanation)] for levels 1–5."""
        levels = self.content["levels"]
        chosen = levels.get(self.language) or levels.get(settings.LANGUAGE_CODE) or []
        return [(number, label, text) for number, (label, text) in enumerate(chosen, start=1)]

    def steps(self):
        """[(dimension, [items])]: one step per dimension that has questions."""
        steps = []
        for dimension in dict.fromkeys([*Dimension.slugs(), *(i.dimension for i in self.items)]):
            items = [item for item in self.items if item.dimension == dimension]
            if items:
                steps.append((dimension, items))
        return steps

    def answers_by_dimension(self, answers):
        """{dimension: [level or None]} for the scoring functions (unanswered = unknown)."""
        return {dimension: [answers.get(item.code) for item in items]
                for dimension, items in self.steps()}

    def results(self, answers):
        return scoring.assess(self.answers_by_dimension(answers), self.thresholds)

    def is_complete(self, answers):
        return self.codes <= answers.keys()


def questionnaire(assessment, language):
    return Questionnaire(assessment.version.content, language)


def save_answers(assessment, new_answers):
    """Merge answers ({code: 1–5 or None}) already validated against the assessment's
    version; when every question has an answer, store the result for statistics. The row is
    re-read under a lock so two requests at once (autosave, a button) never lose an answer."""
    form = Questionnaire(assessment.version.content, assessment.language)
    with transaction.atomic():
        current = type(assessment).objects.select_for_update().get(pk=assessment.pk)
        assessment.answers = {**current.answers, **new_answers}
        complete = form.is_complete(assessment.answers)
        if complete and current.completed_at is None:
            assessment.completed_at = timezone.now()
        assessment.save()
        if complete:
            store_scores(assessment, form.results(assessment.answers))


def store_scores(assessment, results):
    DimensionScore.objects.filter(assessment=assessment).delete()
    DimensionScore.objects.bulk_create(
        DimensionScore(assessment=assessment, dimension=dimension, score=result.score,
                       category=result.category or "", coverage=result.coverage)
        for dimension, result in results.items())


def seed_questionnaire(sender=None, **kwargs):
    """Create the seed questions, levels and advice in every language after `migrate`, unless
    editors already have a questionnaire (their changes are never overwritten)."""
    from django.db import connection
    from wagtail.models import Locale

    from .models import DimensionAdvice

    if "assessment_question" not in connection.introspection.table_names():
        return
    if Question.objects.exists():
        return
    seed = json.loads(SEED_FILE.read_text(encoding="utf-8"))
    locales = {code: Locale.objects.get_or_create(language_code=code)[0]
               for code in LANGUAGE_CODES}
    with transaction.atomic():
        for code in LANGUAGE_CODES:
            locale = locales[code]
            for entry in seed["levels"]:
                ScaleLevel.objects.create(
                    locale=locale, translation_key=_seed_key("level", entry["level"]),
                    level=entry["level"], label=entry["label"][code],
                    description=entry["description"][code])
            for position, entry in enumerate(seed["questions"]):
                Question.objects.create(
                    locale=locale, translation_key=_seed_key("question", entry["code"]),
                    code=entry["code"], dimension=entry["dimension"], sort_order=position,
                    text=entry["text"][code])
            for entry in seed["advice"]:
                DimensionAdvice.objects.create(
                    locale=locale, translation_key=_seed_key("advice", entry["dimension"]),
                    dimension=entry["dimension"], text=entry["text"][code])


def _seed_key(kind, value):
    """Stable translation key: the five language copies of a seed entry form one group."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"kb-assessment:{kind}:{value}")

"""Factories for the pages tests build themselves on the base corpus (what `migrate` leaves:
site structure, taxonomy), and `small_corpus()`, a few of each for modules that read many."""

import datetime
import zoneinfo
from decimal import Decimal

import factory
import wagtail_factories
from django.utils import timezone
from wagtail.models import Locale

from practices.models import (
    Challenge,
    Dimension,
    EventPage,
    FundingSource,
    PilotIndicator,
    PilotResultPage,
    PilotSession,
    PilotTerritoryPage,
    PracticePage,
    ResourcePage,
    Stage,
    TerritoryPage,
    Transfer,
    TransferStatus,
)


class PublishedPageFactory(wagtail_factories.PageFactory):
    """A page under `parent` (by default the one page of its allowed parent type in its
    language: the catalogue, the pilots' index), published unless live=False.
    `translation_of` makes it that page's version in `language`."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, parent=None, language="en", live=True,
                translation_of=None, **kwargs):
        locale = Locale.objects.get(language_code=language)
        parent = parent or model_class.allowed_parent_page_models()[0].objects.get(locale=locale)
        if translation_of is not None:
            kwargs["translation_key"] = translation_of.translation_key
        relations = {name: kwargs.pop(name) for name in cls.relations(kwargs) if name in kwargs}
        page = model_class(*args, locale=locale, live=False, **kwargs)
        parent.add_child(instance=page)
        cls.relate(page, locale, **relations)
        revision = page.save_revision()
        if live:
            revision.publish()
        else:
            page.save()
        return model_class.objects.get(pk=page.pk)

    @classmethod
    def relations(cls, kwargs):
        return []

    @classmethod
    def relate(cls, page, locale):
        pass


class PracticePageFactory(PublishedPageFactory):
    """A practice under the catalogue of its language. `dimensions`, `challenges` and
    `funding` take slugs, `tags` names."""

    class Meta:
        model = PracticePage

    title = factory.Sequence(lambda n: f"Test practice {n}")
    summary = "A practice made by a test."
    country = "FR"
    contact_email = "owner@example.org"

    @classmethod
    def relations(cls, kwargs):
        kwargs.setdefault("dimensions", ("mobility",))
        return ["dimensions", "challenges", "funding", "tags"]

    @classmethod
    def relate(cls, page, locale, dimensions=(), challenges=(), funding=(), tags=()):
        page.dimensions.set(Dimension.objects.filter(locale=locale, slug__in=dimensions))
        page.challenges.set(Challenge.objects.filter(locale=locale, slug__in=challenges))
        page.funding.set(FundingSource.objects.filter(locale=locale, slug__in=funding))
        page.tags.set(list(tags))


class PilotTerritoryPageFactory(PublishedPageFactory):
    class Meta:
        model = PilotTerritoryPage

    title = factory.Sequence(lambda n: f"Test pilot territory {n}")
    summary = "A pilot territory made by a test."
    country = "FR"


class PilotResultPageFactory(PublishedPageFactory):
    """A result under `parent` (a pilot territory), linked to the practices in `practices`."""

    class Meta:
        model = PilotResultPage

    title = factory.Sequence(lambda n: f"Test pilot result {n}")
    summary = "A pilot result made by a test."
    phase = "where-are-we"
    date = datetime.date(2026, 3, 1)

    @classmethod
    def relations(cls, kwargs):
        return ["practices"]

    @classmethod
    def relate(cls, page, locale, practices=()):
        page.practices.set(practices)


class TerritoryPageFactory(PublishedPageFactory):
    class Meta:
        model = TerritoryPage

    title = factory.Sequence(lambda n: f"Test territory {n}")
    country = "FR"


def in_days(days, hour=10):
    """An aware moment `days` from now at `hour` o'clock (Europe/Rome)."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour),
                                     tzinfo=zoneinfo.ZoneInfo("Europe/Rome"))


class EventPageFactory(PublishedPageFactory):
    """An event in ten days, 10:00–12:00 in Rome, in Aosta, 2 places, registration open;
    `dimensions` take slugs, `languages` language codes."""

    class Meta:
        model = EventPage

    title = factory.Sequence(lambda n: f"Test event {n}")
    summary = "An event made by a test."
    kind = "workshop"
    start = factory.LazyFunction(lambda: in_days(10))
    end = factory.LazyFunction(lambda: in_days(10, 12))
    time_zone = "Europe/Rome"
    venue = "Municipio di Aosta"
    address = "Piazza Chanoux 1, 11100 Aosta"
    country = "IT"
    latitude = Decimal("45.737")
    longitude = Decimal("7.320")
    capacity = 2

    @classmethod
    def relations(cls, kwargs):
        return ["dimensions", "languages", "practices"]

    @classmethod
    def relate(cls, page, locale, dimensions=(), languages=(), practices=()):
        page.dimensions.set(Dimension.objects.filter(locale=locale, slug__in=dimensions))
        page.languages.set(Locale.objects.filter(language_code__in=languages))
        page.practices.set(practices)


class ResourcePageFactory(PublishedPageFactory):
    class Meta:
        model = ResourcePage

    title = factory.Sequence(lambda n: f"Test resource {n}")
    summary = "A resource made by a test."
    kind = "guide"
    step = "where-are-we"
    resource_language = "en"

    @classmethod
    def relations(cls, kwargs):
        return ["dimensions", "challenges"]

    @classmethod
    def relate(cls, page, locale, dimensions=(), challenges=()):
        page.dimensions.set(Dimension.objects.filter(locale=locale, slug__in=dimensions))
        page.challenges.set(Challenge.objects.filter(locale=locale, slug__in=challenges))


class TransferFactory(factory.django.DjangoModelFactory):
    """A validated transfer at the implemented stage of a new practice to a new territory
    (give `practice=` and `territory=` to choose them)."""

    class Meta:
        model = Transfer

    practice = factory.SubFactory(PracticePageFactory)
    territory = factory.SubFactory(TerritoryPageFactory)
    stage = Stage.IMPLEMENTED
    exploring_since = datetime.date(2025, 1, 15)
    adapting_since = datetime.date(2025, 4, 1)
    implemented_since = datetime.date(2025, 10, 1)
    adaptation = "Smaller vehicles: our roads are narrower."
    organisation = "Commune test"
    contact_name = "Reuser"
    contact_email = "reuser@example.org"
    status = TransferStatus.VALIDATED


def small_corpus():
    """Practices in the five languages (one in three, with a picture), with places, years and
    taxonomy, and a pilot territory with a result: what a module reading every channel needs,
    built in ~1 s."""
    bench = PracticePageFactory(
        image=wagtail_factories.ImageFactory(title="A bench"),
        title="Mobility benches for mountain villages", country="FR", region="Hautes-Alpes",
        territory="Molines-en-Queyras", latitude=Decimal("44.73"), longitude=Decimal("6.85"),
        population=340, status="ongoing", start_year=2021, dimensions=("mobility", "people"),
        challenges=("depopulation", "mobility"), tags=("car-sharing",),
        summary="Benches where villagers wait for a lift to the market town.")
    practices = [
        bench,
        PracticePageFactory(
            language="fr", translation_of=bench, title="Bancs de mobilité pour les villages",
            country="FR", latitude=Decimal("44.73"), longitude=Decimal("6.85"),
            population=340,  # (a translation shares its original's place)
            dimensions=("mobility", "people"),
            summary="Des bancs de covoiturage : on y attend d'être pris jusqu'au bourg."),
        PracticePageFactory(
            language="de", translation_of=bench, title="Mitfahrbänke für Bergdörfer",
            country="FR", latitude=Decimal("44.73"), longitude=Decimal("6.85"),
            population=340,  # (a translation shares its original's place)
            dimensions=("mobility", "people"),
            summary="Bänke, auf denen man auf eine Mitfahrt in den Marktort wartet."),
        PracticePageFactory(
            language="de", title="Mitfahrbank im Lesachtal", country="AT",
            latitude=Decimal("46.70"), longitude=Decimal("12.85"), status="completed",
            start_year=2018, end_year=2022,
            summary="Eine Mitfahrbank verbindet die Weiler mit dem Tal."),
        PracticePageFactory(
            language="it", title="Comunità energetica di montagna", country="IT",
            dimensions=("environment",), summary="Una comunità energetica rinnovabile."),
        PracticePageFactory(
            language="sl", title="Digitalna vas", country="SI", dimensions=("governance",),
            summary="Digitalne storitve za občane."),
    ]
    territory = PilotTerritoryPageFactory(
        title="Queyras", country="FR", population=2300,
        sessions=[PilotSession(phase="where-are-we", date=datetime.date(2026, 1, 20),
                               title="Self-assessment workshop")])
    result = PilotResultPageFactory(
        parent=territory, practices=[bench],
        indicators=[PilotIndicator(label="Trips a year", value=1300, baseline=0)])
    return {"practices": practices, "territory": territory, "result": result}


def catalogue_corpus():
    """small_corpus() and five more practices, so that filters combine, sort and page: nine
    translation groups in five countries (two completed, two tagged, three with an English
    version), two Austrian for mobility, two Slovenian."""
    corpus = small_corpus()
    corpus["practices"] += [
        PracticePageFactory(
            language="de", title="Bürgerbus Oberes Lechtal", country="AT",
            region="Tirol", latitude=Decimal("47.30"), longitude=Decimal("10.40"),
            dimensions=("mobility", "people"), challenges=("mobility",), status="ongoing",
            start_year=2015, summary="Ehrenamtliche fahren einen Kleinbus durch das Tal."),
        PracticePageFactory(
            language="de", title="Breitband in Bürgerhand im Val Müstair", country="CH",
            dimensions=("governance", "economy"), challenges=("digital",),
            status="completed", start_year=2016, end_year=2020,
            summary="Eine Genossenschaft verlegt Glasfaser bis in den letzten Weiler."),
        PracticePageFactory(
            language="fr", title="Budget participatif de la vallée de Thônes", country="FR",
            dimensions=("governance",), challenges=("digital", "rural-urban"),
            status="completed", start_year=2019, end_year=2021,
            summary="Les habitants votent en ligne pour les projets de la vallée."),
        PracticePageFactory(
            language="sl", title="Vaška trgovina v Soči", country="SI",
            latitude=Decimal("46.33"), longitude=Decimal("13.64"),
            dimensions=("economy", "people"), challenges=("service-access",),
            summary="Vaščani so prevzeli zadnjo trgovino v dolini."),
        PracticePageFactory(
            title="Forest kindergarten in the Val di Sole", country="IT",
            dimensions=("people", "environment"), challenges=("depopulation",),
            tags=("school",), status="planned",
            summary="A kindergarten in the woods keeps young families in the valley."),
    ]
    return corpus

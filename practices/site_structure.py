"""What a fresh database needs to be a working site, created after every `migrate`.

Idempotent: existing pages and taxonomy terms are never overwritten, so editors' changes stay.
"""

import json
from pathlib import Path

from django.conf import settings
from django.db import connections, transaction
from django.utils.html import escape

TAXONOMY_FILE = Path(settings.BASE_DIR) / "fixtures" / "taxonomy.json"
# About, legal notice, accessibility statement: role -> language -> (title, slug, summary,
# paragraphs). Created once, in every language; editors change them like any page.
SITE_PAGES_FILE = Path(settings.BASE_DIR) / "fixtures" / "site_pages.json"

SECTIONS = {
    "home": {
        "en": ("Smart Villages Knowledge Base", "kb",
               "Good practices and pilot results of rural Alpine territories."),
        "fr": ("Base de connaissances Smart Villages", "kb-fr",
               "Bonnes pratiques et résultats pilotes des territoires ruraux alpins."),
        "de": ("Smart Villages Wissensdatenbank", "kb-de",
               "Gute Praxis und Pilotergebnisse ländlicher Alpenregionen."),
        "it": ("Banca dati Smart Villages", "kb-it",
               "Buone pratiche e risultati pilota dei territori rurali alpini."),
        "sl": ("Baza znanja Smart Villages", "kb-sl",
               "Dobre prakse in pilotni rezultati podeželskih alpskih območij."),
    },
    "practices": {
        "en": ("Practices", "practices",
               "Good practices from rural territories, by smart dimension and challenge."),
        "fr": ("Pratiques", "pratiques",
               "Bonnes pratiques des territoires ruraux, par dimension smart et enjeu."),
        "de": ("Praxisbeispiele", "praxisbeispiele",
               "Gute Praxis aus ländlichen Regionen, nach Smart-Dimension und Herausforderung."),
        "it": ("Pratiche", "pratiche",
               "Buone pratiche dei territori rurali, per dimensione smart e sfida."),
        "sl": ("Prakse", "prakse",
               "Dobre prakse podeželskih območij po pametnih razsežnostih in izzivih."),
    },
    "territories": {
        "en": ("Territories", "territories",
               "Municipalities and inter-municipal bodies: their facts, practices and pilots."),
        "fr": ("Territoires", "territoires",
               "Communes et intercommunalités : leurs caractéristiques, pratiques et pilotes."),
        "de": ("Gemeinden und Regionen", "gemeinden",
               "Gemeinden und Gemeindeverbände: ihre Eckdaten, Praxisbeispiele und Piloten."),
        "it": ("Territori", "territori",
               "Comuni e unioni di comuni: dati, pratiche e progetti pilota."),
        "sl": ("Občine in območja", "obcine",
               "Občine in medobčinske skupnosti: podatki, prakse in pilotni projekti."),
    },
    "pilots": {
        "en": ("Pilot territories", "pilots",
               "Territories accompanied by the programme, session by session."),
        "fr": ("Territoires pilotes", "territoires-pilotes",
               "Les territoires accompagnés par le programme, séance après séance."),
        "de": ("Pilotregionen", "pilotregionen",
               "Die vom Programm begleiteten Regionen, Sitzung für Sitzung."),
        "it": ("Territori pilota", "territori-pilota",
               "I territori accompagnati dal programma, sessione dopo sessione."),
        "sl": ("Pilotna območja", "pilotna-obmocja",
               "Območja, ki jih program spremlja, srečanje za srečanjem."),
    },
    "events": {
        "en": ("Events", "events",
               "Workshops, study visits, webinars and local group sessions of the programme."),
        "fr": ("Événements", "evenements",
               "Ateliers, voyages d'étude, webinaires et séances des groupes locaux du "
               "programme."),
        "de": ("Veranstaltungen", "veranstaltungen",
               "Workshops, Studienreisen, Webinare und Sitzungen der lokalen Gruppen des "
               "Programms."),
        "it": ("Eventi", "eventi",
               "Laboratori, visite di studio, webinar e incontri dei gruppi locali del "
               "programma."),
        "sl": ("Dogodki", "dogodki",
               "Delavnice, študijski obiski, spletni seminarji in srečanja lokalnih skupin "
               "programa."),
    },
    "toolbox": {
        "en": ("Toolbox", "toolbox",
               "Methods, templates and guides for each step of the pilot journey."),
        "fr": ("Boîte à outils", "boite-a-outils",
               "Méthodes, modèles et guides pour chaque étape du parcours pilote."),
        "de": ("Werkzeugkasten", "werkzeugkasten",
               "Methoden, Vorlagen und Leitfäden für jeden Schritt des Pilotwegs."),
        "it": ("Cassetta degli attrezzi", "cassetta-degli-attrezzi",
               "Metodi, modelli e guide per ogni tappa del percorso pilota."),
        "sl": ("Orodjarna", "orodjarna",
               "Metode, predloge in vodniki za vsak korak pilotne poti."),
    },
}


def site_address():
    """Host and port of the default site (absolute URLs in feeds, sitemap, oEmbed), from
    WAGTAILADMIN_BASE_URL; change them later under Settings > Sites."""
    from urllib.parse import urlsplit

    parts = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    default = 443 if parts.scheme == "https" else 80
    return {"hostname": parts.hostname or "localhost", "port": parts.port or default}


def _tables_ready(using):
    tables = connections[using].introspection.table_names()
    return "practices_homepage" in tables and "wagtailcore_locale" in tables


def _publish(page, code, section):
    page.title, page.slug, page.summary = SECTIONS[section][code]
    page.save_revision().publish()
    return page


def _ensure_translations(page, section, locales):
    for locale in locales:
        if page.get_translation_or_none(locale) is None:
            _publish(page.copy_for_translation(locale), locale.language_code, section)


def ensure_site_structure(sender=None, using="default", **kwargs):
    if not _tables_ready(using):
        return
    from wagtail.models import Locale, Page, Site

    from .models import (
        EventIndexPage,
        HomePage,
        PilotIndexPage,
        PracticeIndexPage,
        TerritoryIndexPage,
        ToolboxPage,
    )
    from .territories import link_territories, sync_places

    with transaction.atomic(using=using):
        for code, _name in settings.LANGUAGES:
            Locale.objects.get_or_create(language_code=code)
        default = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
        others = list(Locale.objects.exclude(pk=default.pk))

        home = HomePage.objects.filter(locale=default).first()
        if home is None:
            root = Page.get_first_root_node()
            home = root.add_child(instance=HomePage(locale=default, title="home", slug="kb"))
            _publish(home, default.language_code, "home")
            site = Site.objects.filter(is_default_site=True).first()
            placeholder = site.root_page if site else None
            if site is None:
                Site.objects.create(**site_address(), root_page=home,
                                    is_default_site=True, site_name=settings.WAGTAIL_SITE_NAME)
            else:
                if site.hostname == "localhost" and site.port == 80:  # Wagtail's default
                    site.hostname, site.port = site_address().values()
                site.root_page = home
                site.site_name = settings.WAGTAIL_SITE_NAME
                site.save()
            # Wagtail's "Welcome" page, replaced by our home page.
            if placeholder is not None and placeholder.specific_class is Page:
                placeholder.delete()
        _ensure_translations(home, "home", others)

        for model, section in ((PracticeIndexPage, "practices"), (PilotIndexPage, "pilots"),
                               (TerritoryIndexPage, "territories"), (EventIndexPage, "events"),
                               (ToolboxPage, "toolbox")):
            index = model.objects.child_of(home).first()
            if index is None:
                index = home.add_child(instance=model(locale=default, title=section,
                                                      slug=section))
                _publish(index, default.language_code, section)
            _ensure_translations(index, section, others)

        ensure_site_pages(home, default, others)
        ensure_taxonomy(default, others)
        link_territories()  # practices made before territory profiles existed
        sync_places()  # the profiles own the place's facts, their practices a copy


def ensure_site_pages(home, default, others):
    from wagtail.rich_text import RichText

    from .models import StandardPage

    def fill(page, text):
        page.title, page.slug, page.summary, paragraphs = text
        page.body = [("paragraph", RichText(f"<p>{escape(p)}</p>")) for p in paragraphs]
        page.save_revision().publish()

    pages = json.loads(SITE_PAGES_FILE.read_text(encoding="utf-8"))
    for role, texts in pages.items():
        page = StandardPage.objects.filter(role=role, locale=default).first()
        if page is None:
            page = home.add_child(instance=StandardPage(
                locale=default, role=role, title=role, slug=texts[default.language_code][1]))
            fill(page, texts[default.language_code])
        for locale in others:
            if page.get_translation_or_none(locale) is None:
                fill(page.copy_for_translation(locale), texts[locale.language_code])


def ensure_taxonomy(default, others):
    from .models import Challenge, Dimension, FundingSource

    data = json.loads(TAXONOMY_FILE.read_text(encoding="utf-8"))
    for model, key in ((Dimension, "dimensions"), (Challenge, "challenges"),
                       (FundingSource, "funding")):
        for order, term in enumerate(data[key]):
            labels = term["labels"]
            original = model.objects.filter(locale=default, slug=term["slug"]).first()
            if original is None:
                original = model.objects.create(
                    locale=default, slug=term["slug"], sort_order=order,
                    name=labels[default.language_code]["name"],
                    description=labels[default.language_code]["description"],
                    synonyms="\n".join(labels[default.language_code].get("synonyms", [])),
                )
            for locale in others:
                if original.get_translation_or_none(locale) is None:
                    copy = original.copy_for_translation(locale)
                    copy.name = labels[locale.language_code]["name"]
                    copy.description = labels[locale.language_code]["description"]
                    copy.synonyms = "\n".join(labels[locale.language_code].get("synonyms", []))
                    copy.save()

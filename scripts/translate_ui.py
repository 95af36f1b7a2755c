"""Fill the UI catalogues (locale/*/LC_MESSAGES/django.po) from the table below.

Run by `make messages` after makemessages; the compiled .mo files are committed so a fresh
machine needs no gettext. Entries: msgid -> (fr, de, it, sl); plurals -> per-language lists.
"""

from pathlib import Path

import polib

LANGS = ("fr", "de", "it", "sl")
T = {
    "English": ("Anglais", "Englisch", "Inglese", "Angleščina"),
    "French": ("Français", "Französisch", "Francese", "Francoščina"),
    "German": ("Allemand", "Deutsch", "Tedesco", "Nemščina"),
    "Italian": ("Italien", "Italienisch", "Italiano", "Italijanščina"),
    "Slovenian": ("Slovène", "Slowenisch", "Sloveno", "Slovenščina"),
    "A block of formatted text": ("Un bloc de texte mis en forme", "Ein formatierter Textblock",
                                  "Un blocco di testo formattato", "Blok oblikovanega besedila"),
    "An image with a caption": ("Une image avec légende", "Ein Bild mit Bildunterschrift",
                                "Un'immagine con didascalia", "Slika z napisom"),
    "A quotation with its author": ("Une citation et son auteur", "Ein Zitat mit Urheber",
                                    "Una citazione con l'autore", "Citat z avtorjem"),
    "Headline figures": ("Chiffres clés", "Kennzahlen", "Cifre chiave", "Ključne številke"),
    "Defaults to the document's title.": ("Par défaut, le titre du document.",
                                          "Standardmäßig der Titel des Dokuments.",
                                          "Per impostazione predefinita il titolo del documento.",
                                          "Privzeto naslov dokumenta."),
    "A downloadable document": ("Un document à télécharger", "Ein Dokument zum Herunterladen",
                                "Un documento scaricabile", "Dokument za prenos"),
    "URL of a video (PeerTube, Vimeo, YouTube…)": (
        "Adresse d'une vidéo (PeerTube, Vimeo, YouTube…)", "Adresse eines Videos (PeerTube, Vimeo, YouTube…)",
        "Indirizzo di un video (PeerTube, Vimeo, YouTube…)", "Naslov videa (PeerTube, Vimeo, YouTube…)"),
    "Describe the image for people who cannot see it; leave empty if decorative.": (
        "Décrivez l'image pour les personnes qui ne la voient pas ; laissez vide si elle est décorative.",
        "Beschreiben Sie das Bild für Menschen, die es nicht sehen; leer lassen, wenn es dekorativ ist.",
        "Descrivi l'immagine per chi non può vederla; lascia vuoto se è decorativa.",
        "Opišite sliko za ljudi, ki je ne vidijo; pustite prazno, če je okrasna."),
    "An embedded video": ("Une vidéo intégrée", "Ein eingebettetes Video", "Un video incorporato",
                          "Vdelan video"),
    "Smart dimension": ("Dimension smart", "Smart-Dimension", "Dimensione smart", "Pametna razsežnost"),
    "Rural challenge": ("Enjeu rural", "Ländliche Herausforderung", "Sfida rurale", "Podeželski izziv"),
    "Country": ("Pays", "Land", "Paese", "Država"),
    "Status": ("État d'avancement", "Stand", "Stato", "Stanje"),
    "Tag": ("Mot-clé", "Schlagwort", "Etichetta", "Oznaka"),
    "Planned": ("Prévu", "Geplant", "Pianificato", "Načrtovano"),
    "Ongoing": ("En cours", "Laufend", "In corso", "V teku"),
    "Completed": ("Terminé", "Abgeschlossen", "Concluso", "Zaključeno"),
    "Discontinued": ("Arrêté", "Eingestellt", "Interrotto", "Prekinjeno"),
    "summary": ("résumé", "Zusammenfassung", "sintesi", "povzetek"),
    "Plain text, two or three sentences.": ("Texte simple, deux ou trois phrases.",
                                            "Einfacher Text, zwei oder drei Sätze.",
                                            "Testo semplice, due o tre frasi.",
                                            "Navadno besedilo, dva ali trije stavki."),
    "introduction": ("introduction", "Einleitung", "introduzione", "uvod"),
    "external ID": ("identifiant externe", "externe ID", "ID esterno", "zunanji ID"),
    "Identifier used by imports and exports; unique.": (
        "Identifiant utilisé par les imports et exports ; unique.",
        "Kennung für Import und Export; eindeutig.", "Identificativo per importazioni ed esportazioni; univoco.",
        "Identifikator za uvoz in izvoz; enoličen."),
    "original language": ("langue d'origine", "Originalsprache", "lingua originale", "izvirni jezik"),
    "Language the practice was first written in.": (
        "Langue dans laquelle la pratique a été rédigée.", "Sprache, in der das Beispiel verfasst wurde.",
        "Lingua in cui la pratica è stata scritta.", "Jezik, v katerem je bila praksa napisana."),
    "country": ("pays", "Land", "paese", "država"),
    "region": ("région", "Region", "regione", "regija"),
    "municipality / EPCI": ("commune / EPCI", "Gemeinde / Gemeindeverband", "comune / unione di comuni",
                            "občina / zveza občin"),
    "population": ("population", "Einwohnerzahl", "popolazione", "število prebivalcev"),
    "altitude (m)": ("altitude (m)", "Höhe (m)", "altitudine (m)", "nadmorska višina (m)"),
    "latitude": ("latitude", "Breitengrad", "latitudine", "zemljepisna širina"),
    "longitude": ("longitude", "Längengrad", "longitudine", "zemljepisna dolžina"),
    "status": ("état d'avancement", "Stand", "stato", "stanje"),
    "start year": ("année de début", "Startjahr", "anno di inizio", "leto začetka"),
    "end year": ("année de fin", "Endjahr", "anno di fine", "leto konca"),
    "lead organisation": ("structure porteuse", "federführende Organisation", "ente capofila",
                          "nosilna organizacija"),
    "partners": ("partenaires", "Partner", "partner", "partnerji"),
    "One per line.": ("Un par ligne.", "Einer pro Zeile.", "Uno per riga.", "Eden na vrstico."),
    "resources needed": ("moyens nécessaires", "benötigte Ressourcen", "risorse necessarie",
                         "potrebni viri"),
    "evidence of success": ("preuves de réussite", "Erfolgsnachweise", "prove di successo",
                            "dokazi o uspehu"),
    "what did not work": ("ce qui n'a pas marché", "was nicht funktioniert hat", "cosa non ha funzionato",
                          "kaj ni delovalo"),
    "potential for transfer": ("potentiel de transfert", "Übertragbarkeit", "trasferibilità",
                               "prenosljivost"),
    "website": ("site web", "Website", "sito web", "spletna stran"),
    "contact name": ("nom du contact", "Kontaktperson", "nome del contatto", "kontaktna oseba"),
    "contact e-mail": ("courriel du contact", "Kontakt-E-Mail", "e-mail del contatto", "kontaktni e-naslov"),
    "Never shown publicly.": ("Jamais affiché publiquement.", "Wird nie öffentlich angezeigt.",
                              "Mai mostrato pubblicamente.", "Nikoli javno prikazano."),
    "validated on": ("validée le", "validiert am", "validata il", "potrjeno dne"),
    "validation note": ("avis de validation", "Validierungsvermerk", "nota di validazione",
                        "opomba o potrditvi"),
    "Capitalisation": ("Capitalisation", "Wissenssicherung", "Capitalizzazione", "Kapitalizacija"),
    "Territory": ("Territoire", "Gebiet", "Territorio", "Območje"),
    "Taxonomy": ("Taxonomie", "Taxonomie", "Tassonomia", "Taksonomija"),
    "Organisation": ("Organisation", "Organisation", "Organizzazione", "Organizacija"),
    "Editorial": ("Éditorial", "Redaktion", "Redazione", "Uredništvo"),
    "Content": ("Contenu", "Inhalt", "Contenuto", "Vsebina"),
    "Details": ("Détails", "Details", "Dettagli", "Podrobnosti"),
    "Promote": ("Promotion", "Bewerben", "Promozione", "Promocija"),
    "Settings": ("Paramètres", "Einstellungen", "Impostazioni", "Nastavitve"),
    "practice": ("pratique", "Praxisbeispiel", "pratica", "praksa"),
    "The end year is before the start year.": ("L'année de fin précède l'année de début.",
                                               "Das Endjahr liegt vor dem Startjahr.",
                                               "L'anno di fine precede l'anno di inizio.",
                                               "Leto konca je pred letom začetka."),
    "local action group": ("groupe local d'action", "lokale Aktionsgruppe", "gruppo di azione locale",
                           "lokalna akcijska skupina"),
    "Who takes part: elected officials, technicians, residents, associations.": (
        "Qui y participe : élus, techniciens, habitants, associations.",
        "Wer mitwirkt: Gewählte, Fachleute, Bewohner, Vereine.",
        "Chi partecipa: amministratori, tecnici, abitanti, associazioni.",
        "Kdo sodeluje: izvoljeni predstavniki, strokovnjaki, prebivalci, društva."),
    "Sessions of the pilot calendar": ("Séances du calendrier pilote", "Sitzungen des Pilotkalenders",
                                       "Sessioni del calendario pilota", "Srečanja pilotnega koledarja"),
    "pilot territory": ("territoire pilote", "Pilotregion", "territorio pilota", "pilotno območje"),
    "Where are we?": ("Où en sommes-nous ?", "Wo stehen wir?", "Dove siamo?", "Kje smo?"),
    "Where are we going?": ("Où allons-nous ?", "Wohin gehen wir?", "Dove andiamo?", "Kam gremo?"),
    "Study visit": ("Visite d'étude", "Studienbesuch", "Visita di studio", "Študijski obisk"),
    "How do we get there?": ("Comment y allons-nous ?", "Wie kommen wir dorthin?", "Come ci arriviamo?",
                             "Kako bomo prišli tja?"),
    "Are we getting there?": ("Y parvenons-nous ?", "Kommen wir voran?", "Ci stiamo arrivando?",
                              "Ali nam uspeva?"),
    "How do we share and transfer our results?": (
        "Comment valoriser et transférer nos résultats ?", "Wie teilen und übertragen wir unsere Ergebnisse?",
        "Come valorizzare e trasferire i nostri risultati?", "Kako deliti in prenesti naše rezultate?"),
    "phase": ("phase", "Phase", "fase", "faza"),
    "date": ("date", "Datum", "data", "datum"),
    "title": ("titre", "Titel", "titolo", "naslov"),
    "outcome": ("résultat", "Ergebnis", "esito", "izid"),
    "Indicators": ("Indicateurs", "Indikatoren", "Indicatori", "Kazalniki"),
    "pilot result": ("résultat pilote", "Pilotergebnis", "risultato pilota", "pilotni rezultat"),
    "indicator": ("indicateur", "Indikator", "indicatore", "kazalnik"),
    "value": ("valeur", "Wert", "valore", "vrednost"),
    "unit": ("unité", "Einheit", "unità", "enota"),
    "baseline": ("situation initiale", "Ausgangswert", "valore di partenza", "izhodiščna vrednost"),
    "Stable identifier used in URLs, imports and the API; same in every language.": (
        "Identifiant stable utilisé dans les adresses, les imports et l'API ; identique dans toutes les langues.",
        "Stabile Kennung für Adressen, Importe und die API; in allen Sprachen gleich.",
        "Identificativo stabile per indirizzi, importazioni e API; uguale in tutte le lingue.",
        "Stalni identifikator za naslove, uvoz in API; enak v vseh jezikih."),
    "name": ("nom", "Name", "nome", "ime"),
    "description": ("description", "Beschreibung", "descrizione", "opis"),
    "dimension": ("dimension", "Dimension", "dimensione", "razsežnost"),
    "dimensions": ("dimensions", "Dimensionen", "dimensioni", "razsežnosti"),
    "challenge": ("enjeu", "Herausforderung", "sfida", "izziv"),
    "challenges": ("enjeux", "Herausforderungen", "sfide", "izzivi"),
    "Key figures": ("Chiffres clés", "Kennzahlen", "Cifre chiave", "Ključne številke"),
    "Watch the video": ("Voir la vidéo", "Video ansehen", "Guarda il video", "Oglejte si video"),
    "The six smart dimensions": ("Les six dimensions smart", "Die sechs Smart-Dimensionen",
                                 "Le sei dimensioni smart", "Šest pametnih razsežnosti"),
    "Rural challenges": ("Enjeux ruraux", "Ländliche Herausforderungen", "Sfide rurali",
                         "Podeželski izzivi"),
    "Latest practices": ("Dernières pratiques", "Neueste Praxisbeispiele", "Ultime pratiche",
                         "Najnovejše prakse"),
    "Pilot territories": ("Territoires pilotes", "Pilotregionen", "Territori pilota", "Pilotna območja"),
    "No pilot territory has been published in this language yet.": (
        "Aucun territoire pilote n'est encore publié dans cette langue.",
        "In dieser Sprache ist noch keine Pilotregion veröffentlicht.",
        "Nessun territorio pilota è ancora pubblicato in questa lingua.",
        "V tem jeziku še ni objavljenega pilotnega območja."),
    "Indicator": ("Indicateur", "Indikator", "Indicatore", "Kazalnik"),
    "Baseline": ("Situation initiale", "Ausgangswert", "Valore di partenza", "Izhodišče"),
    "Value": ("Valeur", "Wert", "Valore", "Vrednost"),
    "Unit": ("Unité", "Einheit", "Unità", "Enota"),
    "Linked practices": ("Pratiques liées", "Verknüpfte Praxisbeispiele", "Pratiche collegate",
                         "Povezane prakse"),
    "%(n)s inhabitants": ("%(n)s habitants", "%(n)s Einwohner", "%(n)s abitanti", "%(n)s prebivalcev"),
    "Local action group": ("Groupe local d'action", "Lokale Aktionsgruppe", "Gruppo di azione locale",
                           "Lokalna akcijska skupina"),
    "The journey, session by session": ("Le parcours, séance après séance", "Der Weg, Sitzung für Sitzung",
                                        "Il percorso, sessione dopo sessione", "Pot, srečanje za srečanjem"),
    "Pilot results": ("Résultats pilotes", "Pilotergebnisse", "Risultati pilota", "Pilotni rezultati"),
    "Filter practices": ("Filtrer les pratiques", "Praxisbeispiele filtern", "Filtra le pratiche",
                         "Filtriraj prakse"),
    "Apply filters": ("Appliquer les filtres", "Filter anwenden", "Applica i filtri", "Uporabi filtre"),
    "Clear all filters": ("Effacer tous les filtres", "Alle Filter löschen", "Cancella tutti i filtri",
                          "Počisti vse filtre"),
    "Active filters": ("Filtres actifs", "Aktive Filter", "Filtri attivi", "Dejavni filtri"),
    "No practice matches these filters.": ("Aucune pratique ne correspond à ces filtres.",
                                           "Kein Praxisbeispiel entspricht diesen Filtern.",
                                           "Nessuna pratica corrisponde a questi filtri.",
                                           "Nobena praksa ne ustreza tem filtrom."),
    "See all practices": ("Voir toutes les pratiques", "Alle Praxisbeispiele anzeigen",
                          "Vedi tutte le pratiche", "Prikaži vse prakse"),
    "Practices": ("Pratiques", "Praxisbeispiele", "Pratiche", "Prakse"),
    "Validated by the programme's editors on %(date)s": (
        "Validée par l'équipe éditoriale du programme le %(date)s",
        "Am %(date)s von der Programmredaktion validiert",
        "Validata dalla redazione del programma il %(date)s",
        "Uredništvo programa jo je potrdilo %(date)s"),
    "Resources needed": ("Moyens nécessaires", "Benötigte Ressourcen", "Risorse necessarie", "Potrebni viri"),
    "Evidence of success": ("Preuves de réussite", "Erfolgsnachweise", "Prove di successo",
                            "Dokazi o uspehu"),
    "What did not work": ("Ce qui n'a pas marché", "Was nicht funktioniert hat", "Cosa non ha funzionato",
                          "Kaj ni delovalo"),
    "Potential for transfer": ("Potentiel de transfert", "Übertragbarkeit", "Trasferibilità",
                               "Prenosljivost"),
    "Related pilot results": ("Résultats pilotes liés", "Zugehörige Pilotergebnisse",
                              "Risultati pilota collegati", "Povezani pilotni rezultati"),
    "Key facts": ("L'essentiel", "Eckdaten", "In sintesi", "Ključni podatki"),
    "Population": ("Population", "Einwohner", "Popolazione", "Prebivalci"),
    "Altitude": ("Altitude", "Höhe", "Altitudine", "Nadmorska višina"),
    "Location": ("Localisation", "Lage", "Posizione", "Lokacija"),
    "View on OpenStreetMap": ("Voir sur OpenStreetMap", "Auf OpenStreetMap ansehen",
                              "Vedi su OpenStreetMap", "Poglej na OpenStreetMap"),
    "Smart dimensions": ("Dimensions smart", "Smart-Dimensionen", "Dimensioni smart",
                         "Pametne razsežnosti"),
    "Tags": ("Mots-clés", "Schlagwörter", "Etichette", "Oznake"),
    "Lead organisation": ("Structure porteuse", "Federführung", "Ente capofila", "Nosilna organizacija"),
    "Partners": ("Partenaires", "Partner", "Partner", "Partnerji"),
    "Contact": ("Contact", "Kontakt", "Contatto", "Kontakt"),
    "Website": ("Site web", "Website", "Sito web", "Spletna stran"),
    "Original language": ("Langue d'origine", "Originalsprache", "Lingua originale", "Izvirni jezik"),
    "Also available in": ("Disponible aussi en", "Auch verfügbar auf", "Disponibile anche in",
                          "Na voljo tudi v"),
    "Page not found": ("Page introuvable", "Seite nicht gefunden", "Pagina non trovata",
                       "Stran ni najdena"),
    "This page does not exist or is no longer published.": (
        "Cette page n'existe pas ou n'est plus publiée.",
        "Diese Seite existiert nicht oder ist nicht mehr veröffentlicht.",
        "Questa pagina non esiste o non è più pubblicata.",
        "Ta stran ne obstaja ali ni več objavljena."),
    "Go to the home page": ("Aller à l'accueil", "Zur Startseite", "Vai alla home page",
                            "Na domačo stran"),
    "Skip to content": ("Aller au contenu", "Zum Inhalt springen", "Vai al contenuto",
                        "Skoči na vsebino"),
    "Knowledge base": ("Base de connaissances", "Wissensdatenbank", "Banca dati", "Baza znanja"),
    "Main": ("Principal", "Hauptmenü", "Principale", "Glavno"),
    "Home": ("Accueil", "Startseite", "Home", "Domov"),
    "Smart Villages — sharing and capitalising good practices of rural Alpine territories.": (
        "Smart Villages — partager et capitaliser les bonnes pratiques des territoires ruraux alpins.",
        "Smart Villages — gute Praxis ländlicher Alpenregionen teilen und sichern.",
        "Smart Villages — condividere e capitalizzare le buone pratiche dei territori rurali alpini.",
        "Smart Villages — deljenje in kapitalizacija dobrih praks podeželskih alpskih območij."),
    "Content is published by the programme's editors and partner territories.": (
        "Les contenus sont publiés par l'équipe du programme et les territoires partenaires.",
        "Die Inhalte werden von der Programmredaktion und den Partnerregionen veröffentlicht.",
        "I contenuti sono pubblicati dalla redazione del programma e dai territori partner.",
        "Vsebine objavljajo uredništvo programa in partnerska območja."),
    "Language": ("Langue", "Sprache", "Lingua", "Jezik"),
    "Not translated: goes to the home page": (
        "Non traduite : mène à l'accueil", "Nicht übersetzt: führt zur Startseite",
        "Non tradotta: porta alla home page", "Ni prevedeno: vodi na domačo stran"),
    "Pages": ("Pages", "Seiten", "Pagine", "Strani"),
    "Previous": ("Précédent", "Zurück", "Precedente", "Prejšnja"),
    "Next": ("Suivant", "Weiter", "Successiva", "Naslednja"),
    "Language of this practice": ("Langue de cette pratique", "Sprache dieses Praxisbeispiels",
                                  "Lingua di questa pratica", "Jezik te prakse"),
    "Validated": ("Validée", "Validiert", "Validata", "Potrjeno"),
}
PLURALS = {
    "Browse %(counter)s practice": {
        "fr": ["Parcourir %(counter)s pratique", "Parcourir %(counter)s pratiques"],
        "de": ["%(counter)s Praxisbeispiel ansehen", "%(counter)s Praxisbeispiele ansehen"],
        "it": ["Sfoglia %(counter)s pratica", "Sfoglia %(counter)s pratiche"],
        "sl": ["Prebrskaj %(counter)s prakso", "Prebrskaj %(counter)s praksi",
               "Prebrskaj %(counter)s prakse", "Prebrskaj %(counter)s praks"],
    },
    "%(counter)s practice": {
        "fr": ["%(counter)s pratique", "%(counter)s pratiques"],
        "de": ["%(counter)s Praxisbeispiel", "%(counter)s Praxisbeispiele"],
        "it": ["%(counter)s pratica", "%(counter)s pratiche"],
        "sl": ["%(counter)s praksa", "%(counter)s praksi", "%(counter)s prakse", "%(counter)s praks"],
    },
}
PLURAL_FORMS = {
    "fr": "nplurals=2; plural=(n > 1);",
    "de": "nplurals=2; plural=(n != 1);",
    "it": "nplurals=2; plural=(n != 1);",
    "sl": "nplurals=4; plural=(n%100==1 ? 0 : n%100==2 ? 1 : n%100==3 || n%100==4 ? 2 : 3);",
}


def main():
    root = Path(__file__).resolve().parent.parent / "locale"
    for position, lang in enumerate(LANGS):
        path = root / lang / "LC_MESSAGES" / "django.po"
        catalogue = polib.pofile(str(path))
        catalogue.metadata["Plural-Forms"] = PLURAL_FORMS[lang]
        catalogue.metadata["Language"] = lang
        catalogue.metadata["Content-Type"] = "text/plain; charset=UTF-8"
        missing = []
        for entry in catalogue:
            if entry.msgid_plural:
                forms = PLURALS.get(entry.msgid, {}).get(lang)
                if forms:
                    entry.msgstr_plural = dict(enumerate(forms))
                else:
                    missing.append(entry.msgid)
            elif entry.msgid in T:
                entry.msgstr = T[entry.msgid][position]
            else:
                missing.append(entry.msgid)
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        catalogue.save()
        if missing:
            print(f"{lang}: {len(missing)} untranslated: {missing}")


if __name__ == "__main__":
    main()

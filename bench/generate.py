"""Synthetic multilingual practices in the import format (JSON Lines), for benchmarks.

    python bench/generate.py 10000 > bench/out/practices-10k.jsonl

Vocabulary comes from the seeded glossary, so queries in any language hit realistic text.
"""

import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = json.loads((ROOT / "fixtures" / "glossary.json").read_text(encoding="utf-8"))
LANGS = ["en", "fr", "de", "it", "sl"]
COUNTRIES = {"AT": (46.4, 47.8, 9.6, 16.9), "CH": (45.9, 47.7, 6.0, 10.4),
             "DE": (47.3, 48.0, 9.9, 13.0), "FR": (43.8, 46.4, 5.2, 7.6),
             "IT": (44.1, 46.9, 6.8, 13.8), "LI": (47.05, 47.27, 9.47, 9.63),
             "SI": (45.5, 46.8, 13.4, 16.0)}
PLACES = ["Val d'Aran", "Oberried", "Saint-Martin", "San Lorenzo", "Bohinjska Bela", "Gries",
          "Entremont", "Valle Stretta", "Kranjska Gora", "Lechaschau", "Sankt Anton",
          "Chamrousse", "Pontebba", "Tolmin", "Innervillgraten", "Ormea", "Barcelonnette"]
FRAMES = {
    "en": ("{a} and {b} in {p}", "Residents of {p} set up {a} to answer {b}.",
           "The municipality supports {a}; volunteers run {b} every week."),
    "fr": ("{a} et {b} à {p}", "Les habitants de {p} ont créé {a} pour répondre à {b}.",
           "La commune soutient {a} ; des bénévoles animent {b} chaque semaine."),
    "de": ("{a} und {b} in {p}", "Die Bevölkerung von {p} hat {a} gegründet, als Antwort auf {b}.",
           "Die Gemeinde unterstützt {a}; Freiwillige betreiben {b} jede Woche."),
    "it": ("{a} e {b} a {p}", "Gli abitanti di {p} hanno creato {a} per rispondere a {b}.",
           "Il comune sostiene {a}; i volontari gestiscono {b} ogni settimana."),
    "sl": ("{a} in {b} v kraju {p}", "Prebivalci kraja {p} so uvedli {a} kot odgovor na {b}.",
           "Občina podpira {a}; prostovoljci vsak teden vodijo {b}."),
}
DIMENSIONS = ["governance", "people", "living", "environment", "economy", "mobility"]
CHALLENGES = ["depopulation", "service-access", "mobility", "rural-urban", "low-carbon",
              "digital", "local-economy"]


def term(rnd, lang):
    return rnd.choice(rnd.choice(GLOSSARY)["terms"][lang])


def record(i, rnd, originals):
    lang = rnd.choice(LANGS)
    country = rnd.choice(list(COUNTRIES))
    south, north, west, east = COUNTRIES[country]
    a, b, p = term(rnd, lang), term(rnd, lang), rnd.choice(PLACES)
    title_f, summary_f, body_f = FRAMES[lang]
    rec = {
        "external_id": f"bench-{i}", "language": lang,
        "title": title_f.format(a=a, b=b, p=p)[:250],
        "summary": summary_f.format(a=a, b=b, p=p),
        "body": "\n\n".join(body_f.format(a=term(rnd, lang), b=term(rnd, lang), p=p)
                            for _ in range(3)),
        "country": country, "territory": p,
        "latitude": round(rnd.uniform(south, north), 5),
        "longitude": round(rnd.uniform(west, east), 5),
        "dimensions": rnd.sample(DIMENSIONS, rnd.randint(1, 3)),
        "challenges": rnd.sample(CHALLENGES, rnd.randint(0, 3)),
        "tags": [term(rnd, lang) for _ in range(rnd.randint(0, 3))],
        "status": rnd.choice(["planned", "ongoing", "completed", "discontinued"]),
        "start_year": rnd.randint(2010, 2024), "population": rnd.randint(80, 40000),
        "contact_email": f"owner{i}@example.org",
    }
    candidates = [o for o in originals[-200:] if o[1] != lang]
    if candidates and rnd.random() < 0.2:  # a translation of a recent original
        rec["translation_of"] = rnd.choice(candidates)[0]
        originals[:] = [o for o in originals if o[0] != rec["translation_of"]]
    else:
        originals.append((rec["external_id"], lang))
    return rec


def main(count):
    rnd = random.Random(20261127)
    originals = []
    for i in range(count):
        sys.stdout.write(json.dumps(record(i, rnd, originals), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(int(sys.argv[1]))

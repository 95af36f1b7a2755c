"""Save what the public sees (pages, API answers, exports, feeds) to a folder, to compare a
refactoring byte for byte: run it before and after on the same database, then `diff -r`.

    DJANGO_SETTINGS_MODULE=kb.settings.dev python scripts/snapshot.py OUT_DIR

Per-request values (CSRF tokens, CSP nonces, the spreadsheet's creation time) are blanked.
"""

import io
import os
import re
import sys
import zipfile
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings.dev")
django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

from practices.models import PracticePage  # noqa: E402

VOLATILE = [
    (re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"'), b'name="csrfmiddlewaretoken"'),
    (re.compile(rb'nonce="[^"]+"'), b'nonce=""'),
    (re.compile(rb"nonce-[A-Za-z0-9+/=_-]+"), b"nonce-"),
    (re.compile(rb"<lastBuildDate>[^<]+</lastBuildDate>"), b"<lastBuildDate/>"),  # empty feeds: now
]
LANGS = ["en", "fr", "de", "it", "sl"]
QUERIES = ["bench", "covoiturage", "Mitfahrbank", "energia", "šola", "smart village", "forest"]


def paths():
    yield from ["/robots.txt", "/sitemap.xml", "/api/v1/openapi.json", "/api/v1/taxonomy/",
                "/api/v1/practices/", "/api/v1/practices/?page=2&page_size=5",
                "/api/v1/pilots/", "/api/v1/pilot-results/", "/embed/practices/?limit=6",
                "/exports/practices.csv",
                "/exports/practices.json", "/exports/practices.xlsx"]
    for lang in LANGS:
        yield from [f"/{lang}/", f"/{lang}/data/", f"/{lang}/assessment/",
                    f"/{lang}/assessment/methodology/", f"/{lang}/propose/",
                    f"/{lang}/feeds/practices.rss", f"/{lang}/feeds/practices.atom",
                    f"/{lang}/feeds/pilot-results.rss"]
    for q in QUERIES:
        yield f"/api/v1/search/?q={q}"
        yield f"/api/v1/search/suggest/?q={q[:4]}"
        for lang in ("en", "fr"):
            yield f"/api/v1/search/?q={q}&lang={lang}&facets=true"
    yield "/api/v1/search/points/?dimension=mobility"
    yield "/api/v1/search/?dimension=environment&country=IT&sort=newest"
    for page in PracticePage.objects.live().order_by("pk"):
        yield page.url
        yield f"/api/v1/practices/{page.pk}/"
        yield f"/embed/card/{page.pk}/"
        yield f"/oembed/?url=http://testserver{page.url}"
    for page in PracticePage.objects.live().order_by("pk").specific()[:1]:
        catalogue = page.get_parent().url
        yield from [catalogue, catalogue + "?q=bench", catalogue + "?dimension=mobility&sort=title",
                    catalogue + "?country=AT&page=2", catalogue + "?format=csv"]


def normalised(path, body):
    if path.endswith(".xlsx"):
        zipped = zipfile.ZipFile(io.BytesIO(body))
        return b"".join(name.encode() + b"\n" + zipped.read(name) for name in sorted(
            zipped.namelist()) if name != "docProps/core.xml")
    for pattern, replacement in VOLATILE:
        body = pattern.sub(replacement, body)
    return body


def main(out):
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    client = Client()
    with override_settings(ELASTICSEARCH_URL="", ALLOWED_HOSTS=["*"]):
        for index, path in enumerate(dict.fromkeys(paths())):
            response = client.get(path)
            head = f"{path}\n{response.status_code} {response.get('Content-Type')}\n".encode()
            name = f"{index:04d}-" + re.sub(r"[^A-Za-z0-9]+", "_", path).strip("_")[:80]
            (out / name).write_bytes(head + normalised(path, response.content))
    print(f"{index + 1} responses in {out} ({settings.DATABASES['default']['NAME']})")


if __name__ == "__main__":
    main(sys.argv[1])

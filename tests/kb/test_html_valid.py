"""Every public page type is valid HTML for the Nu HTML Checker (vnu.jar), the W3C's own."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import wagtail_factories
from django.utils import timezone
from wagtail.models import Page
from wagtail.rich_text import RichText

from practices.models import PracticePage
from tests import factories
from tests.assessment.helpers import answer_all, start, uniform
from tests.conftest import require
from tests.participation.test_calls import make_call

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("corpus")]


@pytest.fixture(scope="module")
def corpus(module_data):
    """A page of every type: the catalogue's practices (one with every body block and every
    section of a factsheet), a pilot with a result, a call."""
    def build():
        now = timezone.now()
        make_call(now - timezone.timedelta(days=1), now + timezone.timedelta(days=30))
        corpus = factories.catalogue_corpus()
        factories.PracticePageFactory(
            title="Factsheet with every part", lead_organisation="Commune de Ceillac",
            partners="Parc naturel régional\nDépartement", resources="Two benches a year.",
            results="1,300 trips.", lessons="Signs came late.", transferability="Anywhere.",
            website="https://example.org/benches", validated_at="2026-03-01",
            body=[("paragraph", RichText("<p>A <b>paragraph</b>.</p>")),
                  ("image", {"image": corpus["practices"][0].image, "alt_text": "A bench",
                             "caption": "The bench", "credit": "Commune"}),
                  ("quote", {"quote": "We wait less.", "attribution": "A villager"}),
                  ("key_figures", {"figures": [{"value": "12", "unit": "benches",
                                                "label": "installed"}]}),
                  ("document", {"document": wagtail_factories.DocumentFactory(),
                                "title": "The leaflet"})])
        return corpus
    return module_data(build)
ROOT = Path(__file__).resolve().parents[2]
# One short run of the checker: the client compiler only (no time spent optimising code that
# runs once), with the deeper stack the checker's schema then needs, and the serial GC.
JVM = ["-XX:TieredStopAtLevel=1", "-Xss4m", "-XX:+UseSerialGC"]


def public_urls(assessment):
    urls = ["/en/", "/fr/pratiques/?q=covoiturage&dimension=mobility", "/de/praxisbeispiele/",
            "/fr/propose/", "/en/privacy/", "/it/assessment/", "/sl/assessment/methodology/",
            "/en/data/", "/embed/practices/?lang=de", "/fr/contact/0/"]
    seen = set()
    for page in Page.objects.live().public().exclude(depth__lt=2).specific().order_by("pk"):
        kind = (type(page).__name__, page.locale.language_code in ("fr", "it"))
        if kind not in seen:
            seen.add(kind)
            urls.append(page.url)
    urls.append(PracticePage.objects.get(title="Factsheet with every part").url)
    urls += [f"/en/assessment/{assessment.token}/result/",
             f"/fr/assessment/{assessment.token}/step/2/"]
    return urls


def test_public_pages_have_no_html_error(client, tmp_path):
    java = shutil.which("java")
    require(java and shutil.which("npm"), "java and npm are needed for the Nu HTML Checker")
    jar = subprocess.run([str(ROOT / "scripts/vnu.sh")], capture_output=True, text=True,
                         check=True, timeout=600).stdout.strip()
    assessment = answer_all(client, start(client), uniform(3))
    files = {}
    for number, url in enumerate(public_urls(assessment)):
        response = client.get(url)
        if response.status_code == 404 and "/contact/" in url:
            continue
        assert response.status_code == 200, url
        path = tmp_path / f"page-{number}.html"
        path.write_bytes(response.content)
        files[path.name] = url
    assert len(files) >= 15
    factsheet = (tmp_path / next(n for n, u in files.items() if "every-part" in u)).read_text()
    for part in ("<blockquote>", "kf-value", "The leaflet", "body-image", "Commune de Ceillac"):
        assert part in factsheet, part
    result = subprocess.run([java, *JVM, "-jar", jar, "--format", "json", "--errors-only",
                             *[str(tmp_path / name) for name in files]],
                            capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or "{}").get("messages", [])
    errors = [(files.get(Path(m.get("url", "")).name), m.get("lastLine"), m["message"][:160])
              for m in messages if m.get("type") == "error"]
    assert errors == []

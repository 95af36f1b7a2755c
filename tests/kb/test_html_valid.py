"""Every public page type is valid HTML for the Nu HTML Checker (vnu.jar), the W3C's own."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from wagtail.models import Page

from assessment.models import Assessment
from tests.conftest import require

pytestmark = [pytest.mark.django_db, pytest.mark.demo]
ROOT = Path(__file__).resolve().parents[2]


def public_urls():
    urls = ["/en/", "/fr/pratiques/?q=covoiturage&dimension=mobility", "/de/praxisbeispiele/",
            "/fr/propose/", "/en/privacy/", "/it/assessment/", "/sl/assessment/methodology/",
            "/en/data/", "/embed/practices/?lang=de", "/fr/contact/0/"]
    seen = set()
    for page in Page.objects.live().public().exclude(depth__lt=2).specific().order_by("pk"):
        kind = (type(page).__name__, page.locale.language_code in ("fr", "it"))
        if kind not in seen:
            seen.add(kind)
            urls.append(page.url)
    done = Assessment.objects.exclude(completed_at=None).first()
    urls += [f"/en/assessment/{done.token}/result/", f"/fr/assessment/{done.token}/step/2/"]
    return urls


def test_public_pages_have_no_html_error(client, tmp_path):
    java = shutil.which("java")
    require(java and shutil.which("npm"), "java and npm are needed for the Nu HTML Checker")
    jar = subprocess.run([str(ROOT / "scripts/vnu.sh")], capture_output=True, text=True,
                         check=True, timeout=600).stdout.strip()
    files = {}
    for number, url in enumerate(public_urls()):
        response = client.get(url)
        if response.status_code == 404 and "/contact/" in url:
            continue
        assert response.status_code == 200, url
        path = tmp_path / f"page-{number}.html"
        path.write_bytes(response.content)
        files[path.name] = url
    assert len(files) >= 15
    result = subprocess.run([java, "-jar", jar, "--format", "json", "--errors-only",
                             *[str(tmp_path / name) for name in files]],
                            capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or "{}").get("messages", [])
    errors = [(files.get(Path(m.get("url", "")).name), m.get("lastLine"), m["message"][:160])
              for m in messages if m.get("type") == "error"]
    assert errors == []

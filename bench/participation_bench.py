"""Time from a public proposal to its draft visible in the admin (in process, demo corpus).

    DATABASE_URL=sqlite:///bench/out/demo.sqlite3 .venv/bin/python bench/participation_bench.py

Each round posts the propose form (with one picture) and then loads the editors' dashboard
until the draft is listed there. Appends to bench/RESULTS.md.
"""

import io
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings.dev")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.test import Client  # noqa: E402
from PIL import Image  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_REQUESTS", "30"))


def picture():
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 1067), (40, 120, 80)).save(buffer, "JPEG", quality=85)
    return SimpleUploadedFile("photo.jpg", buffer.getvalue(), content_type="image/jpeg")


def main():
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["*"]
    settings.KB_PUBLIC_FORM_RATE = "100000/h"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    editor, _created = get_user_model().objects.get_or_create(
        username="bench-editor", defaults={"email": "bench@example.org"})
    editor.groups.add(Group.objects.get(name="Editors"))
    visitor, admin = Client(), Client()
    admin.force_login(editor)
    samples = []
    for n in range(ROUNDS):
        title = f"Bench proposal {time.time_ns()}-{n}"
        start = time.perf_counter()
        response = visitor.post("/en/propose/", {
            "name": "Bench", "email": "bench@example.org", "title": title,
            "summary": "A proposal made by the benchmark.", "status": "ongoing",
            "country": "AT", "dimensions": ["mobility"], "images": [picture()]})
        if response.status_code != 302:
            raise SystemExit(f"proposal refused: HTTP {response.status_code}")
        while title not in admin.get("/admin/").content.decode():
            pass
        samples.append((time.perf_counter() - start) * 1000)
    cuts = statistics.quantiles(samples, n=100)
    report = (f"\n## Proposal to visible draft ({ROUNDS} proposals, in process, "
              f"{settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]})\n\n"
              "Public form POST with a 1600×1067 JPEG (checked, stored privately, draft created,"
              " workflow started, e-mails sent) until the editors' dashboard lists the draft: "
              f"p50 {cuts[49]:.0f} ms, p95 {cuts[94]:.0f} ms (bench/participation_bench.py).\n")
    print(report)
    with (ROOT / "bench" / "RESULTS.md").open("a", encoding="utf-8") as handle:
        handle.write(report)


if __name__ == "__main__":
    main()

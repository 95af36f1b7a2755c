"""A real server on a throwaway SQLite database with the demo corpus, for browser tests."""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import require

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ADMIN = ("admin", "a-long-test-password")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


SITE = {}  # "mail": the directory of the e-mails the site sends (one file each)


@pytest.fixture(scope="session")
def site_url(tmp_path_factory):
    base = tmp_path_factory.mktemp("site")
    SITE["mail"] = base / "mail"
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="kb.settings.dev",
               DATABASE_URL=f"sqlite:///{base / 'db.sqlite3'}", MEDIA_ROOT=str(base / "media"),
               DJANGO_SUPERUSER_PASSWORD=ADMIN[1],
               EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
               EMAIL_FILE_PATH=str(base / "mail"))
    for command in (["migrate", "--no-input", "-v0"], ["load_demo", "-v0"],
                    ["createsuperuser", "--no-input", "--username", ADMIN[0],
                     "--email", "admin@example.org"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True,
                       capture_output=True, timeout=300)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{url}/en/", timeout=2)  # noqa: S310 (our own server)
            break
        except OSError:
            time.sleep(0.2)
    yield url
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def mailbox(site_url):
    """The e-mails the site sent since the test started: `mailbox()` reads them, newest
    last, each as (recipient, subject, text)."""
    import email
    from email import policy

    folder = SITE["mail"]
    before = set(folder.glob("*.log")) if folder.exists() else set()

    def read():
        found = []
        for path in sorted(set(folder.glob("*.log")) - before, key=lambda p: p.stat().st_mtime):
            for raw in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
                if raw.strip():
                    message = email.message_from_bytes(raw.strip(), policy=policy.default)
                    found.append((message["To"], message["Subject"].strip(),
                                  message.get_body(preferencelist=("plain",)).get_content()))
        return found

    return read


@pytest.fixture(scope="session")
def browser():
    require(Path(CHROMIUM).exists(), "Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="en-GB")
    # Only our own server: map tiles and anything else outside would hang without a network.
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/]).*"), lambda route: route.abort())
    page = context.new_page()
    yield page
    context.close()

"""Production settings: fail fast without secrets, and `check --deploy` is clean."""

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def manage(*args, **env):
    """`manage.py *args` with production settings and the environment `env`, started at
    once: `.result()` waits for it (the module's checks run side by side, ~1 s each)."""
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL",
                                "WAGTAILADMIN_BASE_URL")}
    environment.update(DJANGO_SETTINGS_MODULE="kb.settings.production", **env)
    return RUNNER.submit(subprocess.run, [sys.executable, "manage.py", *args], cwd=ROOT,
                         env=environment, capture_output=True, text=True, timeout=120)


PRODUCTION = {"SECRET_KEY": "k" * 20 + "-a-long-random-production-secret-0123456789",
              "ALLOWED_HOSTS": "kb.example.org", "DATABASE_URL": "postgres://kb:kb@db/kb",
              "CACHE_URL": "redis://127.0.0.1:6379/0",
              "WAGTAILADMIN_BASE_URL": "https://kb.example.org"}
RUNNER = ThreadPoolExecutor(max_workers=6)
CHECKS = {}


@pytest.fixture(scope="module", autouse=True)
def _started():
    """Every check of the module starts before the first test reads its outcome."""
    CHECKS.update(
        no_secret=manage("check", **{**PRODUCTION, "SECRET_KEY": ""}),
        no_base_url=manage("check", **{**PRODUCTION, "WAGTAILADMIN_BASE_URL": ""}),
        sqlite=manage("check", **{**PRODUCTION, "DATABASE_URL": "sqlite:////tmp/kb-prod.db"}),
        no_cache=manage("check", **{**PRODUCTION, "CACHE_URL": ""}),
        local_cache=manage("check", **{**PRODUCTION, "CACHE_URL": "locmem://"}),
        deploy=manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION))
    yield
    RUNNER.shutdown()


def outcome(name):
    return CHECKS[name].result()


def test_production_refuses_to_start_without_a_secret_key():
    result = outcome("no_secret")
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_production_needs_the_public_address_for_e_mail_links():
    assert "Set the WAGTAILADMIN_BASE_URL environment variable" in outcome("no_base_url").stderr


def test_production_refuses_sqlite_with_a_reason():
    result = outcome("sqlite")
    assert result.returncode != 0
    assert "Production runs on PostgreSQL" in result.stderr


def test_production_needs_a_shared_cache():
    assert "Set the CACHE_URL environment variable" in outcome("no_cache").stderr
    assert "CACHE_URL must be a Redis URL" in outcome("local_cache").stderr


def test_check_deploy_is_clean_and_silences_nothing():
    result = outcome("deploy")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)" in result.stdout

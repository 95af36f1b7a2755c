"""Production settings: fail fast without secrets, and `check --deploy` is clean."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def manage(*args, **env):
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL",
                                "WAGTAILADMIN_BASE_URL")}
    environment.update(DJANGO_SETTINGS_MODULE="kb.settings.production", **env)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=environment,
                          capture_output=True, text=True, timeout=120)


PRODUCTION = {"SECRET_KEY": "k" * 20 + "-a-long-random-production-secret-0123456789",
              "ALLOWED_HOSTS": "kb.example.org", "DATABASE_URL": "postgres://kb:kb@db/kb",
              "CACHE_URL": "redis://127.0.0.1:6379/0",
              "WAGTAILADMIN_BASE_URL": "https://kb.example.org"}


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", **{**PRODUCTION, "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_production_needs_the_public_address_for_e_mail_links():
    result = manage("check", **{**PRODUCTION, "WAGTAILADMIN_BASE_URL": ""})
    assert "Set the WAGTAILADMIN_BASE_URL environment variable" in result.stderr


def test_production_refuses_sqlite_with_a_reason(tmp_path):
    result = manage("check", **{**PRODUCTION, "DATABASE_URL": f"sqlite:///{tmp_path}/db"})
    assert result.returncode != 0
    assert "Production runs on PostgreSQL" in result.stderr


def test_production_needs_a_shared_cache():
    result = manage("check", **{**PRODUCTION, "CACHE_URL": ""})
    assert "Set the CACHE_URL environment variable" in result.stderr
    result = manage("check", **{**PRODUCTION, "CACHE_URL": "locmem://"})
    assert "CACHE_URL must be a Redis URL" in result.stderr


def test_check_deploy_is_clean_and_silences_nothing():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)" in result.stdout

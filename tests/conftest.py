import os
import shutil

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.factories import PracticePageFactory  # noqa: F401  (re-exported for tests)

IN_CI = os.environ.get("CI") == "true"


def require(condition, reason):
    """Skip on a laptop without the service; fail under CI=true, where everything must run."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"CI=true but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test starts from a migrated database holding the demo corpus (fixtures/)."""
    with django_db_blocker.unblock():
        call_command("load_demo", verbosity=0)
    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"

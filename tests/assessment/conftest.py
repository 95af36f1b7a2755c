import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _reset_rate_limits():
    cache.clear()

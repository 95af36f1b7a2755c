"""What the API schema modules share: the application's OpenAPI schema as schemathesis loads
it (long enums thinned, the coverage phase under CI=true only), and a fixture that keeps the
test's database connection open while requests go straight to the WSGI app."""

import zlib

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from django.test import Client
from schemathesis.config import SchemathesisConfig

from kb.wsgi import application
from tests.conftest import IN_CI


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Requests go straight to the WSGI app, whose end-of-request handler would close the
    test's database connection (Django's test client turns that off the same way)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


# The schema lists every country code (~500 with both cases) for `country` on three
# operations; the coverage phase would generate and send one request per code, the same code
# path 1,500 times (a minute of this module's time). The test's copy of the schema keeps the
# first codes (the Alpine countries) and a spread of about one in 25 of the others, chosen by
# the code itself so that every run sends the same ones; every other scenario runs in full.
ENUM_KEPT = 8
ENUM_SPREAD = 25


def spread(values):
    return values[:ENUM_KEPT] + [value for value in values[ENUM_KEPT:]
                                 if zlib.crc32(value.encode()) % ENUM_SPREAD == 0]


def thin_long_enums(node):
    if isinstance(node, dict):
        if len(node.get("enum", ())) > 2 * ENUM_KEPT:
            node["enum"] = spread(node["enum"])
        for value in node.values():
            thin_long_enums(value)
    elif isinstance(node, list):
        for value in node:
            thin_long_enums(value)
    return node


def load_schema():
    """Under CI=true every phase runs; on a laptop the coverage phase (~900 deterministic
    requests: each enum value, each wrong type, each boundary) is left to CI, so that the
    module answers in seconds with new random examples at every run."""
    raw = Client().get("/api/v1/openapi.json").json()
    config = SchemathesisConfig.from_dict({"phases": {"coverage": {"enabled": IN_CI}}})
    loaded = schemathesis.openapi.from_dict(thin_long_enums(raw), config=config)
    loaded.app, loaded.location = application, "/api/v1/openapi.json"
    return loaded

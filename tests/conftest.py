import os
import shutil

import pytest
from django.conf import settings
from django.core.management import call_command
from hypothesis import settings as hypothesis_settings

from tests.factories import PracticePageFactory  # noqa: F401  (re-exported for tests)

IN_CI = os.environ.get("CI") == "true"
# Property-based tests (Hypothesis, schemathesis) draw new examples on every laptop run, to
# find new bugs; CI replays a fixed sequence so that a landing never depends on luck.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if IN_CI:
    hypothesis_settings.load_profile("ci")


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


@pytest.fixture(autouse=True)
def _fresh_site_chrome():
    """The cached header and footer links of a test's pages (rolled back) leave with it."""
    yield
    from practices.catalogue import site_changed

    site_changed()


@pytest.fixture(autouse=True)
def _closed_breakers():
    """A test that made Elasticsearch fail leaves no open circuit breaker to the next."""
    from search import breaker

    yield
    breaker.reset_all()


ES_URL = os.environ.get("TEST_ELASTICSEARCH_URL", "")


@pytest.fixture
def elasticsearch(settings):
    """ELASTICSEARCH_URL pointing at the test node, with a fresh index of the demo corpus."""
    require(bool(ES_URL), "no Elasticsearch node (TEST_ELASTICSEARCH_URL; `make test` starts "
                          "one with scripts/elasticsearch.sh when java and mvn are present)")
    from search.engines.elastic import ElasticsearchEngine

    settings.ELASTICSEARCH_URL = ES_URL
    settings.KB_SEARCH_INDEX_PREFIX = f"kbtest{os.getpid()}_"
    engine = ElasticsearchEngine(ES_URL, timeout=30)
    engine.rebuild()
    yield engine
    engine.client.indices.delete(index=f"{settings.KB_SEARCH_INDEX_PREFIX}*",
                                 ignore_unavailable=True, allow_no_indices=True)


@pytest.fixture(params=["database", "elasticsearch"])
def engine_name(request, settings):
    """Run a test once per search engine (the contract both promise)."""
    if request.param == "elasticsearch":
        request.getfixturevalue("elasticsearch")
    else:
        settings.ELASTICSEARCH_URL = ""
    return request.param


@pytest.fixture
def http_server(db):
    """This site over real HTTP, in a thread, reading the demo corpus (committed at session
    setup). Unlike pytest-django's live_server it does not flush the database afterwards."""
    import threading
    from wsgiref.simple_server import WSGIRequestHandler, make_server

    from django.core.handlers.wsgi import WSGIHandler

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    server = make_server("127.0.0.1", 0, WSGIHandler(), handler_class=Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()

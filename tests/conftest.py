import fcntl
import hashlib
import os
import shutil
import sqlite3
import sys
import tempfile
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test import TestCase
from django.test.utils import setup_databases, teardown_databases
from hypothesis import settings as hypothesis_settings

from core.pagecache import PAGES
from core.pages import RESTRICTED
from core.routing import ROUTES
from practices.catalogue import site_changed
from practices.models.taxonomy import TERMS
from search.engines.database import ROWS
from search.language import GLOSSARY, LANGUAGE_DATA
from tests import factories

IN_CI = os.environ.get("CI") == "true"
# Property-based tests (Hypothesis, schemathesis) draw new examples on every laptop run, to
# find new bugs; CI replays a fixed sequence so that a landing never depends on luck.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if IN_CI:
    hypothesis_settings.load_profile("ci")


def examples(count):
    """A property-based test's budget of examples: `count` under CI=true, a quarter on a
    laptop, so that one module answers in seconds while CI (and many laptop runs, each with
    new examples) keeps the whole search."""
    return count if IN_CI else max(5, count // 4)


def require(condition, reason):
    """Skip on a laptop without the service; fail under CI=true, where everything must run."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"CI=true but {reason}")
    pytest.skip(reason)


ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "var" / "test-db"
# What the demo database is made of: when one of these changes, the cache is built again.
SOURCES = ["*/migrations/*.py", "fixtures/**/*", "*/models.py", "*/models/*.py", "*/demo.py",
           "*/apps.py", "kb/management/commands/load_demo.py", "kb/settings/*.py",
           "practices/exchange.py", "practices/serializers.py", "practices/site_structure.py",
           "practices/blocks.py", "participation/roles.py", "search/language.py",
           "assessment/questionnaire.py", "assessment/scoring.py"]


def fingerprint():
    digest = hashlib.sha256()
    for pattern in SOURCES:
        for path in sorted(ROOT.glob(pattern)):
            if path.is_file():
                digest.update(path.relative_to(ROOT).as_posix().encode() + path.read_bytes())
    for path in sys.path:  # installed packages: their *.dist-info folders name the versions
        if path.endswith("site-packages"):
            for dist in sorted(p.name for p in Path(path).glob("*.dist-info")):
                digest.update(dist.encode())
    return digest.hexdigest()[:16]


# Two corpora: `base` is what `migrate` leaves (site structure, taxonomy, glossary, roles,
# questionnaire), on which a test module builds what it needs with factories; `demo` adds
# the demo corpus (fixtures/, `load_demo`) for the modules marked `demo`, those about it.
CORPORA = ("base", "demo")
# data processes keep (core.memo.Versioned)
IN_MEMORY = (RESTRICTED, TERMS, GLOSSARY, LANGUAGE_DATA, ROUTES, ROWS, PAGES)
DATABASE = {}  # corpus -> template file (SQLite) or database name (PostgreSQL); "current"
WANTED = {"corpus": "base", "token": None}  # the corpus the running module asked for


def templates():
    """Where this session's SQLite databases are kept between sessions ({corpus: path}), or
    None (another engine). KB_TEST_DB_CACHE=0 builds them again in a throwaway folder."""
    if connection.vendor != "sqlite":
        return None
    folder, key = CACHE, fingerprint()
    if os.environ.get("KB_TEST_DB_CACHE", "1") == "0":
        folder, key = Path(tempfile.mkdtemp(prefix="kb-test-db-")), "fresh"
    return {corpus: folder / f"{corpus}-{key}.sqlite3" for corpus in CORPORA}


def restore(template):
    """The in-memory test database, copied from `template` instead of migrated and loaded:
    what Django's create_test_db does, with SQLite's backup API in place of `migrate`."""
    old_name = connection.settings_dict["NAME"]
    test_name = connection.creation._get_test_db_name()
    connection.close()
    settings.DATABASES[connection.alias]["NAME"] = test_name
    connection.settings_dict["NAME"] = test_name
    connection.ensure_connection()
    copy_into_memory(template)
    return [(connection, old_name, True)]


def copy_into_memory(template):
    with sqlite3.connect(template) as source:
        source.backup(connection.connection)
    media = template.with_suffix(".media")
    if media.exists():
        shutil.copytree(media, settings.MEDIA_ROOT, dirs_exist_ok=True)


def keep(template):
    template.parent.mkdir(parents=True, exist_ok=True)
    for old in template.parent.glob(f"{template.stem.split('-')[0]}-*"):  # the current one only
        shutil.rmtree(old) if old.is_dir() else old.unlink()
    partial = template.with_suffix(".partial")
    with sqlite3.connect(partial) as target:
        connection.connection.backup(target)
    if Path(settings.MEDIA_ROOT).exists():
        shutil.copytree(settings.MEDIA_ROOT, template.with_suffix(".media"))
    partial.rename(template)


@contextmanager
def building(files):
    """One process builds the cache while the others (pytest-xdist workers) wait for it."""
    if files is None:
        yield
        return
    CACHE.mkdir(parents=True, exist_ok=True)
    with open(CACHE / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def clone_database(source, target):
    """PostgreSQL: `target`, a copy of `source`. A copy needs no other session on `source`:
    those a test's threads left open (a live server's, a background retry's) are ended
    (only this role's: PostgreSQL itself stops an autovacuum worker there)."""
    connection.close()
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                       "WHERE datname = %s AND pid <> pg_backend_pid() "
                       "AND usename = current_user", [source])
        cursor.execute(f'DROP DATABASE IF EXISTS "{target}"')
        cursor.execute(f'CREATE DATABASE "{target}" TEMPLATE "{source}"')


def drop_database(name):
    connection.close()
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')


def use_corpus(corpus):
    """Point the test database at `corpus` (between modules, outside any transaction).
    `scratch` is a fresh copy of `base` that a module may commit to."""
    if DATABASE.get("current") == corpus != "scratch":
        return
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        copy_into_memory(DATABASE[corpus])
    else:
        if corpus == "scratch":
            clone_database(DATABASE["base"], DATABASE["scratch"])
        connection.close()
        settings.DATABASES[connection.alias]["NAME"] = DATABASE[corpus]
        connection.settings_dict["NAME"] = DATABASE[corpus]
    DATABASE["current"] = corpus
    cache.clear()
    for data in IN_MEMORY:
        data.bump()


SCHEMA_TESTS = "test_api_schema.py"  # the modules that use schemathesis's pytest plugin


def pytest_collect_file(file_path, parent):
    """schemathesis's pytest plugin (off in pyproject.toml's addopts: ~0.5 s of every start)
    is loaded when a module that uses it is collected, before its tests are generated."""
    if file_path.name == SCHEMA_TESTS:
        parent.config.pluginmanager.import_plugin("schemathesis.pytest.plugin")


@pytest.fixture(scope="session")
def django_db_setup(django_test_environment, django_db_blocker, django_db_modify_db_settings):
    """The test database in its two corpora, `base` and `demo` (see CORPORA).

    Migrating and loading the demo takes ~45 s. On SQLite both are kept in var/test-db/
    (keyed by a fingerprint of the migrations, fixtures, models, demo code and installed
    packages) and copied in by the next session in milliseconds; on PostgreSQL `base` is a
    copy of the migrated database (CREATE DATABASE ... TEMPLATE) before the demo is loaded."""
    files = templates()
    with django_db_blocker.unblock(), building(files):
        if files is not None and all(path.exists() for path in files.values()):
            old_config = restore(files["demo"])
        else:
            old_config = setup_databases(verbosity=0, interactive=False, serialized_aliases=[])
            if files is not None:
                keep(files["base"])
            else:
                demo = connection.settings_dict["NAME"]
                clone_database(demo, f"{demo}_base")
                DATABASE.update(base=f"{demo}_base", scratch=f"{demo}_scratch")
            call_command("load_demo", verbosity=0)
            if files is not None:
                keep(files["demo"])
        if files is not None:
            DATABASE.update(files, scratch=files["base"])
        else:
            DATABASE["demo"] = connection.settings_dict["NAME"]
        DATABASE["current"] = "demo"
        use_corpus(WANTED["corpus"])
    yield
    with django_db_blocker.unblock():
        use_corpus("demo")
        if files is None:
            drop_database(DATABASE["base"])
            drop_database(DATABASE["scratch"])
        teardown_databases(old_config, verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture(scope="module", autouse=True)
def _corpus(request, django_db_blocker):
    """The corpus this module's tests read: `demo` if the module is marked so, else `base`
    (the database is switched between modules, in milliseconds)."""
    corpus = "demo" if request.node.get_closest_marker("demo") else "base"
    WANTED.update(corpus=corpus,
                  token="demo" if corpus == "demo" else f"base:{request.node.nodeid}")
    if "current" in DATABASE:
        with django_db_blocker.unblock():
            use_corpus(corpus)


@pytest.fixture(scope="module")
def module_data(django_db_setup, django_db_blocker):
    """A module's own data (setUpTestData for pytest): `module_data(build)` runs `build()`
    once in a transaction every test of the module runs inside, rolled back after the last;
    what `build()` leaves for after the commit (search indexing) runs at its end.

    `committed=True` commits it instead, for modules whose tests read from other threads (a
    live server): the module's corpus is copied in again after its last test.

    Use it from a module-scoped fixture: `return module_data(lambda: corpus())`."""
    with ExitStack() as stack:
        def run(build, committed=False):
            stack.enter_context(django_db_blocker.unblock())
            # (last: what processes kept of the module's data leaves with it)
            stack.callback(lambda: [data.bump() for data in IN_MEMORY])
            if committed:
                stack.callback(use_corpus, DATABASE["current"])
                use_corpus("scratch")
                return build()
            stack.enter_context(transaction.atomic())
            stack.callback(transaction.set_rollback, True)
            with TestCase.captureOnCommitCallbacks(execute=True):  # indexing after publish
                return build()
        yield run


@pytest.fixture(scope="module")
def small_corpus(module_data):
    """A few practices in five languages and a pilot with a result, built with factories
    once for the module (tests.factories.small_corpus)."""
    return module_data(factories.small_corpus)


@pytest.fixture(scope="module")
def catalogue_corpus(module_data):
    """small_corpus and five practices more, for the modules that filter, sort and page
    (tests.factories.catalogue_corpus)."""
    return module_data(factories.catalogue_corpus)


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture(autouse=True)
def _fresh_caches():
    """What a test's pages (rolled back) put in caches leaves with them: the header and
    footer links, and the data processes keep in memory (the "did you mean" vocabulary, the
    taxonomy terms, the restricted pages) if the test changed it."""
    versions = [cache.get(data.key) for data in IN_MEMORY]
    yield
    site_changed()
    for data, version in zip(IN_MEMORY, versions, strict=True):
        if cache.get(data.key) != version:
            data.bump()


@pytest.fixture(autouse=True)
def _closed_breakers():
    """A test that made Elasticsearch fail leaves no open circuit breaker to the next."""
    from search import breaker

    yield
    breaker.reset_all()


ES_URL = os.environ.get("TEST_ELASTICSEARCH_URL", "")
INDEX_PREFIX = f"kbtest{os.getpid()}_"  # this test process's indices


@pytest.fixture(scope="session")
def _index_state():
    """Which corpus this process's test index holds (`token`), and whether it still holds
    exactly that (`clean`)."""
    state = {"clean": False, "token": None}
    yield state
    if state.get("client") is not None:
        state["client"].indices.delete(index=f"{INDEX_PREFIX}*", ignore_unavailable=True,
                                       allow_no_indices=True)


def _index_writes(engine):
    """Every index of this process with its write counters: any change means a test wrote."""
    stats = engine.client.indices.stats(index=f"{INDEX_PREFIX}*",
                                        metric="indexing", expand_wildcards="open")
    return {name: (s["total"]["indexing"]["index_total"], s["total"]["indexing"]["delete_total"])
            for name, s in stats.get("indices", {}).items()}


@pytest.fixture
def elasticsearch(settings, _index_state):
    """ELASTICSEARCH_URL pointing at the test node, with an index of the module's corpus.

    The index is built once per corpus and kept while tests only read it; after a test that
    wrote to it (publish, delete, rebuild...), the next test gets a fresh one."""
    require(bool(ES_URL), "no Elasticsearch node (TEST_ELASTICSEARCH_URL; `make test` starts "
                          "one with scripts/elasticsearch.sh when java and mvn are present)")
    from search.engines.elastic import ElasticsearchEngine

    settings.ELASTICSEARCH_URL = ES_URL
    settings.KB_SEARCH_INDEX_PREFIX = INDEX_PREFIX
    # Behaviour tests share one node with parallel workers on a small CI machine: a search
    # may take seconds there. The fault tests (tests/search/test_search_faults.py,
    # tests/kb/test_production.py) set their own short timeouts.
    settings.KB_SEARCH_TIMEOUT = settings.KB_RELATED_TIMEOUT = 30
    engine = ElasticsearchEngine(ES_URL, timeout=30)
    _index_state["client"] = engine.client
    if not _index_state["clean"] or _index_state["token"] != WANTED["token"]:
        engine.client.indices.delete(index=f"{INDEX_PREFIX}*", ignore_unavailable=True,
                                     allow_no_indices=True)
        engine.rebuild()
    before = _index_writes(engine)
    _index_state.update(clean=False, token=WANTED["token"])
    yield engine
    _index_state["clean"] = _index_writes(engine) == before


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

#!/usr/bin/env bash
# The test suite (called by `make test`): SQLite with a throwaway Elasticsearch node when java
# and mvn are present, then again on TEST_DATABASE_URL (PostgreSQL in CI) when it is set.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
started_es=""

if [ -z "${TEST_ELASTICSEARCH_URL:-}" ]; then
  if command -v java > /dev/null && command -v mvn > /dev/null; then
    already_running="$(curl -fs "$(scripts/elasticsearch.sh url)/_cluster/health" || true)"
    if url="$(scripts/elasticsearch.sh start | tail -1)"; then
      export TEST_ELASTICSEARCH_URL="${url}"
      [ -n "${already_running}" ] || started_es=1  # stop only a node started here
    elif [ "${CI:-}" = "true" ]; then
      echo "CI=true: the Elasticsearch test node did not start" >&2; exit 1
    fi
  elif [ "${CI:-}" = "true" ]; then
    echo "CI=true needs java and mvn for the Elasticsearch test node" >&2; exit 1
  else
    echo "java/mvn not found: Elasticsearch tests will be skipped" >&2
  fi
fi
# Elasticsearch 9 as well as 8: the search contract (tests/search, the leak test) again on a
# 9.x test node, which needs Java 21 or later (a Temurin JDK in /usr/lib/jvm on these machines;
# JAVA21_HOME names another). Under CI=true it must run.
ES9=(env ES_VERSION="${ES9_VERSION:-9.5.0}" ES_PORT=9203 ES_BASE=/var/tmp/kb-elasticsearch-9)
java21="${JAVA21_HOME:-$( (ls -d /usr/lib/jvm/temurin-2[1-9]* /usr/lib/jvm/temurin-[3-9]* 2>/dev/null || true) | tail -1)}"
started_es9=""
cleanup() {
  if [ -n "${started_es}" ]; then scripts/elasticsearch.sh stop; fi
  if [ -n "${started_es9}" ]; then "${ES9[@]}" scripts/elasticsearch.sh stop; fi
}
trap cleanup EXIT

# The tests that share nothing but the database run in parallel, one process per CPU
# (KB_TEST_WORKERS=0 for one process); the browser and production tests follow, one at a time
# (the production test pauses the shared Elasticsearch node).
workers=(-n "${KB_TEST_WORKERS:-auto}")
[ "${KB_TEST_WORKERS:-auto}" != "0" ] || workers=()
if [ "$#" -gt 0 ]; then
  "${PY}" -m pytest "$@"  # e.g. scripts/run-tests.sh tests/search: those tests, as asked
else
  "${PY}" -m pytest "${workers[@]}" -m "not browser and not production"
  "${PY}" -m pytest -m "browser or production"
fi
if [ "$#" -eq 0 ] && [ -n "${java21}" ] && command -v mvn > /dev/null; then
  already_running="$("${ES9[@]}" bash -c 'curl -fs "$(scripts/elasticsearch.sh url)/_cluster/health"' || true)"
  if url9="$("${ES9[@]}" JAVA_HOME="${java21}" scripts/elasticsearch.sh start | tail -1)"; then
    [ -n "${already_running}" ] || started_es9=1
    echo "== the search contract again on Elasticsearch ${ES9_VERSION:-9.5.0} (${url9}) =="
    TEST_ELASTICSEARCH_URL="${url9}" "${PY}" -m pytest "${workers[@]}" tests/search tests/test_leakage.py \
      -m "not browser and not production"
  elif [ "${CI:-}" = "true" ]; then
    echo "CI=true: the Elasticsearch 9 test node did not start" >&2; exit 1
  fi
elif [ "$#" -eq 0 ] && [ "${CI:-}" = "true" ]; then
  echo "CI=true needs Java 21+ (a Temurin JDK in /usr/lib/jvm, or JAVA21_HOME) and mvn for the Elasticsearch 9 test node" >&2
  exit 1
fi
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  echo "== the suite again on ${TEST_DATABASE_URL%%@*}@… (browser and production tests ran above) =="
  DATABASE_URL="${TEST_DATABASE_URL}" "${PY}" -m pytest "${workers[@]}" \
    -m "not browser and not production" "$@"
elif [ "${CI:-}" = "true" ]; then
  echo "CI=true needs TEST_DATABASE_URL (PostgreSQL) so both databases are proven" >&2
  exit 1
fi

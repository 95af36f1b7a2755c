#!/usr/bin/env bash
# Wall time of each non-browser test module run on its own (`pytest <module>`: interpreter,
# Django set-up, collection, database restore and the tests), one after the other, as a
# developer runs one module. Prints a Markdown table (issue 13: each under 10 s).
# Usage: bench/test_module_times.sh [module ...]   (default: every module but e2e/production)
set -euo pipefail
cd "$(dirname "$0")/.."
unset PYTHONDONTWRITEBYTECODE
if [ -z "${TEST_ELASTICSEARCH_URL:-}" ]; then  # the test node, if one is running
  url="$(scripts/elasticsearch.sh url)"
  if curl -fs "${url}/_cluster/health" > /dev/null; then export TEST_ELASTICSEARCH_URL="${url}"; fi
fi
modules=("$@")
if [ "${#modules[@]}" -eq 0 ]; then
  mapfile -t modules < <(ls tests/*/test_*.py tests/test_*.py | grep -v -e '^tests/e2e/' \
                          -e test_production.py)
fi
echo "| module | corpus | wall (s) | pytest's own count and time |"
echo "|---|---|---:|---|"
for module in "${modules[@]}"; do
  corpus=base
  grep -q "mark.demo" "${module}" && corpus=demo
  grep -q "django_db" "${module}" || corpus="-"
  start=$(date +%s.%N)
  summary=$(.venv/bin/python -m pytest -q -p no:cacheprovider "${module}" 2>&1 \
            | grep -E "passed|failed|error" | tail -1 || true)  # a failing module is a row too
  end=$(date +%s.%N)
  printf "| %s | %s | %.1f | %s |\n" "${module}" "${corpus}" "$(echo "${end} - ${start}" | bc)" \
    "${summary}"
done

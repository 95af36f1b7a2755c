#!/usr/bin/env bash
# bench/search_bench.sh N — generate N synthetic practices, import them through
# import_practices into a fresh SQLite database, then run bench/search_bench.py.
# The import runs in chunks of 10,000 records and resumes after an interruption
# (rm bench/out/bench-N.* to start again).
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:?number of practices}"
out="bench/out/bench-${count}"
mkdir -p "${out}.chunks"
export DATABASE_URL="sqlite:///$(pwd)/${out}.sqlite3"
export MEDIA_ROOT="$(pwd)/bench/out/media"
if [ ! -f "${out}.chunks/generated" ]; then
  rm -f "${out}.sqlite3" "${out}.chunks"/*
  .venv/bin/python bench/generate.py "${count}" | split -l 10000 -d -a 3 --additional-suffix=.jsonl - "${out}.chunks/part-"
  .venv/bin/python manage.py migrate -v0
  touch "${out}.chunks/generated"
fi
for part in "${out}.chunks"/part-???.jsonl; do
  [ -f "${part}.seconds" ] && continue
  start=$(date +%s.%N)
  .venv/bin/python manage.py import_practices "${part}" --no-progress | tail -1
  echo "$(date +%s.%N) - ${start}" | bc > "${part}.seconds"
done
.venv/bin/python manage.py migrate -v0  # the code may have moved on while importing
seconds=$(cat "${out}.chunks"/part-???.jsonl.seconds | paste -sd+ | bc)
echo "import of ${count} records: ${seconds} s"
export BENCH_IMPORT_SECONDS="${seconds}"
export BENCH_ELASTICSEARCH_URL="${BENCH_ELASTICSEARCH_URL:-$(scripts/elasticsearch.sh start | tail -1)}"
.venv/bin/python bench/search_bench.py "${count}"

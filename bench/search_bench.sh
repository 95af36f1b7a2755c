#!/usr/bin/env bash
# bench/search_bench.sh N — generate N synthetic practices, import them through
# import_practices into a fresh SQLite database, then run bench/search_bench.py.
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:?number of practices}"
mkdir -p bench/out
export DATABASE_URL="sqlite:///$(pwd)/bench/out/bench-${count}.sqlite3"
export MEDIA_ROOT="$(pwd)/bench/out/media"
rm -f "bench/out/bench-${count}.sqlite3"
.venv/bin/python bench/generate.py "${count}" > "bench/out/practices-${count}.jsonl"
.venv/bin/python manage.py migrate -v0
start=$(date +%s.%N)
.venv/bin/python manage.py import_practices "bench/out/practices-${count}.jsonl" --no-progress | tail -1
end=$(date +%s.%N)
echo "import of ${count} records: $(echo "$end - $start" | bc) s"
export BENCH_ELASTICSEARCH_URL="${BENCH_ELASTICSEARCH_URL:-$(scripts/elasticsearch.sh start | tail -1)}"
.venv/bin/python bench/search_bench.py "${count}"

#!/usr/bin/env bash
# Time `make run` from a clean clone to the first served page, as on a fresh machine (empty
# pip and uv caches: every package is downloaded from PyPI); writes bench/make_run.md.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
# (and an empty user cache: the lemmatiser builds its dictionaries there on first use)
export PIP_NO_CACHE_DIR=1 UV_CACHE_DIR="$work/uv-cache" XDG_CACHE_HOME="$work/cache"
git clone -q "$repo" "$work/kb"
cd "$work/kb"
port=8765
start=$(date +%s.%N)
make run HOST="127.0.0.1:${port}" > "$work/run.log" 2>&1 &
pid=$!
until curl -fs -o /dev/null "http://127.0.0.1:${port}/en/"; do
  sleep 0.5
  kill -0 "$pid" 2>/dev/null || { cat "$work/run.log"; exit 1; }
done
end=$(date +%s.%N)
seconds=$(echo "$end - $start" | bc)
pkill -f "runserver 127.0.0.1:${port}" || true
wait "$pid" 2>/dev/null || true
cat > "$repo/bench/make_run.md" <<MD
## \`make run\` from a clean clone

$(printf '%.0f' "$seconds") s from \`git clone\` to the first page served (virtualenv creation,
uv pip install from PyPI with empty caches, migrate, demo import with generated images,
runserver), measured by
\`bench/make_run_time.sh\` on $(date -u +%Y-%m-%d).
MD
echo "make run: ${seconds}s to first page"
rm -rf "$work"

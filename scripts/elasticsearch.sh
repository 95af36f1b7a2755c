#!/usr/bin/env bash
# A throwaway single-node Elasticsearch for tests and benchmarks, from Maven Central.
#   scripts/elasticsearch.sh start   fetch (once), add Debian's hunspell dictionaries, start
#   scripts/elasticsearch.sh stop
# Listens on 127.0.0.1:${ES_PORT:-9201}, no security, 1 GB heap. Needs java 17 and mvn.
# ES_NODES=3: a cluster of three nodes on ports ES_PORT, ES_PORT+1, ES_PORT+2 (512 MB heap
# each; `url` prints the three addresses, comma-separated; `stop-node N` / `start-node N`
# stop and start node N, 1 to 3; `pid N`), e.g. for bench/es_cluster.py:
#   ES_NODES=3 ES_PORT=9211 ES_BASE=/var/tmp/kb-es-cluster scripts/elasticsearch.sh start
set -euo pipefail
VERSION="${ES_VERSION:-8.19.8}"
PORT="${ES_PORT:-9201}"
# Outside the checkout: the service user must reach it whatever the clone's permissions.
BASE="${ES_BASE:-/var/tmp/kb-elasticsearch}"
HOME_DIR="${BASE}/elasticsearch-${VERSION}"
PIDFILE="${BASE}/es.pid"
URL="http://127.0.0.1:${PORT}"
NODES="${ES_NODES:-1}"

declare -A HUNSPELL=([en_US]=en_US [fr_FR]=fr [de_DE]=de_DE [it_IT]=it_IT [sl_SI]=sl_SI)

common_settings() {
  printf '%s\n' "network.host: 127.0.0.1" "xpack.security.enabled: false" \
    "action.destructive_requires_name: false" \
    "cluster.routing.allocation.disk.threshold_enabled: false"
}

fetch() {
  mkdir -p "${BASE}"
  if [ ! -d "${HOME_DIR}" ]; then
    mvn -q dependency:copy \
      -Dartifact="org.elasticsearch.distribution.integ-test-zip:elasticsearch:${VERSION}:zip" \
      -DoutputDirectory="${BASE}"
    unzip -q -o "${BASE}/elasticsearch-${VERSION}.zip" -d "${BASE}"
    rm -f "${BASE}/elasticsearch-${VERSION}.zip"
  fi
  for locale in "${!HUNSPELL[@]}"; do
    source="/usr/share/hunspell/${HUNSPELL[$locale]}"
    if [ ! -f "${source}.dic" ]; then
      echo "missing ${source}.dic: apt-get install hunspell-en-us hunspell-fr hunspell-de-de hunspell-it hunspell-sl" >&2
      exit 1
    fi
    mkdir -p "${HOME_DIR}/config/hunspell/${locale}"
    cp -L "${source}.dic" "${HOME_DIR}/config/hunspell/${locale}/${locale}.dic"
    cp -L "${source}.aff" "${HOME_DIR}/config/hunspell/${locale}/${locale}.aff"
  done
  cat > "${HOME_DIR}/config/elasticsearch.yml" <<YML
cluster.name: kb-test
node.name: kb-test-node
discovery.type: single-node
http.port: ${PORT}
transport.port: $((PORT + 100))
path.data: ${BASE}/data
path.logs: ${BASE}/logs
$(common_settings)
YML
}

running() { curl -fs "${URL}/_cluster/health" > /dev/null 2>&1; }

# launch CONFIG_DIR PIDFILE HEAP: a node in the background
launch() {
  export ES_JAVA_HOME="${ES_JAVA_HOME:-${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}}"
  local runner=()
  if [ "$(id -u)" = 0 ]; then  # Elasticsearch refuses to run as root: use a service user
    id kb-elasticsearch > /dev/null 2>&1 || useradd --system --no-create-home kb-elasticsearch
    chown -R kb-elasticsearch "${BASE}"
    runner=(runuser -u kb-elasticsearch --)
  fi
  "${runner[@]}" env ES_JAVA_HOME="${ES_JAVA_HOME}" ES_JAVA_OPTS="-Xms$3 -Xmx$3" \
    ES_PATH_CONF="$1" "${HOME_DIR}/bin/elasticsearch" -d -p "$2"
}

start() {
  if running; then echo "${URL}"; return; fi
  fetch
  mkdir -p "${BASE}/data" "${BASE}/logs"
  launch "${HOME_DIR}/config" "${PIDFILE}" 1g
  for _ in $(seq 1 120); do
    if curl -fs "${URL}/_cluster/health?wait_for_status=yellow&timeout=1s" > /dev/null 2>&1; then
      echo "${URL}"; return
    fi
    sleep 1
  done
  echo "Elasticsearch did not start; see ${BASE}/logs" >&2
  exit 1
}

stop() {
  if [ -f "${PIDFILE}" ]; then kill "$(cat "${PIDFILE}")" 2>/dev/null || true; rm -f "${PIDFILE}"; fi
}

# --- a cluster of NODES nodes from the same distribution, each with its own configuration
# directory (ES_PATH_CONF), data and logs under ${BASE}/node<N>

node_dir() { echo "${BASE}/node$1"; }
node_url() { echo "http://127.0.0.1:$((PORT + $1 - 1))"; }

configure_node() {
  local n="$1" dir seeds="" masters=""
  dir="$(node_dir "${n}")"
  mkdir -p "${dir}/data" "${dir}/logs"
  rm -rf "${dir}/config" && cp -r "${HOME_DIR}/config" "${dir}/config"
  for i in $(seq 1 "${NODES}"); do
    seeds="${seeds}${seeds:+, }\"127.0.0.1:$((PORT + 100 + i - 1))\""
    masters="${masters}${masters:+, }\"kb-node-${i}\""
  done
  cat > "${dir}/config/elasticsearch.yml" <<YML
cluster.name: kb-cluster
node.name: kb-node-${n}
http.port: $((PORT + n - 1))
transport.port: $((PORT + 100 + n - 1))
discovery.seed_hosts: [${seeds}]
cluster.initial_master_nodes: [${masters}]
path.data: ${dir}/data
path.logs: ${dir}/logs
$(common_settings)
YML
}

start_node() {
  local n="$1" dir
  dir="$(node_dir "${n}")"
  if [ -f "${dir}/es.pid" ] && kill -0 "$(cat "${dir}/es.pid")" 2>/dev/null; then return; fi
  launch "${dir}/config" "${dir}/es.pid" 512m
}

cluster_start() {
  fetch
  for n in $(seq 1 "${NODES}"); do
    [ -f "$(node_dir "${n}")/config/elasticsearch.yml" ] || configure_node "${n}"
    start_node "${n}"
  done
  for _ in $(seq 1 180); do
    if curl -fs "${URL}/_cluster/health?wait_for_nodes=${NODES}&timeout=1s" > /dev/null 2>&1
    then cluster_urls; return; fi
    sleep 1
  done
  echo "the cluster did not form; see ${BASE}/node*/logs" >&2
  exit 1
}

cluster_urls() {
  local urls=""
  for n in $(seq 1 "${NODES}"); do urls="${urls}${urls:+,}$(node_url "${n}")"; done
  echo "${urls}"
}

node_pid() { cat "$(node_dir "$1")/es.pid"; }

stop_node() { kill "$(node_pid "$1")" 2>/dev/null || true; rm -f "$(node_dir "$1")/es.pid"; }

if [ "${NODES}" -gt 1 ]; then
  case "${1:-start}" in
    start) cluster_start ;;
    stop) for n in $(seq 1 "${NODES}"); do stop_node "${n}"; done ;;
    url) cluster_urls ;;
    pid) node_pid "${2:?node number}" ;;
    stop-node) stop_node "${2:?node number}" ;;
    start-node) start_node "${2:?node number}" ;;
    *) echo "usage: $0 start|stop|url|pid N|stop-node N|start-node N" >&2; exit 2 ;;
  esac
  exit 0
fi

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  url) echo "${URL}" ;;
  pid) cat "${PIDFILE}" ;;
  *) echo "usage: $0 start|stop|url|pid" >&2; exit 2 ;;
esac

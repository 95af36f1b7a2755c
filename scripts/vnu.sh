#!/usr/bin/env bash
# The Nu HTML Checker (vnu.jar) for the HTML validity tests, from the npm registry, once.
#   scripts/vnu.sh path   fetch if needed and print the jar's path (needs npm; runs on java 17)
set -euo pipefail
VERSION="${VNU_VERSION:-26.9.27}"
BASE="${VNU_BASE:-/var/tmp/kb-vnu}"
JAR="${BASE}/vnu-${VERSION}.jar"
if [ ! -f "${JAR}" ]; then
  mkdir -p "${BASE}"
  work="$(mktemp -d)"
  (cd "${work}" && npm pack --silent "vnu-jar@${VERSION}" > /dev/null && tar xzf "vnu-jar-${VERSION}.tgz")
  mv "${work}/package/build/dist/vnu.jar" "${JAR}"
  rm -rf "${work}"
fi
echo "${JAR}"

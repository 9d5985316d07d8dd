#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (lit + unit) through ctest, then
# the sanitizer job (scripts/sanitize.sh).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${EECC_BUILD_DIR:-$root/build}

"$root/scripts/build.sh"
# onnxruntime-node for the reference checks, cached outside the clone.
if node_modules=$("$root/scripts/npm-deps.sh" 2>/dev/null); then
  export EECC_NODE_MODULES="$node_modules"
else
  echo "test: onnxruntime-node unavailable; its reference checks are skipped" >&2
fi
ctest --test-dir "$build" --output-on-failure -j "${EECC_JOBS:-2}"
# The same tests built with ASan + UBSan, and a ~2-minute fuzz run of the importer
# (EECC_SANITIZE=0 skips this part, EECC_FUZZ_SECONDS sets the fuzz time).
if [[ "${EECC_SANITIZE:-1}" != 0 ]]; then
  "$root/scripts/sanitize.sh"
fi

#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (lit + unit) through ctest.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${EECC_BUILD_DIR:-$root/build}

"$root/scripts/build.sh"
ctest --test-dir "$build" --output-on-failure -j "${EECC_JOBS:-2}"

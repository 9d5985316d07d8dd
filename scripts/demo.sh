#!/usr/bin/env bash
# The main job: install what is missing, build eecc, and show what it can do today.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${EECC_BUILD_DIR:-$root/build}
bin=$build/bin
out=${EECC_DEMO_OUT:-$build/demo}

"$root/scripts/build.sh" >/dev/null
step() { printf '\n== %s\n' "$*"; }

step "eecc --version"
"$bin/eecc" --version
step "eecc-opt --show-dialects"
"$bin/eecc-opt" --show-dialects
step "compile examples/mlir/branchy_lenet.mlir (nn clean-up) into $out"
"$bin/eecc" "$root/examples/mlir/branchy_lenet.mlir" --emit=mlir -o "$out" --force
step "early-exit structure (eecc-translate --emit-ee-structure)"
"$bin/eecc-translate" --emit-ee-structure "$out/model.mlir"
step "dialect and pass documentation"
ls "$build"/docs/Dialects/*.md "$build"/docs/*.md

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
zoo=$root/examples/zoo
step "import the trained B-LeNet (examples/zoo/models/b_lenet.onnx) into $out/b_lenet"
mkdir -p "$out"
"$bin/eecc" "$zoo/models/b_lenet.onnx" --emit=mlir -o "$out/b_lenet" --force
step "its early-exit structure (eecc-translate --emit-ee-structure), in short"
"$bin/eecc-translate" --emit-ee-structure "$out/b_lenet/model.mlir" -o "$out/b_lenet/structure.json"
python3 "$root/scripts/demo_summary.py" structure "$out/b_lenet/structure.json"
step "run the 64 test images through the reference interpreter (eecc run)"
"$bin/eecc" run "$zoo/models/b_lenet.onnx" --input "$zoo/data/fmnist_1x28x28_64.bin" \
  --all-exits --output "$out/b_lenet.run.json"
python3 "$root/scripts/demo_summary.py" run "$out/b_lenet.run.json" "$zoo/data/labels_64.json" \
  "$zoo/data/b_lenet.ref.json"
step "emit the float HLS project and run its C-simulation (g++ only)"
"$bin/eecc" "$zoo/models/b_lenet.onnx" -o "$out/b_lenet_project" --precision=float --force
make -s -C "$out/b_lenet_project/csim"
"$out/b_lenet_project/csim/tb" --input "$zoo/data/fmnist_1x28x28_64.bin" --count 64 \
  --output "$out/b_lenet.csim.json"
"$bin/eecc" run "$zoo/models/b_lenet.onnx" --input "$zoo/data/fmnist_1x28x28_64.bin" \
  --output "$out/b_lenet.run-taken.json" --quiet
printf 'C-simulation vs eecc run (exit, class, logits): '
python3 "$root/test/csim/compare_runs.py" "$out/b_lenet.csim.json" "$out/b_lenet.run-taken.json"
step "dialect and pass documentation"
ls "$build"/docs/Dialects/*.md "$build"/docs/*.md

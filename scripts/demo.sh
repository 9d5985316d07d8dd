#!/usr/bin/env bash
# The main job: install what is missing, build eecc, and compile the trained B-LeNet to a
# fixed-point HLS project whose C-simulation is checked against eecc's reference
# interpreter (bit for bit) and onnxruntime (accuracy, exit decisions) on 1,000 images.
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
data=$out/data
mkdir -p "$data"
step "Fashion-MNIST: 1,000 test images, and 256 training images to calibrate fixed point"
/usr/bin/python3 "$root/test/csim/Inputs/fmnist.py" --split test --count 1000 \
  --out "$data/test_1000.bin" --labels "$data/labels_1000.json"
/usr/bin/python3 "$root/test/csim/Inputs/fmnist.py" --split train --count 256 \
  --out "$data/calibration_256.bin"
ls -l "$data"
step "compile B-LeNet to a 16-bit fixed-point HLS project (formats calibrated per layer)"
"$bin/eecc" "$zoo/models/b_lenet.onnx" -o "$out/b_lenet_project" \
  --calibration "$data/calibration_256.bin" --test-input "$data/test_1000.bin" --test-count 100 \
  --force
python3 "$root/scripts/demo_summary.py" formats "$out/b_lenet_project/report.json"
step "build its C-simulation with g++ (make -C $out/b_lenet_project/csim) and run the 1,000 images"
make -s -C "$out/b_lenet_project/csim"
"$out/b_lenet_project/csim/tb" --input "$data/test_1000.bin" --count 1000 \
  --output "$out/b_lenet.csim.json"
step "the testbench checks the 100 samples the project carries against their expected answers"
"$out/b_lenet_project/csim/tb" --input "$out/b_lenet_project/data/test_input.bin" --count 100 \
  --output "$out/b_lenet.csim.carried.json" --expected "$out/b_lenet_project/data/test_expected.bin"
step "the same images through the fixed-point reference interpreter (eecc run --fixed)"
"$bin/eecc" run "$zoo/models/b_lenet.onnx" --fixed --calibration "$data/calibration_256.bin" \
  --input "$data/test_1000.bin" --all-exits --output "$out/b_lenet.run.json"
printf 'C-simulation vs eecc run --fixed (exit, class, every logit): '
python3 "$root/test/csim/compare_runs.py" "$out/b_lenet.csim.json" "$out/b_lenet.run.json"
step "and through onnxruntime (float32, CPU): accuracy, exits, agreement"
node_modules=$("$root/scripts/npm-deps.sh" | tail -n 1)
node "$zoo/ort_reference.mjs" --model "$zoo/models/b_lenet.onnx" --input "$data/test_1000.bin" \
  --shape 1,1,28,28 --out "$out/b_lenet.ort.json" --node-modules "$node_modules" >/dev/null
python3 "$root/scripts/demo_summary.py" exits "$out/b_lenet.csim.json" "$out/b_lenet.run.json" \
  "$data/labels_1000.json" "$out/b_lenet.ort.json"
python3 "$root/test/csim/agreement.py" "$out/b_lenet.csim.json" "$out/b_lenet.ort.json" \
  --criterion max_softmax --thresholds 0.9 --labels "$data/labels_1000.json"
step "the board flow: Vitis HLS / Vivado / Vitis scripts for the ZCU106 (run them with make -C $out/b_lenet_project/scripts all)"
ls "$out/b_lenet_project/scripts"
if command -v qemu-system-aarch64 >/dev/null && command -v aarch64-linux-gnu-gcc >/dev/null; then
  step "the bare-metal runtime on QEMU's ZynqMP A53 (xlnx-zcu102), kernels in software, 100 test images"
  make -s -C "$out/b_lenet_project/runtime" qemu
  make -s -C "$out/b_lenet_project/runtime" run-qemu 2>/dev/null | tr -d '\r' >"$out/b_lenet.qemu.log"
  grep -v "^eecc: sample " "$out/b_lenet.qemu.log"
  printf 'QEMU app vs C-simulation (first 100 images): '
  "$out/b_lenet_project/csim/tb" --input "$data/test_1000.bin" --count 100 \
    --output "$out/b_lenet.csim100.json" >/dev/null
  /usr/bin/python3 "$root/test/runtime/compare_app.py" "$out/b_lenet.qemu.log" "$out/b_lenet.csim100.json"
else
  step "QEMU or the aarch64 cross compiler is missing: the bare-metal run is skipped"
fi
step "dialect and pass documentation"
ls "$build"/docs/Dialects/*.md "$build"/docs/*.md

#!/usr/bin/python3
"""C-simulation and `eecc run` throughput against onnxruntime CPU (float, batch 1), same run.

usage: bench/csim_speed.py [--model b_lenet|b_resnet32] [--count N] [--runs R] [--build DIR]

Writes N Fashion-MNIST test images (/usr/share/datasets/fashion-mnist, normalized and
shaped as in examples/zoo: 1x28x28 for B-LeNet, 3x32x32 for B-ResNet32) once into
${EECC_CACHE_DIR:-~/.cache/eecc}/bench, builds the projects of examples/zoo/models/MODEL.onnx
(16-bit fixed point calibrated on 256 training images, and float), and times:
  csim fixed early exit   OUT/csim/tb with the model's thresholds (max softmax >= 0.9)
  csim fixed static       the same built with --exit-mode=static (backbone only)
  csim float early exit / static   the same with --precision=float
  eecc run float / fixed  the reference interpreter (early exit), bit-exact fixed point
  ORT                     onnxruntime-node InferenceSession.run per image (all exits computed)
Reported: images per second and the ratio against ORT; best of R runs.
"""
import argparse
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CACHE = os.path.join(os.environ.get("EECC_CACHE_DIR", os.path.expanduser("~/.cache/eecc")), "bench")


MODELS = {"b_lenet": ("1x28", [1, 1, 28, 28]), "b_resnet32": ("3x32", [1, 3, 32, 32])}


def images(count, kind, split="test"):
    name = {"1x28": "1x28x28", "3x32": "3x32x32"}[kind]
    path = os.path.join(CACHE, f"fmnist_{split}_{name}_{count}.bin")
    if not os.path.exists(path):
        os.makedirs(CACHE, exist_ok=True)
        subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "test/csim/Inputs/fmnist.py"),
                        "--split", split, "--count", str(count), "--kind", kind, "--out", path],
                       check=True)
    return path


def build_project(bin_dir, model, out, extra):
    subprocess.run([os.path.join(bin_dir, "eecc"), model,
                    "-o", out, "--force", "--quiet"] + extra, check=True)
    subprocess.run(["make", "-s", "-C", os.path.join(out, "csim")], check=True)
    return os.path.join(out, "csim", "tb")


def time_command(command, runs):
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - start)
    return best


def time_ort(model, shape, data, count, runs):
    node_modules = subprocess.run([os.path.join(ROOT, "scripts", "npm-deps.sh")], check=True,
                                  capture_output=True, text=True).stdout.strip()
    script = r"""
const ort = require(process.argv[1] + '/onnxruntime-node');
const fs = require('fs');
(async () => {
  const s = await ort.InferenceSession.create(process.argv[2], {intraOpNumThreads: 1});
  const buf = fs.readFileSync(process.argv[3]);
  const n = +process.argv[4], shape = JSON.parse(process.argv[5]);
  const size = shape.reduce((a, b) => a * b, 1);
  const all = new Float32Array(buf.buffer, buf.byteOffset, n * size);
  const name = s.inputNames[0];
  const t = performance.now();
  for (let i = 0; i < n; i++)
    await s.run({[name]: new ort.Tensor('float32', all.subarray(i * size, (i + 1) * size), shape)});
  console.log((performance.now() - t) / 1000);
})();"""
    return min(float(subprocess.run(["node", "-e", script, node_modules, model, data, str(count),
                                     str(shape)], check=True, capture_output=True,
                                    text=True).stdout)
               for _ in range(runs))


def measure(model_name, count, runs, build):
    """[(row name, seconds)] for model_name over `count` test images, best of `runs`."""
    bin_dir = os.path.join(build, "bin")
    kind, shape = MODELS[model_name]
    model = os.path.join(ROOT, "examples", "zoo", "models", model_name + ".onnx")
    data = images(count, kind)
    work = os.path.join(CACHE, "csim", model_name)
    calibration = images(256, kind, "train")
    fixed = ["--calibration", calibration]
    projects = [("csim fixed early exit", fixed), ("csim fixed static", fixed + ["--exit-mode=static"]),
                ("csim float early exit", ["--precision=float"]),
                ("csim float static", ["--precision=float", "--exit-mode=static"])]
    rows = []
    for index, (name, options) in enumerate(projects):
        tb = build_project(bin_dir, model, os.path.join(work, f"project{index}"), options)
        rows.append((name, time_command([tb, "--input", data, "--count", str(count),
                                         "--output", os.devnull], runs)))
    run = [os.path.join(bin_dir, "eecc"), "run", model, "--input", data, "--count", str(count),
           "--output", os.devnull, "--quiet"]
    rows.append(("eecc run float", time_command(run + ["--float"], runs)))
    rows.append(("eecc run fixed", time_command(run + ["--fixed", "--calibration", calibration], runs)))
    rows.append(("ORT (1 thread)", time_ort(model, shape, data, count, runs)))
    return rows


NOTE = ("csim and eecc run times include process start and reading the input file (eecc run "
        "fixed: also calibrating its formats on 256 images); ORT times do not.")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", choices=sorted(MODELS), default="b_lenet")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--build", default=os.environ.get("EECC_BUILD_DIR", os.path.join(ROOT, "build")))
    args = parser.parse_args()
    rows = measure(args.model, args.count, args.runs, args.build)
    ort = rows[-1][1]
    print(f"{args.model}, {args.count} Fashion-MNIST test images, batch 1; best of {args.runs}")
    print(f"{'':22} {'seconds':>8} {'images/s':>10} {'vs ORT':>8}")
    for name, seconds in rows:
        print(f"{name:22} {seconds:8.3f} {args.count / seconds:10.0f} {ort / seconds:7.2f}x")
    print(NOTE)


if __name__ == "__main__":
    sys.exit(main())

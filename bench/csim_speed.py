#!/usr/bin/python3
"""C-simulation throughput of B-LeNet against onnxruntime CPU (float, batch 1), same run.

usage: bench/csim_speed.py [--count N] [--build DIR]

Writes N Fashion-MNIST test images (/usr/share/datasets/fashion-mnist, normalized as in
examples/zoo) once into ${EECC_CACHE_DIR:-~/.cache/eecc}/bench, builds the projects of
examples/zoo/models/b_lenet.onnx (16-bit fixed point calibrated on 256 training images,
and float), and times:
  csim fixed early exit   OUT/csim/tb with the model's thresholds (max softmax >= 0.9)
  csim fixed static       the same built with --exit-mode=static (backbone only)
  csim float early exit / static   the same with --precision=float
  ORT                     onnxruntime-node InferenceSession.run per image (all exits computed)
Reported: images per second and the ratio csim / ORT.
"""
import argparse
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CACHE = os.path.join(os.environ.get("EECC_CACHE_DIR", os.path.expanduser("~/.cache/eecc")), "bench")


def images(count, split="test"):
    path = os.path.join(CACHE, f"fmnist_{split}_1x28x28_{count}.bin")
    if not os.path.exists(path):
        os.makedirs(CACHE, exist_ok=True)
        subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "test/csim/Inputs/fmnist.py"),
                        "--split", split, "--count", str(count), "--out", path], check=True)
    return path


def build_project(bin_dir, out, extra):
    subprocess.run([os.path.join(bin_dir, "eecc"), os.path.join(ROOT, "examples/zoo/models/b_lenet.onnx"),
                    "-o", out, "--force", "--quiet"] + extra, check=True)
    subprocess.run(["make", "-s", "-C", os.path.join(out, "csim")], check=True)
    return os.path.join(out, "csim", "tb")


def time_tb(tb, data, count, runs):
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([tb, "--input", data, "--count", str(count), "--output", os.devnull],
                       check=True, stdout=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - start)
    return best


def time_ort(data, count, runs):
    node_modules = subprocess.run([os.path.join(ROOT, "scripts", "npm-deps.sh")], check=True,
                                  capture_output=True, text=True).stdout.strip()
    script = r"""
const ort = require(process.argv[1] + '/onnxruntime-node');
const fs = require('fs');
(async () => {
  const s = await ort.InferenceSession.create(process.argv[2], {intraOpNumThreads: 1});
  const buf = fs.readFileSync(process.argv[3]);
  const n = +process.argv[4], size = 784;
  const all = new Float32Array(buf.buffer, buf.byteOffset, n * size);
  const t = performance.now();
  for (let i = 0; i < n; i++)
    await s.run({input: new ort.Tensor('float32', all.subarray(i * size, (i + 1) * size), [1, 1, 28, 28])});
  console.log((performance.now() - t) / 1000);
})();"""
    return min(float(subprocess.run(["node", "-e", script, node_modules,
                                     os.path.join(ROOT, "examples/zoo/models/b_lenet.onnx"), data,
                                     str(count)], check=True, capture_output=True, text=True).stdout)
               for _ in range(runs))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--build", default=os.environ.get("EECC_BUILD_DIR", os.path.join(ROOT, "build")))
    args = parser.parse_args()
    bin_dir = os.path.join(args.build, "bin")
    data = images(args.count)
    work = os.path.join(CACHE, "csim")
    fixed = ["--calibration", images(256, "train")]
    projects = [("csim fixed early exit", fixed), ("csim fixed static", fixed + ["--exit-mode=static"]),
                ("csim float early exit", ["--precision=float"]),
                ("csim float static", ["--precision=float", "--exit-mode=static"])]
    rows = []
    for index, (name, options) in enumerate(projects):
        tb = build_project(bin_dir, os.path.join(work, f"project{index}"), options)
        rows.append((name, time_tb(tb, data, args.count, args.runs)))
    rows.append(("ORT (1 thread)", time_ort(data, args.count, args.runs)))
    ort = rows[-1][1]
    print(f"B-LeNet, {args.count} Fashion-MNIST test images, batch 1; best of {args.runs}")
    print(f"{'':22} {'seconds':>8} {'images/s':>10} {'vs ORT':>8}")
    for name, seconds in rows:
        print(f"{name:22} {seconds:8.3f} {args.count / seconds:10.0f} {ort / seconds:7.2f}x")
    print("csim times include process start and reading the input file; ORT times do not.")


if __name__ == "__main__":
    sys.exit(main())

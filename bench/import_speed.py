#!/usr/bin/python3
"""Compile-front-end speed: eecc's ONNX import against peers on the same model, same run.

usage: bench/import_speed.py [MODEL.onnx] [--runs N] [--build DIR]

Without MODEL, B-VGG19 (~80 MB) is generated once into ${EECC_CACHE_DIR:-~/.cache/eecc}/zoo
by examples/zoo/branchy_zoo.py (needs Debian's python3-torch). Reported, median of N runs:
  eecc import   eecc-translate --import-onnx (parse, checker, shape inference, nn ops)
  eecc compile  eecc --emit=mlir (import + nn clean-up + exit discovery + printing, weights elided)
  parse floor   python3-onnx onnx.load (protobuf parse only; C++ under the hood)
  onnx checks   onnx.load + checker + shape inference (what eecc runs before building IR)
  ORT session   onnxruntime-node InferenceSession.create (graph load + optimization), when
                scripts/npm-deps.sh can provide onnxruntime-node
Ratios are peer time / eecc import time (> 1: eecc is faster).
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def median_time(command, runs, env=None):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def inner_time(code, runs):
    """Median of the time measured inside a fresh python3 (excludes interpreter start)."""
    script = ("import time, onnx, onnx.checker, onnx.shape_inference\n"
              "t = time.perf_counter()\n" + code + "\nprint(time.perf_counter() - t)\n")
    values = [float(subprocess.run(["/usr/bin/python3", "-c", script], check=True,
                                   capture_output=True, text=True).stdout) for _ in range(runs)]
    return statistics.median(values)


def ort_session_time(model, runs):
    try:
        node_modules = subprocess.run([os.path.join(ROOT, "scripts", "npm-deps.sh")], check=True,
                                      capture_output=True, text=True).stdout.strip()
    except (subprocess.CalledProcessError, FileNotFoundError):
        return None
    script = (
        "const ort = require(process.argv[1] + '/onnxruntime-node');"
        "(async () => { const t = performance.now();"
        " await ort.InferenceSession.create(process.argv[2]);"
        " console.log((performance.now() - t) / 1000); })();")
    values = []
    for _ in range(runs):
        out = subprocess.run(["node", "-e", script, node_modules, model], check=True,
                             capture_output=True, text=True).stdout
        values.append(float(out))
    return statistics.median(values)


def default_model():
    cache = os.environ.get("EECC_CACHE_DIR", os.path.expanduser("~/.cache/eecc"))
    model = os.path.join(cache, "zoo", "b_vgg19.onnx")
    if not os.path.exists(model):
        print(f"generating B-VGG19 into {os.path.dirname(model)} (once)", file=sys.stderr)
        subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "examples", "zoo", "branchy_zoo.py"),
                        "export", "--only", "vgg19", "--out", os.path.dirname(model)], check=True)
    return model


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", nargs="?")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--build", default=os.environ.get("EECC_BUILD_DIR", os.path.join(ROOT, "build")))
    args = parser.parse_args()
    model = args.model or default_model()
    bin_dir = os.path.join(args.build, "bin")
    elide = "--mlir-elide-elementsattrs-if-larger=16"

    rows = [("eecc import", median_time([os.path.join(bin_dir, "eecc-translate"), "--import-onnx",
                                         model, elide, "-o", os.devnull], args.runs)),
            ("eecc compile", median_time([os.path.join(bin_dir, "eecc"), model, "--emit=mlir",
                                          "-o", "-", "--quiet", elide], args.runs))]
    rows.append(("parse floor", inner_time(f"onnx.load({model!r})", args.runs)))
    rows.append(("onnx checks", inner_time(
        f"m = onnx.load({model!r}); onnx.checker.check_model(m); "
        "onnx.shape_inference.infer_shapes(m, strict_mode=True)", args.runs)))
    ort = ort_session_time(model, args.runs)
    if ort is not None:
        rows.append(("ORT session", ort))

    size = os.path.getsize(model) / 2**20
    print(f"model: {model} ({size:.1f} MiB), median of {args.runs} runs")
    base = rows[0][1]
    print(f"{'':14} {'seconds':>9} {'peer / eecc import':>20}")
    for name, seconds in rows:
        ratio = "" if name.startswith("eecc") else f"{seconds / base:.2f}x"
        print(f"{name:14} {seconds:9.3f} {ratio:>20}")


if __name__ == "__main__":
    main()

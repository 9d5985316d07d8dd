#!/usr/bin/python3
"""The paper-style study: static vs pipeline vs parallel early exits, per zoo network.

usage: scripts/study.py [--build DIR] [--out docs] [--networks lenet,alexnet,resnet32,vgg19]

For B-LeNet, B-AlexNet and B-ResNet32 (and B-VGG19 when bench/import_speed.py has
generated it into the cache), at two threshold settings:
  branchynet   the model's own thresholds (max softmax >= 0.9, as BranchyNet uses)
  calibrated   eecc --accuracy-budget=1 (at most 1 point of disagreement with the
               final exit on the calibration set, lowest expected latency)
it compiles a 16-bit fixed-point project (formats and thresholds calibrated on Fashion-
MNIST *training* images), runs held-out *test* images through `eecc run --fixed` (the
arithmetic of the generated hardware) for accuracy and exit mix, and combines those
exit rates with the cost model's per-exit-path latency and energy (report.json,
"estimated") into expected latency and energy for each placement. Writes
OUT/study.md and OUT/study.json. Every latency, energy and resource number is an
estimate of eecc's analytical model, not a synthesis or board measurement.
"""
import argparse
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CACHE = os.path.join(os.environ.get("EECC_CACHE_DIR", os.path.expanduser("~/.cache/eecc")))
ZOO = os.path.join(ROOT, "examples", "zoo", "models")

BINDINGS = ("dedicated", "engine")

NETWORKS = [  # name, file, input kind, thresholds (one per early exit)
    ("B-LeNet", os.path.join(ZOO, "b_lenet.onnx"), "1x28", "0.9"),
    ("B-AlexNet", os.path.join(ZOO, "b_alexnet.onnx"), "3x32", "0.9,0.9"),
    ("B-ResNet32", os.path.join(ZOO, "b_resnet32.onnx"), "3x32", "0.9,0.9"),
    ("B-VGG19 (random weights)", os.path.join(CACHE, "zoo", "b_vgg19.onnx"), "3x32", "0.9,0.9"),
]


def run(cmd):
    return subprocess.run(cmd, check=True, capture_output=True, text=True)


def data(kind, split, count, work):
    path = os.path.join(work, f"{split}_{kind}_{count}.bin")
    labels = path.replace(".bin", ".labels.json")
    if not os.path.exists(path):
        run(["/usr/bin/python3", os.path.join(ROOT, "test/csim/Inputs/fmnist.py"), "--split", split,
             "--count", str(count), "--kind", kind, "--out", path, "--labels", labels])
    return path, json.load(open(labels))["labels"]


def study_network(eecc, name, model, kind, thresholds, args, work):
    calibration, _ = data(kind, "train", args.calibration, work)
    tests = args.tests if kind == "1x28" else args.tests_3x32
    test, labels = data(kind, "test", tests, work)
    base = ["--calibration", calibration]
    result = {"network": name, "calibration_images": args.calibration, "test_images": tests,
              "settings": []}
    # The static network's accuracy: every sample through the final exit.
    out = os.path.join(work, "static.json")
    run([eecc, "run", model, "--fixed", "--exit-mode=static", "--input", test, "--output", out,
         "--quiet"] + base)
    static = json.load(open(out))["samples"]
    result["static_accuracy"] = 100.0 * sum(s["class"] == labels[i] for i, s in enumerate(static)) / tests
    runs = {}  # thresholds -> (accuracy, exit rates): the answers do not depend on binding
    for binding in BINDINGS:
        for setting, options in (("branchynet", ["--thresholds", thresholds]),
                                 ("calibrated", ["--accuracy-budget=1"])):
            project = os.path.join(work, f"{setting}-{binding}")
            run([eecc, model, "-o", project, "--force", "--quiet", "--binding", binding] + base +
                options)
            report = json.load(open(os.path.join(project, "report.json")))["estimated"]
            chosen = (report["threshold_calibration"] or {}).get("thresholds") or \
                [float(t) for t in thresholds.split(",")]
            exits = len(report["designs"]["static"]["exit_paths"])
            key = tuple(chosen)
            if key not in runs:
                out = os.path.join(work, f"{setting}-{binding}.run.json")
                run([eecc, "run", model, "--fixed", "--input", test, "--output", out, "--quiet",
                     "--thresholds", ",".join(repr(t) for t in chosen)] + base)
                samples = json.load(open(out))["samples"]
                runs[key] = (100.0 * sum(s["class"] == labels[i] for i, s in enumerate(samples)) / tests,
                             [sum(s["exit"] == e for s in samples) / tests for e in range(exits)])
            accuracy, rates = runs[key]
            designs = {}
            for mode in ("static", "pipeline", "parallel"):
                design = report["designs"][mode]
                paths = design["exit_paths"]
                if mode == "static":
                    latency, energy = paths[-1]["latency_us"], paths[-1]["energy_uj"]
                else:
                    latency = sum(r * p["latency_us"] for r, p in zip(rates, paths))
                    energy = sum(r * p["energy_uj"] for r, p in zip(rates, paths))
                designs[mode] = {"expected_latency_us": latency, "expected_energy_uj": energy,
                                 "resources": design["resources"],
                                 "fits_device": design["fits_device"]}
            engine = report["binding"]
            result["settings"].append({
                "binding": binding, "setting": setting, "thresholds": chosen,
                "accuracy": accuracy, "exit_rates": rates, "designs": designs,
                "auto_choice": report["designs"]["chosen"]["placements"],
                "engine_tiles": engine.get("engine_tiles"),
                "feature_maps": engine.get("feature_maps")})
    return result


def markdown(results, args):
    lines = [
        "# Study: static vs pipeline vs parallel early exits (estimated)",
        "",
        "Generated by `scripts/study.py` (do not edit). Accuracy and exit mix are measured: "
        "held-out Fashion-MNIST test images through `eecc run --fixed`, the bit-exact "
        "arithmetic of the generated 16-bit C-simulation. **Latency, energy and resources "
        "are estimates** of eecc's analytical cost model (ZCU106, 5 ns clock; assumptions "
        "in templates/devices/zcu106.json), weighted by the measured exit mix; not "
        "synthesis or board numbers. Two bindings: *dedicated* (one kernel per layer, one "
        "MAC per cycle each, weights on chip) and *engine* (conv2d and dense on one shared "
        "Tm x Tn MAC engine with weights streamed from DDR, tiles chosen by `hls-bind`; "
        "its HLS C++ is emitted (templates/hls/eecc_engine.h) and C-simulated bit-exact; "
        "its latency and energy, like the dedicated rows', are the cost model's).",
        "",
        "Dimitriou et al. (TCAD 2025) report dynamic (early-exit) designs at least 1.24x "
        "faster and 1.32x lower in energy than static. eecc's ratios are in the last two "
        "columns (static / design, same binding).",
        "",
    ]
    lines += claims(results)
    for r in results:
        lines += [f"## {r['network']}", "",
                  f"Calibration: {r['calibration_images']} training images; test: "
                  f"{r['test_images']} test images; static accuracy {r['static_accuracy']:.1f} %.", ""]
        if "error" in r:
            lines += [f"Not run: {r['error']}", ""]
            continue
        lines += ["| binding | thresholds | design | accuracy % | exit mix % | latency µs | energy µJ "
                  "| DSP | BRAM18 | LUT | fits | speed-up | energy ratio |",
                  "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
        for s in r["settings"]:
            static = s["designs"]["static"]
            for mode in ("static", "pipeline", "parallel"):
                d = s["designs"][mode]
                res = d["resources"]
                mix = "100 final" if mode == "static" else "/".join(f"{100 * a:.0f}" for a in s["exit_rates"])
                acc = r["static_accuracy"] if mode == "static" else s["accuracy"]
                tiles = f" {s['engine_tiles'][0]}x{s['engine_tiles'][1]}" if s.get("engine_tiles") else ""
                lines.append(
                    f"| {s['binding']}{tiles} | {s['setting']} {', '.join(f'{t:.3g}' for t in s['thresholds'])} | {mode} "
                    f"| {acc:.1f} | {mix} | {d['expected_latency_us']:.0f} | {d['expected_energy_uj']:.0f} "
                    f"| {res['dsp']} | {res['bram18']} | {res['lut']} | {'yes' if d['fits_device'] else 'no'} "
                    f"| {static['expected_latency_us'] / d['expected_latency_us']:.2f}x "
                    f"| {static['expected_energy_uj'] / d['expected_energy_uj']:.2f}x |")
            lines.append(f"| | | auto chooses | | | | | | | | | {'/'.join(s['auto_choice'])} | |")
        lines.append("")
    lines += ["## Reading the numbers", "",
              "- The exit mix decides everything: latency and energy per exit path come from the "
              "cost model, and the expectation weights them with the measured mix.",
              "- Parallel wins when samples exit early and the exit classifier is not small "
              "against the next stage; it costs the exit's kernels (DSP, BRAM, LUT) and the "
              "speculative energy of the abandoned stage. Pipeline adds only the exit's weights "
              "and a decision unit, and every continuing sample pays the exit's time.",
              "- Dedicated binding computes each layer with one MAC per cycle, so its latencies "
              "are long and its energy follows the PL's static power (the energy ratio follows "
              "the latency ratio); AlexNet-, ResNet32- and "
              "VGG19-size weights do not fit on chip (`fits: no`).",
              "- A dynamic design cannot beat 1 / sum_i a_i (T_i / T_static): with the engine, "
              "B-LeNet's exit path (conv1 and the exit's conv + dense, on an engine sized for "
              "the larger layers) costs about 60 % of the static path, so 88 % early exits "
              "bound it near 1.55x; under dedicated binding (one MAC per cycle per layer) the "
              "same exit mix gives 1.35x. The paper's B-LeNet exit is lighter relative to its "
              "backbone.",
              "- Engine binding runs the MAC layers 100-1000x faster; the dense layers are then "
              "bound by DDR bandwidth (batch 1: every weight is read once per sample), and "
              "DDR traffic is part of the energy. Its parallel rows are the cost model's "
              "alternative (an engine of its own for the exit, no larger than the backbone's, "
              "costing DSPs and energy): eecc does not emit them (the exit and the next stage "
              "would share the one feature-map arena), so an engine design's exits are "
              "pipeline.", ""]
    return "\n".join(lines)


def claims(results):
    """The paper's claims and the B-LeNet goal, checked against the best dynamic design."""
    lines = ["## Claims checked", "",
             "Best dynamic design per network and binding at the calibrated thresholds (at most "
             "1 point of disagreement with the final exit on the calibration set): the lower "
             "expected latency of pipeline and parallel among designs that fit.", "",
             "| network | binding | design | accuracy loss (pt) | speed-up | energy ratio "
             "| paper (>= 1.24x, >= 1.32x) | B-LeNet goal (>= 2x, >= 2x) |",
             "|---|---|---|---|---|---|---|---|"]
    for r in results:
        if "error" in r:
            continue
        for s in r["settings"]:
            if s["setting"] != "calibrated":
                continue
            static = s["designs"]["static"]
            options = [m for m in ("pipeline", "parallel") if s["designs"][m]["fits_device"]] or \
                ["pipeline", "parallel"]
            best = min(options, key=lambda m: s["designs"][m]["expected_latency_us"])
            d = s["designs"][best]
            speed = static["expected_latency_us"] / d["expected_latency_us"]
            energy = static["expected_energy_uj"] / d["expected_energy_uj"]
            loss = r["static_accuracy"] - s["accuracy"]
            fits = "" if d["fits_device"] else " (does not fit)"
            paper = "met" if speed >= 1.24 and energy >= 1.32 else "missed"
            goal = ("met" if speed >= 2 and energy >= 2 and loss <= 1 else "missed") \
                if r["network"] == "B-LeNet" else ""
            lines.append(f"| {r['network']} | {s['binding']} | {best}{fits} | {loss:.1f} "
                         f"| {speed:.2f}x | {energy:.2f}x | {paper} | {goal} |")
    return lines + [""]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=os.environ.get("EECC_BUILD_DIR", os.path.join(ROOT, "build")))
    parser.add_argument("--out", default=os.path.join(ROOT, "docs"))
    parser.add_argument("--calibration", type=int, default=128)
    parser.add_argument("--tests", type=int, default=1000)
    parser.add_argument("--tests-3x32", type=int, default=200)
    parser.add_argument("--networks", default="lenet,alexnet,resnet32,vgg19",
                        help="comma-separated subset of lenet, alexnet, resnet32, vgg19")
    parser.add_argument("--from-json", action="store_true",
                        help="rewrite OUT/study.md from OUT/study.json (no compiles)")
    args = parser.parse_args()
    if args.from_json:
        with open(os.path.join(args.out, "study.json")) as f:
            results = json.load(f)
        with open(os.path.join(args.out, "study.md"), "w") as f:
            f.write(markdown(results, args) + "\n")
        print(f"study: wrote {args.out}/study.md")
        return 0
    wanted = set(args.networks.split(","))
    eecc = os.path.join(args.build, "bin", "eecc")
    results = []
    for name, model, kind, thresholds in NETWORKS:
        if os.path.basename(model)[2:].replace(".onnx", "") not in wanted:
            continue
        if not os.path.exists(model):
            print(f"study: {name}: {model} not found (bench/import_speed.py generates it); skipped")
            continue
        print(f"study: {name} ...", flush=True)
        work = os.path.join(CACHE, "study", os.path.basename(model).replace(".onnx", ""))
        os.makedirs(work, exist_ok=True)
        try:
            results.append(study_network(eecc, name, model, kind, thresholds, args, work))
        except subprocess.CalledProcessError as error:
            results.append({"network": name, "calibration_images": args.calibration,
                            "test_images": 0, "static_accuracy": 0.0,
                            "error": (error.stderr or "").strip().splitlines()[-1:]})
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "study.json"), "w") as f:
        json.dump(results, f, indent=1)
    with open(os.path.join(args.out, "study.md"), "w") as f:
        f.write(markdown(results, args) + "\n")
    print(f"study: wrote {args.out}/study.md")


if __name__ == "__main__":
    sys.exit(main())

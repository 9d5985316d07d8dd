#!/usr/bin/env python3
"""Summaries printed by the demo.

usage: demo_summary.py structure STRUCTURE.json     (eecc-translate --emit-ee-structure output)
       demo_summary.py formats REPORT.json          (the fixed-point formats nn-quantize chose)
       demo_summary.py exits CSIM.json RUN.json LABELS.json ORT.json
                     (C-sim with early exit; eecc run --all-exits; onnxruntime's exits)
"""
import json
import sys


def argmax(values):
    return max(range(len(values)), key=values.__getitem__)


def structure(path):
    for network in json.load(open(path))["networks"]:
        layers = [stage["layers"] for stage in network["stages"]]
        print(f"network @{network['name']}: input {network['inputs'][0]}, stages of {layers} layers")
        for exit in network["exits"]:
            rule = ("final" if exit["final"] else
                    f"{exit.get('criterion', '-')} threshold {exit.get('threshold', '-')}")
            print(f"  exit {exit['index']} after stage {exit['branch_stage']}: "
                  f"{exit['layers']} layers, {rule}")


def formats(path):
    report = json.load(open(path))
    print(f"{'layer':<34} {'op':<20} {'result':<24} {'weights':<24} {'accumulator':<22} overflows")
    for layer in report["quantization"]:
        short = lambda key: layer.get(key, "").replace("ap_fixed", "").replace(", AP_", " ")
        overflows = f"{layer.get('overflows', 0)} of {layer.get('values', 0)}"
        print(f"{layer['layer'][-34:]:<34} {layer['op']:<20} {short('type'):<24} "
              f"{short('weight_type'):<24} {short('accum_type'):<22} {overflows}")


def exits(csim_path, run_path, labels_path, ort_path):
    csim, run, ort = (json.load(open(p)) for p in (csim_path, run_path, ort_path))
    labels = json.load(open(labels_path))["labels"]
    samples = csim["samples"]
    count = len(samples)
    names = ort["outputs"]
    print(f"C-simulation, 16-bit fixed point, {count} Fashion-MNIST test images:")
    for k, name in enumerate(names):
        taken = [i for i, s in enumerate(samples) if s["exit"] == k]
        right = sum(samples[i]["class"] == labels[i] for i in taken)
        alone = sum(argmax(s["all_exit_logits"][k]) == labels[i]
                    for i, s in enumerate(run["samples"]))
        ort_alone = sum(argmax(r[name]) == labels[i] for i, r in enumerate(ort["samples"][:count]))
        share = 100.0 * len(taken) / count
        accuracy = 100.0 * right / len(taken) if taken else 0.0
        print(f"  exit {k} ({name}): takes {share:5.1f} % of the images, {accuracy:5.1f} % of them right; "
              f"alone: {100.0 * alone / count:5.1f} % (onnxruntime {100.0 * ort_alone / count:5.1f} %)")
    correct = sum(s["class"] == labels[i] for i, s in enumerate(samples))
    print(f"  with early exit: accuracy {100.0 * correct / count:5.1f} %")


def main():
    if sys.argv[1] == "structure":
        return structure(sys.argv[2])
    if sys.argv[1] == "formats":
        return formats(sys.argv[2])
    return exits(*sys.argv[2:6])


if __name__ == "__main__":
    main()

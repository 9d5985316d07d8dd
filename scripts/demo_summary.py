#!/usr/bin/env python3
"""Summaries printed by the demo.

usage: demo_summary.py structure STRUCTURE.json     (eecc-translate --emit-ee-structure output)
       demo_summary.py run RUN.json LABELS.json REF.json
                                                    (eecc run --all-exits vs labels and onnxruntime)
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


def main():
    if sys.argv[1] == "structure":
        return structure(sys.argv[2])
    run, labels, reference = (json.load(open(path)) for path in sys.argv[2:5])
    labels = labels["labels"]
    samples = run["samples"]
    count = len(samples)
    names = reference["outputs"]
    print(f"{run['model']}: {count} Fashion-MNIST test images, float reference interpreter")
    for k, name in enumerate(names):
        correct = sum(argmax(s["all_exit_logits"][k]) == labels[i] for i, s in enumerate(samples))
        print(f"  exit {k} ({name}) alone: accuracy {100.0 * correct / count:5.1f} %")
    mix = ", ".join(f"exit {k}: {100.0 * n / count:.1f} %" for k, n in enumerate(run["exit_counts"]))
    correct = sum(s["class"] == labels[i] for i, s in enumerate(samples))
    print(f"  with early exit: accuracy {100.0 * correct / count:5.1f} %, exit mix {mix}")
    agree = sum(argmax(s["all_exit_logits"][k]) == argmax(reference["samples"][i][name])
                for i, s in enumerate(samples) for k, name in enumerate(names))
    print(f"  agreement with onnxruntime (class per exit): {100.0 * agree / (count * len(names)):.1f} %")


if __name__ == "__main__":
    main()

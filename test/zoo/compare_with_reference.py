#!/usr/bin/python3
"""Compares `eecc run --all-exits` output (or a fresh onnxruntime run) with reference logits.

usage: compare_with_reference.py RUN.json REF.json [--tolerance T]
Multi-output references hold every exit's logits; a single-output reference (an
If-encoded model) holds the logits of the exit onnxruntime took, which must be the
exit eecc took. Fails (exit 1) on any logit differing by more than T * max(1, |ref|).
"""
import argparse
import json
import sys


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("run")
    parser.add_argument("reference")
    parser.add_argument("--tolerance", type=float, default=1e-5)
    args = parser.parse_args()
    run = json.load(open(args.run))
    reference = json.load(open(args.reference))
    names = reference["outputs"]
    worst, failures = 0.0, 0
    if len(run["samples"]) != len(reference["samples"][:len(run["samples"])]):
        print("the reference has fewer samples than the run")
        return 1
    for index, (sample, expected) in enumerate(zip(run["samples"], reference["samples"])):
        if "outputs" in run:  # two onnxruntime reference files
            pairs = [(sample[name], expected[name]) for name in names]
        elif len(names) == 1:
            pairs = [(sample["logits"], expected[names[0]])]
        else:
            pairs = [(sample["all_exit_logits"][k], expected[name]) for k, name in enumerate(names)]
        for got, want in pairs:
            if len(got) != len(want):
                print(f"sample {index}: {len(got)} logits, reference has {len(want)}")
                return 1
            for g, w in zip(got, want):
                error = abs(g - w) / max(1.0, abs(w))
                worst = max(worst, error)
                if error > args.tolerance:
                    failures += 1
                    if failures <= 5:
                        print(f"sample {index}: {g} vs reference {w}")
    print(f"{run['count']} samples, {len(names)} output(s), worst relative difference {worst:.2e}, "
          f"exit counts {run.get('exit_counts', '-')}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

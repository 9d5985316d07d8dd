#!/usr/bin/python3
"""Agreement of an eecc result (tb or `eecc run`) with onnxruntime, early exits included.

usage: agreement.py RUN.json ORT.json --criterion max_softmax|entropy|margin
                    --thresholds t0,t1,... [--labels LABELS.json]
                    [--min-top1 PERCENT] [--min-exit PERCENT]

ORT.json is examples/zoo/ort_reference.mjs output (every exit's logits). The onnxruntime
side takes the first early exit whose criterion passes (softmax in double precision),
else the final exit. Prints top-1 agreement (class of the taken exit), exit-decision
agreement and, with labels, both accuracies; exits 1 when an agreement is below its minimum.
"""
import argparse
import json
import math
import sys


def decide(criterion, threshold, logits):
    top = max(logits)
    exps = [math.exp(v - top) for v in logits]
    total = sum(exps)
    p = sorted((e / total for e in exps), reverse=True)
    if criterion == "max_softmax":
        return p[0] >= threshold
    if criterion == "margin":
        return p[0] - p[1] >= threshold
    return -sum(q * math.log(q) for q in p if q > 0) <= threshold


def argmax(values):
    return max(range(len(values)), key=values.__getitem__)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("run")
    parser.add_argument("ort")
    parser.add_argument("--criterion", required=True)
    parser.add_argument("--thresholds", required=True)
    parser.add_argument("--labels")
    parser.add_argument("--min-top1", type=float, default=0.0)
    parser.add_argument("--min-exit", type=float, default=0.0)
    args = parser.parse_args()
    run, ort = json.load(open(args.run)), json.load(open(args.ort))
    thresholds = [float(t) for t in args.thresholds.split(",")]
    names = ort["outputs"]
    if len(thresholds) != len(names) - 1:
        sys.exit(f"{len(names) - 1} early exits but {len(thresholds)} thresholds")
    samples = run["samples"]
    if len(samples) > len(ort["samples"]):
        sys.exit(f"{len(samples)} samples but onnxruntime ran {len(ort['samples'])}")
    same_class = same_exit = 0
    ort_classes = []
    for sample, reference in zip(samples, ort["samples"]):
        taken = len(names) - 1
        for k, name in enumerate(names[:-1]):
            if decide(args.criterion, thresholds[k], reference[name]):
                taken = k
                break
        ort_classes.append(argmax(reference[names[taken]]))
        same_exit += sample["exit"] == taken
        same_class += sample["class"] == ort_classes[-1]
    count = len(samples)
    top1, exits = 100.0 * same_class / count, 100.0 * same_exit / count
    print(f"{count} samples: top-1 agreement {top1:.1f} %, exit agreement {exits:.1f} %")
    if args.labels:
        labels = json.load(open(args.labels))["labels"]
        ours = sum(s["class"] == labels[i] for i, s in enumerate(samples))
        theirs = sum(c == labels[i] for i, c in enumerate(ort_classes))
        print(f"accuracy: eecc {100.0 * ours / count:.1f} %, onnxruntime {100.0 * theirs / count:.1f} %")
    ok = top1 >= args.min_top1 and exits >= args.min_exit
    if not ok:
        print(f"FAILED: minimum top-1 {args.min_top1} %, exit {args.min_exit} %")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

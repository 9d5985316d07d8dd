#!/usr/bin/python3
"""Exit decisions of two runs of the same samples (`eecc run` or tb RESULT.json).

usage: exit_agreement.py median RUN_ALL_EXITS.json
         prints the median max-softmax of exit 0 over the samples (a run with --all-exits)
       exit_agreement.py agree A.json B.json --min PERCENT
         prints "N samples, exit agreement P %" and exits 1 below PERCENT
"""
import json
import sys

import numpy as np


def main():
    if sys.argv[1] == "median":
        run = json.load(open(sys.argv[2]))
        confidences = []
        for sample in run["samples"]:
            logits = np.array(sample["all_exit_logits"][0], dtype=np.float64)
            p = np.exp(logits - logits.max())
            confidences.append((p / p.sum()).max())
        print(f"{np.median(confidences):.9g}")
        return 0
    a, b = (json.load(open(path))["samples"] for path in sys.argv[2:4])
    minimum = float(sys.argv[sys.argv.index("--min") + 1])
    assert len(a) == len(b), "runs of different lengths"
    same = sum(x["exit"] == y["exit"] for x, y in zip(a, b))
    taken = sum(x["exit"] == 0 for x in a)
    percent = 100.0 * same / len(a)
    print(f"{len(a)} samples, exit 0 taken by {taken} in the first run, exit agreement "
          f"{percent:.1f} %")
    return 0 if percent >= minimum else 1


if __name__ == "__main__":
    sys.exit(main())

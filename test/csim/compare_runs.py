#!/usr/bin/python3
"""Compares two per-sample results (tb RESULT.json vs `eecc run` RESULT.json) exactly.

usage: compare_runs.py A.json B.json
Exit taken, class and every logit (as float32) must be equal on every sample; logits
beyond an exit's classes (tb pads to the widest exit) must be zero.
"""
import json
import struct
import sys


def f32(value):
    return struct.unpack("f", struct.pack("f", value))[0]


def main():
    a, b = (json.load(open(path)) for path in sys.argv[1:3])
    if len(a["samples"]) != len(b["samples"]):
        print(f"{len(a['samples'])} vs {len(b['samples'])} samples")
        return 1
    mismatches = 0
    for index, (x, y) in enumerate(zip(a["samples"], b["samples"])):
        lx, ly = x["logits"], y["logits"]
        n = min(len(lx), len(ly))
        same = (x["exit"] == y["exit"] and x["class"] == y["class"] and
                all(f32(p) == f32(q) for p, q in zip(lx[:n], ly[:n])) and
                all(v == 0 for v in lx[n:] + ly[n:]))
        if not same:
            mismatches += 1
            if mismatches <= 3:
                print(f"sample {index}: exit {x['exit']}/{y['exit']} class {x['class']}/{y['class']}"
                      f" logits {lx[:3]} / {ly[:3]}")
    print(f"{len(a['samples'])} samples, {mismatches} mismatches")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())

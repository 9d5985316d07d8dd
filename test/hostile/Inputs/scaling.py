#!/usr/bin/python3
"""Checks that eecc's time grows linearly with duplicate node names: compiles a chain of N
Relu nodes that all share one name and the same chain with unique names, and fails if the
duplicates take more than BOUND times as long. Both run in the same process moments apart,
so machine speed cancels; the quadratic uniquing this guards against took 130x at N=40,000.

usage: scaling.py EECC DUPLICATE.onnx UNIQUE.onnx WORKDIR [BOUND]
"""
import os
import shutil
import subprocess
import sys
import time


def best_time(eecc, model, out):
    best = None
    for _ in range(2):
        shutil.rmtree(out, ignore_errors=True)
        start = time.perf_counter()
        subprocess.run([eecc, model, "-o", out, "--emit=hls", "--precision=float", "--allow-overfit",
                        "--quiet"],
                       check=True)
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return best


def main():
    eecc, duplicate, unique, work = sys.argv[1:5]
    bound = float(sys.argv[5]) if len(sys.argv) > 5 else 4.0
    t_unique = best_time(eecc, unique, os.path.join(work, "unique"))
    t_duplicate = best_time(eecc, duplicate, os.path.join(work, "duplicate"))
    ratio = t_duplicate / t_unique
    print(f"duplicate names / unique names: {ratio:.2f}x (bound {bound}x)")
    sys.exit(0 if ratio <= bound else 1)


if __name__ == "__main__":
    main()

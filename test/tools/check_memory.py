#!/usr/bin/python3
"""Runs a command and checks its peak resident memory against a bound stated as
BASE_MB + FACTOR x the size of a file (the model).

usage: check_memory.py MODEL BASE_MB FACTOR -- COMMAND...
"""
import os
import resource
import subprocess
import sys


def main():
    split = sys.argv.index("--")
    model, base_mb, factor = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
    command = sys.argv[split + 1:]
    result = subprocess.run(command)
    if result.returncode != 0:
        sys.exit(f"check_memory: {command[0]} failed with exit code {result.returncode}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024  # KiB on Linux
    size = os.path.getsize(model)
    bound = base_mb * 2**20 + factor * size
    verdict = "within" if peak <= bound else "ABOVE"
    print(f"peak RSS {peak / 2**20:.0f} MiB for a {size / 2**20:.1f} MiB model: {verdict} "
          f"{base_mb:.0f} MiB + {factor:g}x the model ({bound / 2**20:.0f} MiB)")
    return 0 if peak <= bound else 1


if __name__ == "__main__":
    sys.exit(main())

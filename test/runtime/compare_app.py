#!/usr/bin/python3
"""Compares the board application's per-sample lines (host, QEMU or a board's UART log)
with a C-simulation RESULT.json: the same exit and class for every sample.

usage: compare_app.py APP.log TB.json
"""
import json
import re
import sys


def main():
    log_path, tb_path = sys.argv[1:3]
    with open(log_path, encoding="utf-8", errors="replace") as f:
        lines = f.read().replace("\r", "").splitlines()
    pattern = re.compile(r"^eecc: sample (\d+) exit (-?\d+) class (-?\d+) ")
    app = {}
    for line in lines:
        m = pattern.match(line)
        if m:
            app[int(m.group(1))] = (int(m.group(2)), int(m.group(3)))
    with open(tb_path, encoding="utf-8") as f:
        tb = json.load(f)["samples"]
    if len(app) != len(tb):
        sys.exit(f"{log_path}: {len(app)} sample lines, {tb_path} has {len(tb)} samples")
    differ = [n for n, s in enumerate(tb) if app.get(n) != (s["exit"], s["class"])]
    for n in differ[:5]:
        print(f"sample {n}: app {app.get(n)}, C-sim ({tb[n]['exit']}, {tb[n]['class']})")
    exits = sorted({s["exit"] for s in tb})
    print(f"{len(tb)} samples, {len(differ)} differ, exits taken {exits}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())

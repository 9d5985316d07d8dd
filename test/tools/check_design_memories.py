#!/usr/bin/python3
"""Checks report.json's designs.chosen.memories against the hls.memory ops of model.mlir,
sized again here (block RAM in the BRAM18's dual-port aspect ratios per bank, LUTRAM 64
bits per LUT, registers a flip-flop per bit, DDR nothing, pingpong twice), and against
what the cost model's formula sized for the same design.

usage: check_design_memories.py OUT
"""
import json
import os
import re
import sys


def ceil_div(a, b):
    return -(-a // b)


def bram18(depth, width):
    if depth <= 0 or width <= 0:
        return 0
    if width > 18:
        return ceil_div(width, 18) * ceil_div(depth, 1024)
    for aspect_width, aspect_depth in ((1, 16384), (2, 8192), (4, 4096), (9, 2048), (18, 1024)):
        if width <= aspect_width:
            return ceil_div(depth, aspect_depth)
    raise AssertionError


MEMORY = re.compile(r"hls\.memory @(\S+) :\s+(\w+) words (\d+) width (\d+) banks (\d+) ports (\d+)"
                    r"( pingpong)?")


def main():
    out = sys.argv[1]
    with open(os.path.join(out, "report.json"), encoding="utf-8") as f:
        chosen = json.load(f)["estimated"]["designs"]["chosen"]
    memories = chosen["memories"]
    total = {"bram18": 0, "lut": 0, "ff": 0}
    count = 0
    with open(os.path.join(out, "model.mlir"), encoding="utf-8") as f:
        for line in f:
            match = MEMORY.search(line)
            if not match:
                continue
            count += 1
            _, kind, words, width, banks, _, pingpong = match.groups()
            words, width, banks = int(words), int(width), int(banks)
            depth = ceil_div(words, banks)
            copies = 2 if pingpong else 1
            if kind == "reg":
                total["ff"] += copies * banks * depth * width
            elif kind == "lutram":
                total["lut"] += copies * banks * ceil_div(depth * width, 64)
            elif kind == "bram":
                total["bram18"] += copies * banks * bram18(depth, width)
            elif kind == "uram":
                total["bram18"] += copies * banks * ceil_div(width, 72) * ceil_div(depth, 4096) * 8
    failures = []
    for key in total:
        if memories[key] != total[key]:
            failures.append(f"{key}: report.json {memories[key]}, model.mlir's memories {total[key]}")
        if memories["formula"][key] != total[key]:
            failures.append(f"{key}: the formula {memories['formula'][key]}, the design {total[key]}")
    if f"the {count} hls.memory ops" not in memories["from"]:
        failures.append(f"memories from '{memories['from']}', model.mlir has {count}")
    if failures:
        print("design memories disagree: " + "; ".join(failures))
        return 1
    print(f"design memories agree: {count} memories, {total['bram18']} BRAM18, "
          f"{total['lut']} LUT, {total['ff']} FF")
    return 0


if __name__ == "__main__":
    sys.exit(main())

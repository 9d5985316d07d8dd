#!/usr/bin/python3
"""Emits the HLS C++ of every committed zoo model in every binding and exit placement
(OUT/<model>-<binding>-<placement>/hls), each calibrated on 4 samples; prints one line per
design eecc refused, with the first line of its message.

usage: emit_zoo_designs.py EECC ZOO_DIR OUT
"""
import os
import subprocess
import sys

MODELS = [("b_lenet", "fmnist_1x28x28_64.bin"), ("b_lenet_if", "fmnist_1x28x28_64.bin"),
          ("b_alexnet", "fmnist_3x32x32_64.bin"), ("b_resnet32", "fmnist_3x32x32_64.bin")]


def main():
    eecc, zoo, out = sys.argv[1:4]
    for model, data in MODELS:
        for binding in ("dedicated", "engine"):
            for placement in ("pipeline", "parallel"):
                result = subprocess.run(
                    [eecc, os.path.join(zoo, "models", model + ".onnx"), "-o",
                     os.path.join(out, f"{model}-{binding}-{placement}"), "--emit=hls",
                     f"--binding={binding}", f"--exit-mode={placement}", "--calibration",
                     os.path.join(zoo, "data", data), "--calibration-count", "4",
                     "--allow-overfit", "--quiet"],
                    capture_output=True, text=True)
                if result.returncode != 0:
                    message = (result.stderr.strip().splitlines() or [""])[-1]
                    print(f"{model} {binding} {placement} refused: {message}")


if __name__ == "__main__":
    main()

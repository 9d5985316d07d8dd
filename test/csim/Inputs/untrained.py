#!/usr/bin/python3
"""An untrained copy of an ONNX model: every float initializer of rank >= 2 (weights)
drawn from torch's default uniform(-1/sqrt(fan_in), 1/sqrt(fan_in)), biases likewise,
seeded. Untrained early-exit networks put every confidence near 1/C, so a threshold at
the median confidence is the hardest case for a fixed-point exit decision.

usage: untrained.py MODEL.onnx OUT.onnx [SEED [SCALE]]   (SCALE multiplies the bounds)
"""
import sys

import numpy as np
import onnx
from onnx import numpy_helper


def main():
    model = onnx.load(sys.argv[1])
    rng = np.random.default_rng(int(sys.argv[3]) if len(sys.argv) > 3 else 0)
    scale = float(sys.argv[4]) if len(sys.argv) > 4 else 1.0
    fan_in = {}
    for initializer in model.graph.initializer:
        array = numpy_helper.to_array(initializer)
        if array.dtype == np.float32 and array.ndim >= 2:
            fan_in[initializer.name] = int(np.prod(array.shape[1:]))
    # A bias takes the fan-in of the weight that shares its node.
    for node in model.graph.node:
        if len(node.input) >= 3 and node.input[1] in fan_in:
            fan_in.setdefault(node.input[2], fan_in[node.input[1]])
    for index, initializer in enumerate(model.graph.initializer):
        array = numpy_helper.to_array(initializer)
        if array.dtype != np.float32 or initializer.name not in fan_in:
            continue
        bound = scale / np.sqrt(fan_in[initializer.name])
        fresh = rng.uniform(-bound, bound, array.shape).astype(np.float32)
        model.graph.initializer[index].CopyFrom(numpy_helper.from_array(fresh, initializer.name))
    onnx.save(model, sys.argv[2])


if __name__ == "__main__":
    main()

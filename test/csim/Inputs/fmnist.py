#!/usr/bin/python3
"""Fashion-MNIST samples for the tests, without torch: raw float32 in a model's input layout.

usage: fmnist.py --split test|train --first K --count N --kind 1x28|3x32 --out X.bin
                 [--labels LABELS.json]

Reads Debian's dataset-fashion-mnist (/usr/share/datasets/fashion-mnist). Images are
normalized as the zoo's models were trained, (pixel/255 - 0.2860) / 0.3530 in float32;
3x32 is the bilinear resize to 32x32 (half-pixel centers, as torch's
interpolate(align_corners=False)) repeated on 3 channels. 1x28 matches
examples/zoo/branchy_zoo.py bit for bit (tested against the committed samples).
"""
import argparse
import gzip
import json
import os
import sys

import numpy as np

DATASET_DIR = "/usr/share/datasets/fashion-mnist"
MEAN, STD = np.float32(0.2860), np.float32(0.3530)


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    if data[:3] != b"\0\0\x08":
        sys.exit(f"{path}: not an unsigned-byte IDX file")
    ndim = data[3]
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def resize_axis(x, axis, size):
    """Linear interpolation along one axis, half-pixel centers, edges clamped."""
    n = x.shape[axis]
    scale = np.float32(n / size)
    centers = (np.arange(size, dtype=np.float32) + np.float32(0.5)) * scale - np.float32(0.5)
    centers = np.maximum(centers, np.float32(0.0))
    low = np.minimum(np.floor(centers).astype(np.int64), n - 1)
    high = np.minimum(low + 1, n - 1)
    frac = (centers - low.astype(np.float32)).astype(np.float32)
    shape = [1] * x.ndim
    shape[axis] = size
    frac = frac.reshape(shape)
    return (np.take(x, low, axis=axis) * (np.float32(1) - frac) +
            np.take(x, high, axis=axis) * frac).astype(np.float32)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", choices=["test", "train"], required=True)
    parser.add_argument("--first", type=int, default=0)
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--kind", choices=["1x28", "3x32"], default="1x28")
    parser.add_argument("--out", required=True)
    parser.add_argument("--labels")
    args = parser.parse_args()
    prefix = "train" if args.split == "train" else "t10k"
    images = read_idx(os.path.join(DATASET_DIR, f"{prefix}-images-idx3-ubyte.gz"))
    labels = read_idx(os.path.join(DATASET_DIR, f"{prefix}-labels-idx1-ubyte.gz"))
    if args.first < 0 or args.count < 1 or args.first + args.count > len(images):
        sys.exit(f"--first {args.first} --count {args.count}: the split has {len(images)} images")
    chosen = slice(args.first, args.first + args.count)
    x = images[chosen].astype(np.float32) / np.float32(255.0)
    x = ((x - MEAN) / STD).astype(np.float32)[:, None, :, :]
    if args.kind == "3x32":
        x = resize_axis(resize_axis(x, 2, 32), 3, 32)
        x = np.repeat(x, 3, axis=1)
    np.ascontiguousarray(x, dtype="<f4").tofile(args.out)
    if args.labels:
        with open(args.labels, "w") as f:
            json.dump({"dataset": f"Fashion-MNIST {prefix}, images {args.first} to "
                                  f"{args.first + args.count - 1}",
                       "labels": [int(v) for v in labels[chosen]]}, f)
            f.write("\n")


if __name__ == "__main__":
    main()

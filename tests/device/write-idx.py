#!/usr/bin/env python3
"""Writes a Fashion-MNIST-shaped IDX directory of N random 28 x 28 grey images with random labels 0..9 (train and
t10k files), standard library only: training data for throughput runs on a machine without datasets (the GPU
machine). The pixels are noise: only the speed of the data path and the step is measured with it.

usage: write-idx.py OUT_DIR N [SEED]
"""
import os
import random
import struct
import sys


def write(directory, stem, images, labels):
    with open(os.path.join(directory, stem + "-images-idx3-ubyte"), "wb") as f:
        f.write(struct.pack(">IIII", 2051, len(labels), 28, 28))
        f.write(images)
    with open(os.path.join(directory, stem + "-labels-idx1-ubyte"), "wb") as f:
        f.write(struct.pack(">II", 2049, len(labels)))
        f.write(bytes(labels))


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    out, n = sys.argv[1], int(sys.argv[2])
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) == 4 else 0)
    os.makedirs(out, exist_ok=True)
    for stem, count in (("train", n), ("t10k", max(1, n // 8))):
        write(out, stem, rng.randbytes(count * 28 * 28), [rng.randrange(10) for _ in range(count)])


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes N grayscale PNG files from Fashion-MNIST's test images (cycling through them) into class folders, standard
library only: the image folders the studio's dataset-scale benchmark opens, and that `bcos evaluate accuracy
--data OUT_DIR` reads with their labels (the same files, for a fair comparison of the prediction rates).

usage: make-image-folder.py DATASET_DIR OUT_DIR N [SIDE]
  OUT_DIR/<label>/imgNNNNN.png, label 0..9 (the IDX label; folder names sort in label order).
  SIDE > 28 scales each image up (nearest neighbour) to SIDE x SIDE, for the 224 px case.
"""
import gzip
import os
import struct
import sys
import zlib


def read_idx(directory, stem, magic_expected):
    for name in (stem, stem + ".gz"):
        path = os.path.join(directory, name)
        if os.path.exists(path):
            data = gzip.open(path).read() if name.endswith(".gz") else open(path, "rb").read()
            magic = struct.unpack(">I", data[:4])[0]
            if magic != magic_expected:
                sys.exit(f"{path}: not an IDX file of magic {magic_expected} (magic {magic})")
            return path, data
    sys.exit(f"{directory}: no {stem}[.gz]")


def read_images(directory):
    path, data = read_idx(directory, "t10k-images-idx3-ubyte", 2051)
    _, count, rows, cols = struct.unpack(">IIII", data[:16])
    size = rows * cols
    return [data[16 + i * size:16 + (i + 1) * size] for i in range(count)], rows, cols


def read_labels(directory):
    path, data = read_idx(directory, "t10k-labels-idx1-ubyte", 2049)
    count = struct.unpack(">I", data[4:8])[0]
    return list(data[8:8 + count])


def png(pixels, width, height):
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + pixels[y * width:(y + 1) * width] for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit grayscale
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b"")


def main():
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    images, rows, cols = read_images(sys.argv[1])
    labels = read_labels(sys.argv[1])
    out, n = sys.argv[2], int(sys.argv[3])
    side = int(sys.argv[4]) if len(sys.argv) == 5 else rows
    for label in sorted(set(labels)):
        os.makedirs(os.path.join(out, str(label)), exist_ok=True)
    for i in range(n):
        pixels = images[i % len(images)]
        if side != rows:
            pixels = bytes(pixels[(y * rows // side) * cols + x * cols // side] for y in range(side) for x in range(side))
        with open(os.path.join(out, str(labels[i % len(labels)]), f"img{i:05d}.png"), "wb") as f:
            f.write(png(pixels, side, side))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes N grayscale PNG files from Fashion-MNIST's test images (cycling through them), standard library only:
the image folders the studio's dataset-scale benchmark opens.

usage: make-image-folder.py DATASET_DIR OUT_DIR N [SIDE]
  SIDE > 28 scales each image up (nearest neighbour) to SIDE x SIDE, for the 224 px case.
"""
import gzip
import os
import struct
import sys
import zlib


def read_idx_images(directory):
    for name in ("t10k-images-idx3-ubyte", "t10k-images-idx3-ubyte.gz"):
        path = os.path.join(directory, name)
        if os.path.exists(path):
            data = gzip.open(path).read() if name.endswith(".gz") else open(path, "rb").read()
            magic, count, rows, cols = struct.unpack(">IIII", data[:16])
            if magic != 2051:
                sys.exit(f"{path}: not an IDX image file (magic {magic})")
            size = rows * cols
            return [data[16 + i * size:16 + (i + 1) * size] for i in range(count)], rows, cols
    sys.exit(f"{directory}: no t10k-images-idx3-ubyte[.gz]")


def png(pixels, width, height):
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + pixels[y * width:(y + 1) * width] for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit grayscale
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b"")


def main():
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    images, rows, cols = read_idx_images(sys.argv[1])
    out, n = sys.argv[2], int(sys.argv[3])
    side = int(sys.argv[4]) if len(sys.argv) == 5 else rows
    os.makedirs(out, exist_ok=True)
    for i in range(n):
        pixels = images[i % len(images)]
        if side != rows:
            pixels = bytes(pixels[(y * rows // side) * cols + x * cols // side] for y in range(side) for x in range(side))
        with open(os.path.join(out, f"img{i:05d}.png"), "wb") as f:
            f.write(png(pixels, side, side))


if __name__ == "__main__":
    main()

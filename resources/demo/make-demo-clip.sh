#!/usr/bin/env bash
# Regenerates the studio's demo CLIP (File > Open Demo CLIP): a small CLIP trained contrastively on Fashion-MNIST
# mosaics by train_demo_clip.py (read its header: what it is, what it can and cannot do), B-cosified and
# distilled with `bcos train --mode clip-distill`, stored as float16, and measured with
# `bcos evaluate clip-mosaic`.
#   resources/demo/make-demo-clip.sh [BUILD_DIR]
# Measured on the shared 2-core Debian VM with other builds running (2026-12-04), wall (CPU):
#   1. train_demo_clip.py train   15 min 50 s (3 min 48 s)
#   2. bcos train clip-distill     7 min 12 s (1 min 54 s), val cosine to the standard CLIP 0.956
#   3. half                        seconds: 4.07 MB -> 2.04 MB
#   4. bcos evaluate clip-mosaic   6 min 33 s (2 min 8 s): mean 0.713 (100 mosaics, 400 prompts, cosine power 1)
#      (with --cosine-power 3, the distillation's power: 0.722; 1 min 19 s on a quieter machine)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build=${1:-$here/../../build}
data=${BCOS_FASHION_MNIST:-/usr/share/datasets/fashion-mnist}
work=$(mktemp -d)
python=/usr/bin/python3 # Debian's, with torch

# 1. The standard CLIP (image + text tower, OpenAI's key layout), the distillation's mosaics, the demo mosaics.
time nice "$python" "$here/train_demo_clip.py" train --data "$data" --vocab "$here/bpe_simple_vocab_16e6.txt.gz" \
  --arch "$here/fashion-mnist-clip.json" --out "$work" --demo-images "$here" --steps 2000 --batch-size 64

# 2. B-cosify the image tower and distil it towards the standard one on the mosaics (the text tower is copied).
time nice "$build/app/bcos" train --mode clip-distill --arch "$here/fashion-mnist-clip.json" \
  --weights "$work/clip-standard.safetensors" --data "idx:$work/mosaics" --epochs 2 --lr 1e-3 --batch-size 64 \
  --no-augment --threads 1 --seed 0 --class-names "$here/fashion-mnist-classes.txt" --log-every 100 --out "$work/run"

# 3. Float16 on disk (the loader reads F16 as float32): half the size.
"$python" "$here/train_demo_clip.py" half "$work/run/model.safetensors" "$here/fashion-mnist-clip.safetensors"
cp "$work/run/metrics.csv" "$here/fashion-mnist-clip-metrics.csv"

# 4. The measure of issue 21: share of the positive W(x)x of "a photo of a {class}" inside that class's cell.
# (one thread: on a busy 2-core machine two threads are slower)
time OMP_NUM_THREADS=1 nice "$build/app/bcos" evaluate clip-mosaic --model "$here/fashion-mnist-clip.safetensors" \
  --data "idx:$data" --grid 2 --count 100
echo "demo CLIP written to $here/fashion-mnist-clip.safetensors (work files in $work)"

#!/usr/bin/env bash
# Small-scale reproduction of the B-cosification paper's claims on Fashion-MNIST (CPU is enough):
#   1. pretrain a standard network, 2. B-cosify it and fine-tune, 3. train the same B-cos network from
#   scratch; then accuracy, the epoch at which the B-cosified model first reaches the from-scratch final
#   accuracy, and GridPG (2x2) localisation of W(x)x (B-cosified, scratch) vs GradCAM and IxG (standard).
# Usage: tests/bench/reproduce-fashion-mnist.sh [BUILD_DIR] [OUT_DIR] [EPOCHS] [ARCHS (default: "densenet resnet")]
#        TRAIN_LIMIT=N / VAL_LIMIT=N in the environment use the first N of the 60000 training / 10000 test images
#        (all by default).
# Writes OUT_DIR/results.md (table), OUT_DIR/curves.svg (validation top-1 per epoch) and the run directories.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build}
out=${2:-$root/build/reproduce-fmnist}
epochs=${3:-4}
selected=${4:-densenet resnet}
bcos="$build/app/bcos"
data=idx:/usr/share/datasets/fashion-mnist
classes="$root/resources/demo/fashion-mnist-classes.txt"
mkdir -p "$out"
common=(--data "$data" --epochs "$epochs" --no-augment --image-size 32 --seed 0 --class-names "$classes" --log-every 1000)
if [[ -n "${TRAIN_LIMIT:-}" ]]; then
  common+=(--train-limit "$TRAIN_LIMIT")
fi
if [[ -n "${VAL_LIMIT:-}" ]]; then
  common+=(--val-limit "$VAL_LIMIT")
fi

declare -A archs=(
  [densenet]="$root/resources/demo/fashion-mnist-densenet.json"
  [resnet]="$out/resnet-small.json"
)
echo '{"family": "resnet", "block": "basic", "layers": [1, 1, 1, 1], "num_classes": 10}' > "$out/resnet-small.json"

gridpg() { # model method -> mean score
  "$bcos" evaluate gridpg --model "$1" --data "$data" --limit 2000 --grid 2 --method "$2" --max-grids 100 \
    --out "$out/gridpg.tmp.safetensors" | sed -n 's/^localisation score: mean \([0-9.]*\).*/\1/p'
}
final_top1() { tail -n 1 "$1/metrics.csv" | cut -d, -f5; }

{
  echo "| arch | standard top-1 | B-cos from scratch top-1 | B-cosified top-1 | B-cosified reaches scratch's final accuracy at epoch | GridPG W(x)x B-cosified | GridPG W(x)x scratch | GridPG GradCAM standard | GridPG IxG standard |"
  echo "|---|---|---|---|---|---|---|---|---|"
} > "$out/results.md"

runs=()
for arch in $selected; do
  spec=${archs[$arch]}
  "$bcos" train --mode pretrain --arch "$spec" --lr 1e-3 "${common[@]}" --out "$out/$arch-standard"
  "$bcos" train --mode bcosify --weights "$out/$arch-standard/model.safetensors" --lr 1e-3 "${common[@]}" \
    --out "$out/$arch-bcosified"
  "$bcos" train --mode scratch --arch "$spec" --lr 1e-3 "${common[@]}" --out "$out/$arch-scratch"
  scratch=$(final_top1 "$out/$arch-scratch")
  reach=$(awk -F, -v s="$scratch" 'NR > 1 && $5 >= s { print $1; exit }' "$out/$arch-bcosified/metrics.csv")
  echo "| $arch | $(final_top1 "$out/$arch-standard") | $scratch | $(final_top1 "$out/$arch-bcosified") | ${reach:-not within $epochs} |" \
       "$(gridpg "$out/$arch-bcosified/model.safetensors" wxx) | $(gridpg "$out/$arch-scratch/model.safetensors" wxx) |" \
       "$(gridpg "$out/$arch-standard/model.safetensors" gradcam) | $(gridpg "$out/$arch-standard/model.safetensors" ixg) |" \
       >> "$out/results.md"
  runs+=("$out/$arch-standard" "$out/$arch-bcosified" "$out/$arch-scratch")
done
rm -f "$out/gridpg.tmp.safetensors"

/usr/bin/python3 "$here/plot_curves.py" "$out/curves.svg" "${runs[@]}"
cat "$out/results.md"

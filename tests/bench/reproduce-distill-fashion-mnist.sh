#!/usr/bin/env bash
# B-cosification without labels on Fashion-MNIST (issue "B-cosify without labels"), beside the labelled recipe of
# reproduce-fashion-mnist.sh, with the small DenseNet of the demo (32 px), the same epochs for every B-cos run:
#
#  A. the training images (all 60,000, or the first IMAGES): a standard DenseNet (the teacher) is pretrained on them with labels; then
#     - B-cosified and fine-tuned with the labels (bcos train --mode bcosify),
#     - B-cosified and distilled from the frozen teacher, labels unused (--mode distill: BCE against the teacher's
#       softmax, the default, and KL at T = 1),
#     - a B-cos DenseNet trained from scratch with the labels (--mode scratch).
#  B. images the teacher never saw: the teacher is pretrained on the first half of those images only; the
#     student is distilled on the second half without their labels (--train-offset); the labelled
#     B-cosification of the same teacher on the same second half (with its labels) is the reference.
#
# Every run validates on the 10,000 test images. Reported per run: final test top-1, agreement with the teacher,
# GridPG (2x2, 100 grids) and deletion / insertion AUC of W(x)x (500 test images, zero baseline); curves.svg
# draws the validation curves.
#
# usage: [IMAGES=N] tests/bench/reproduce-distill-fashion-mnist.sh [BUILD_DIR] [OUT_DIR] [EPOCHS]
# IMAGES (default 60000): the training images of case A; case B splits them in two halves.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build}
out=${2:-$root/build/reproduce-distill-fmnist}
epochs=${3:-4}
images=${IMAGES:-60000}
half=$((images / 2))
bcos="$build/app/bcos"
data=idx:/usr/share/datasets/fashion-mnist
classes="$root/resources/demo/fashion-mnist-classes.txt"
arch="$root/resources/demo/fashion-mnist-densenet.json"
mkdir -p "$out"
common=(--data "$data" --epochs "$epochs" --no-augment --image-size 32 --seed 0 --log-every 1000 --lr 1e-3)

train() { # name args... (skipped when the run's model exists: the script resumes where it stopped)
  local name=$1
  shift
  [[ -f "$out/$name/model.safetensors" ]] && return
  rm -rf "$out/$name"
  local start=$SECONDS
  "$bcos" train "$@" "${common[@]}" --out "$out/$name" > "$out/$name.log"
  echo "$name: $((SECONDS - start)) s" | tee -a "$out/times.txt" >&2
}

final() { # run column -> the last epoch's value ("val_top1" or "val_agreement") from metrics.jsonl
  python3 -c '
import json, sys
last = None
for line in open(sys.argv[1]):
    j = json.loads(line)
    if j["type"] == "epoch":
        last = j
v = last.get(sys.argv[2]) if last else None
print("–" if v is None else "%.2f %%" % (100 * v))' "$out/$1/metrics.jsonl" "$2"
}

gridpg() { # run -> mean GridPG score of W(x)x ("no grids": no image with sigmoid(max logit) > 0.5)
  "$bcos" evaluate gridpg --model "$out/$1/model.safetensors" --data "$data" --limit 2000 --grid 2 --method wxx \
    --max-grids 100 --out "$out/tmp.safetensors" 2>/dev/null | sed -n 's/^localisation score: mean \([0-9.]*\).*/\1/p' \
    || echo "no grids"
}

auc() { # run metric -> mean AUC of W(x)x
  "$bcos" evaluate "$2" --model "$out/$1/model.safetensors" --data "$data" --limit 500 --method wxx \
    --skip-zero-maps --out "$out/tmp.safetensors" | tail -n 1 | sed -n 's/^.*: mean \([-0-9.]*\) .*/\1/p'
}

# A. the teacher saw every training image.
all=(--train-limit "$images")
train A-teacher --mode pretrain --arch "$arch" --class-names "$classes" "${all[@]}"
teacher="$out/A-teacher/model.safetensors"
train A-bcosified --mode bcosify --weights "$teacher" "${all[@]}"
train A-distilled --mode distill --distill-loss bce --weights "$teacher" "${all[@]}"
train A-distilled-kl --mode distill --distill-loss kl --weights "$teacher" "${all[@]}"
train A-scratch --mode scratch --arch "$arch" --class-names "$classes" "${all[@]}"

# B. distillation on images the teacher was not trained on.
train B-teacher --mode pretrain --arch "$arch" --class-names "$classes" --train-limit "$half"
halfTeacher="$out/B-teacher/model.safetensors"
other=(--train-offset "$half" --train-limit "$half")
train B-bcosified --mode bcosify --weights "$halfTeacher" "${other[@]}"
train B-distilled --mode distill --distill-loss bce --weights "$halfTeacher" "${other[@]}"

{
  echo "| case | run | labels used | test top-1 | agrees with the teacher | GridPG W(x)x | deletion AUC W(x)x (lower) | insertion AUC W(x)x (higher) |"
  echo "|---|---|---|---|---|---|---|---|"
  for row in "A|A-teacher|standard teacher, ALL images|yes" "A|A-bcosified|B-cosified + fine-tuned|yes" \
             "A|A-distilled|B-cosified + distilled (BCE, T = 1)|no" \
             "A|A-distilled-kl|B-cosified + distilled (KL, T = 1)|no" "A|A-scratch|B-cos from scratch|yes" \
             "B|B-teacher|standard teacher, first HALF images|yes" \
             "B|B-bcosified|B-cosified + fine-tuned on the other HALF|yes" \
             "B|B-distilled|B-cosified + distilled on the other HALF|no"; do
    IFS='|' read -r case run label labels <<< "$row"
    label=${label//HALF/$(printf "%'d" "$half")}
    label=${label//ALL/$(printf "%'d" "$images")}
    if [[ $run == *teacher ]]; then
      echo "| $case | $label | $labels | $(final "$run" val_top1) | – | – | – | – |"
    else
      echo "| $case | $label | $labels | $(final "$run" val_top1) | $(final "$run" val_agreement) | $(gridpg "$run") |" \
           "$(auc "$run" deletion) | $(auc "$run" insertion) |"
    fi
  done
} > "$out/results.md"
rm -f "$out/tmp.safetensors"

/usr/bin/python3 "$here/plot_curves.py" "$out/curves.svg" "$out/A-bcosified" "$out/A-distilled" "$out/A-distilled-kl" \
  "$out/A-scratch" \
  "$out/B-bcosified" "$out/B-distilled"
cat "$out/results.md"

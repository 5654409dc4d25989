#!/usr/bin/env bash
# The attribution metrics of docs/metrics.md on the Fashion-MNIST demo models: deletion and insertion AUC, ROAD
# (MoRF and LeRF) and complexity for every method on the first LIMIT test images, as one markdown table with the
# mean and the 95 % bootstrap interval per cell, and a check that every method beats random on deletion and
# insertion (on the same model).
# Usage: tests/bench/metrics-fashion-mnist.sh [BUILD_DIR] [OUT_DIR] [SCRATCH_MODEL]
#   SCRATCH_MODEL: a B-cos model trained from scratch (see tests/bench/fashion-mnist/metrics.md for the command);
#   its rows are left out when it is not given. LIMIT=N in the environment: how many test images (500).
# Writes OUT_DIR/metrics.md and the per-image files OUT_DIR/<model>-<method>-<metric>.safetensors.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build}
out=${2:-$root/build/metrics-fmnist}
scratch=${3:-}
limit=${LIMIT:-500}
bcos="$build/app/bcos"
data=idx:/usr/share/datasets/fashion-mnist
# metric[:baseline]: deletion with the zero baseline (the default) and with the mean image. W(x)x of a B-cos network
# explains [x, 1-x], so black background pixels carry evidence through 1 - x; "deleting" them to zero changes
# nothing, and deletion with a zero baseline ranks W(x)x at the random floor (see metrics.md in OUT_DIR).
metrics=(deletion deletion:mean insertion road-morf road-lerf complexity)
mkdir -p "$out"
table="$out/metrics.md"

# model label, then the methods to score on it
rows=(
  "$root/resources/demo/fashion-mnist-densenet-bcos.safetensors|B-cosified demo|wxx gradcam ixg intgrad random"
  "$root/resources/demo/fashion-mnist-densenet.safetensors|standard demo|gradcam ixg intgrad random"
)
if [[ -n "$scratch" ]]; then
  rows+=("$scratch|B-cos from scratch|wxx gradcam ixg intgrad random")
fi

cell() { # metric[:baseline] model method file -> "mean [lo, hi]" (and the mean alone in $out/means.tsv)
  local text line skipped metric=${1%%:*} extra=()
  [[ "$1" == *:* ]] && extra=(--baseline "${1#*:}")
  # --skip-zero-maps: GradCAM's ReLU maps can be all zero (no order, no distribution); those images are left out
  # and counted in the cell.
  text=$("$bcos" evaluate "$metric" --model "$2" --data "$data" --limit "$limit" --method "$3" "${extra[@]}" \
           --skip-zero-maps --out "$4" 2> "$4.log")
  line=$(tail -n 1 <<< "$text")
  skipped=$(sed -n 's/^left out \([0-9]*\) of .*/\1/p' <<< "$text")
  printf '%s\t%s\t%s\t%s\n' "$2" "$3" "$1" "$(sed -n 's/^.*: mean \([-0-9.]*\) .*/\1/p' <<< "$line")" >> "$out/means.tsv"
  sed -n 's/^.*: mean \([-0-9.]*\) (95 % interval \([-0-9.]*\)\.\.\([-0-9.]*\),.*/\1 [\2, \3]/p' <<< "$line" | tr -d '\n'
  [[ -n "$skipped" ]] && printf ' (%s left out)' "$skipped"
  echo
}

: > "$out/means.tsv"
{
  echo "| model | method | deletion AUC, zero baseline (lower) | deletion AUC, mean baseline (lower) | insertion AUC (higher) | ROAD MoRF (lower) | ROAD LeRF (higher) | complexity (lower) |"
  echo "|---|---|---|---|---|---|---|---|"
} > "$table"
for row in "${rows[@]}"; do
  IFS='|' read -r model label methods <<< "$row"
  for method in $methods; do
    start=$SECONDS
    cells=""
    for metric in "${metrics[@]}"; do
      cells+=" $(cell "$metric" "$model" "$method" "$out/$(basename "$model" .safetensors)-$method-${metric/:/-}.safetensors") |"
    done
    echo "| $label | $method |$cells" >> "$table"
    echo "$label $method: $((SECONDS - start)) s" >&2
  done
done

# Every method against random on the same model: deletion lower, insertion higher.
echo >> "$table"
awk -F'\t' '
  $2 == "random" { random[$1 "|" $3] = $4 }
  { rows[NR] = $0 }
  END {
    for (i = 1; i <= NR; ++i) {
      split(rows[i], f, "\t")
      if (f[2] == "random" || (f[3] !~ /^deletion/ && f[3] != "insertion")) continue
      r = random[f[1] "|" f[3]]
      better = f[3] ~ /^deletion/ ? f[4] < r : f[4] > r
      n = split(f[1], parts, "/")
      printf "- %s, %s, %s: %s vs random %s: %s\n", parts[n], f[2], f[3], f[4], r, better ? "beats random" : "does NOT beat random"
    }
  }' "$out/means.tsv" >> "$table"
cat "$table"

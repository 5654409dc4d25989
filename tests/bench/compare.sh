#!/usr/bin/env bash
# The fixed benchmark set of the speed goals (tests/bench/README.md), one bcos-bench run per case, written as one
# JSON file (every result, with the machine's facts) and one Markdown table.
# Usage: tests/bench/compare.sh [BUILD_DIR] [OUT_DIR]
#   BUILD_DIR: a build configured with -DBCOS_BUILD_BENCHMARKS=ON (default: build). ITERS=N in the environment
#   overrides each case's iterations; DEVICE=cpu|cuda the device (default: bcos-bench's, cuda when available);
#   BENCH_ARGS more bcos-bench options for every case (e.g. --keep-denormals for the numbers before 2026-12-05).
# Writes OUT_DIR/bench.json and OUT_DIR/bench.md (default OUT_DIR: BUILD_DIR/bench).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build}
out=${2:-$build/bench}
bench="$build/tests/bench/bcos-bench"
if [[ ! -x "$bench" ]]; then
  echo "compare.sh: $bench not found: configure $build with -DBCOS_BUILD_BENCHMARKS=ON and build bcos-bench" >&2
  exit 2
fi
mkdir -p "$out"
device=()
[[ -n "${DEVICE:-}" ]] && device=(--device "$DEVICE")
read -r -a extra <<< "${BENCH_ARGS:-}"

# bcos-bench arguments | default iterations | the JSON fields reported, each as field=label
cases=(
  "explain --arch resnet18 --size 224|10|explain_ms=W(x)x, B-cos ResNet-18, 224 px, 1 image"
  "explain --arch resnet50 --size 224|5|explain_ms=W(x)x, B-cos ResNet-50, 224 px, 1 image"
  "slider --size 224|3|precompute_ms=CLIP RN50 per-location maps (49 locations), 224 px;slider_update_ms=CLIP cosine-power slider update"
  "train --arch $root/resources/demo/fashion-mnist-densenet.json --size 32 --batch 64|10|step_ms=training step, Fashion-MNIST DenseNet (B-cos, AGC, Adam), batch 64, 32 px"
)

json="$out/bench.json"
table="$out/bench.md"
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
{
  echo "Machine: $cpu, $(nproc) hardware threads, $(date -u +%Y-%m-%d)."
  echo
  echo "| workload | command | ms |"
  echo "|---|---|---|"
} > "$table"
echo "{\"cpu\": \"$cpu\", \"nproc\": $(nproc), \"date\": \"$(date -u +%FT%TZ)\", \"results\": [" > "$json"
first=1
for entry in "${cases[@]}"; do
  IFS='|' read -r args iters fields <<< "$entry"
  iters=${ITERS:-$iters}
  # shellcheck disable=SC2086 # the arguments are words
  result=$("$bench" $args --iters "$iters" "${device[@]}" "${extra[@]}")
  ((first)) || echo "," >> "$json"
  first=0
  printf '{"command": "bcos-bench %s --iters %s%s", "result": %s}' "${args//$root\//}" "$iters" "${BENCH_ARGS:+ $BENCH_ARGS}" "$result" >> "$json"
  IFS=';' read -r -a reported <<< "$fields"
  for item in "${reported[@]}"; do
    field=${item%%=*}
    label=${item#*=}
    value=$(python3 -c 'import json, sys; print("%.2f" % json.loads(sys.argv[1])[sys.argv[2]])' "$result" "$field")
    echo "| $label | \`bcos-bench ${args//$root\//} --iters $iters${BENCH_ARGS:+ $BENCH_ARGS}\` | $value |" >> "$table"
    echo "$label: $value ms" >&2
  done
done
echo "]}" >> "$json"
cat "$table"

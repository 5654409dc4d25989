#!/usr/bin/env bash
# The GPU machine's check, one script: builds core + CLI + the cuda test suite + bcos-bench against the machine's CUDA
# LibTorch (preset cuda, ninja; the fused B-cos kernels with nvcc), runs the `cuda`-labelled tests (golden cases on
# CUDA vs CPU, the fused kernels vs the ATen composition, a B-cosification epoch, a real CUDA out-of-memory, the
# Trainer on CUDA, NCCL collectives of one rank per GPU) and the benchmark set (training and explanation also with
# --no-fused, LibTorch's optimiser (--torch-optimizer) and as CUDA graphs (--cuda-graph)).
# Then one training epoch with the GPU's utilisation sampled, and `bcos train` of a B-cos ResNet-50 with and without
# --cuda-graphs. Everything lands under $OUT (default out/device): run.log, times.txt, ctest-cuda.log, bench/*.json,
# gpu-utilisation.txt, utilisation-metrics.csv, graphs-*.log.
#
# The GPU machine has LibTorch (a Python torch with CUDA) and the CUDA toolkit, but no Qt, OpenCV, fmt, GoogleTest,
# nlohmann-json, datasets or ../shared. Prepare in the checkout, on a Debian 12 machine:
#   ../shared/device/prepare-deps.sh .devicedeps && cp -r ../shared/golden .devicedeps/golden
# then, on the GPU machine, with .devicedeps carried along:   tests/device/run.sh
# Environment: BCOS_PYTHON (the python whose torch to build against; default python3), BCOS_GOLDEN_DIR (default
# ../shared/golden, else .devicedeps/golden), BCOS_JOBS (default: number of cores), OUT, BCOS_DEVICE_STEPS (which of
# "tests bench epoch graphs" run after the build; default all four: a second call on the same warm machine finds the
# build done, so the steps can be split over calls of the device's per-command limit), BCOS_DEVICE_ALLOW_NO_GPU=1
# (build and go on where torch finds no GPU; otherwise the script stops before the build, exit status 3).
# BCOS_DEVICE_TARGETS: what to build (default: the CLI, bcos-bench and the cuda suite, all the steps run: ~185 of the
# ~270 build steps, minutes of the device's time; "all" builds every target, the other test suites included).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
out=${OUT:-$root/out/device}
mkdir -p "$out/bench"
exec > >(tee "$out/run.log") 2>&1
cd "$root"
jobs=${BCOS_JOBS:-$(nproc)}
deps=$root/.devicedeps
build=$root/build-cuda
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.0f", b - a }'; }

golden=${BCOS_GOLDEN_DIR:-}
if [ -z "$golden" ]; then
  for candidate in "$root/../shared/golden" "$deps/golden"; do
    if [ -d "$candidate" ]; then golden=$candidate; break; fi
  done
fi
[ -n "$golden" ] || { echo "no golden data: set BCOS_GOLDEN_DIR or copy ../shared/golden to .devicedeps/golden" >&2; exit 2; }
[ -d "$deps/usr" ] || { echo "no $deps/usr: run ../shared/device/prepare-deps.sh .devicedeps first" >&2; exit 2; }

python=${BCOS_PYTHON:-python3}
torch_dir=$("$python" -c 'import os, torch; print(os.path.dirname(torch.__file__))' 2>/dev/null) \
  || { echo "$python cannot import torch: set BCOS_PYTHON to the python whose torch has CUDA" >&2; exit 2; }
echo "== machine"
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader || true
"$python" -c 'import torch; print("torch", torch.__version__, "CUDA", torch.version.cuda, "cuDNN", torch.backends.cudnn.version(), "GPUs", torch.cuda.device_count())' 2>/dev/null
echo "cores: $(nproc)  cmake: $(cmake --version | head -1)  $(g++ --version | head -1)  golden: $golden"
# No GPU for this torch (no driver, or one older than its CUDA needs): every step after the build would be skipped or
# fail, so stop before spending the device's minutes on the build (BCOS_DEVICE_ALLOW_NO_GPU=1 goes on: rehearse.sh).
if ! "$python" -c 'import sys, torch; sys.exit(0 if torch.cuda.device_count() > 0 else 1)' 2>/dev/null \
   && [ "${BCOS_DEVICE_ALLOW_NO_GPU:-0}" != 1 ]; then
  echo "torch finds no GPU here (torch.cuda.is_available(): a driver older than its CUDA, or none): stopping" >&2
  "$python" -c 'import torch; torch.cuda.init()' 2>&1 | tail -1 >&2 || true
  exit 3
fi
export LD_LIBRARY_PATH=$deps/usr/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}

# The fused B-cos kernels (preset cuda: BCOS_WITH_CUDA=ON) need nvcc; without it they are not built, their cuda tests
# are left out and the benchmarks run once, with the ATen composition.
fused=(); fused_exclude=()
if ! command -v nvcc >/dev/null && [ -x /usr/local/cuda/bin/nvcc ]; then export PATH=/usr/local/cuda/bin:$PATH; fi
if command -v nvcc >/dev/null; then
  echo "nvcc: $(nvcc --version | tail -1)"
else
  fused=(-DBCOS_WITH_CUDA=OFF); fused_exclude=(-E FusedBcosScaleCuda)
  echo "no nvcc on PATH or in /usr/local/cuda/bin: the fused CUDA kernels are NOT built (BCOS_WITH_CUDA=OFF)"
fi
echo "== configuring (preset cuda) against $torch_dir"
start=$(now)
cmake --preset cuda -DCMAKE_PREFIX_PATH="$torch_dir;$deps/usr" -DBCOS_GOLDEN_DIR="$golden" "${fused[@]}" \
  > "$out/configure.log" 2>&1 || { tail -40 "$out/configure.log"; exit 1; }
configure_s=$(elapsed "$start")
targets=${BCOS_DEVICE_TARGETS:-bcos bcos-bench bcos_cuda_tests}
target_args=(); [ "$targets" = all ] || for t in $targets; do target_args+=(--target "$t"); done
echo "== building ($targets) with $jobs jobs"
start=$(now)
cmake --build "$build" -j "$jobs" "${target_args[@]}" > "$out/build.log" 2>&1 \
  || { grep -m20 -B2 -A10 "error" "$out/build.log"; exit 1; }
build_s=$(elapsed "$start")
echo "configure ${configure_s} s, build ${build_s} s" | tee "$out/times.txt"

steps=" ${BCOS_DEVICE_STEPS:-tests bench epoch graphs} "
step() { [[ "$steps" == *" $1 "* ]]; }
status=0
if step tests; then
echo "== cuda tests"
start=$(now)
(cd "$build" && ctest -L cuda "${fused_exclude[@]}" --output-on-failure --timeout 900 -j 1) > "$out/ctest-cuda.log" 2>&1 \
  || status=$?
echo "cuda tests ${status} (exit status) in $(elapsed "$start") s" | tee -a "$out/times.txt"
tail -25 "$out/ctest-cuda.log"
# On this machine a skipped cuda test means LibTorch did not find the GPU: that is a failure, not a pass.
# The reasons are in ctest's full log (--output-on-failure leaves out skipped tests' output); `|| true`: under
# pipefail a grep that finds nothing would end the script before the benchmarks.
if grep -q "Not Run\|Skipped" "$out/ctest-cuda.log"; then
  echo "cuda tests were skipped on a GPU machine:" >&2
  { grep "(Skipped)\|Not Run" "$out/ctest-cuda.log" || true; } | head -5 >&2
  { grep -A1 ": Skipped$" "$build/Testing/Temporary/LastTest.log" 2>/dev/null || true; } | head -2 >&2
  status=1
fi
fi # tests

if step bench; then
echo "== benchmarks (bcos-bench --device cuda)"
bench=$build/tests/bench/bcos-bench
run_bench() {
  local name=$1; shift
  if "$bench" "$@" --device cuda > "$out/bench/$name.json" 2> "$out/bench/$name.err"; then
    echo "$name: $(cat "$out/bench/$name.json")"
  else
    echo "$name: FAILED ($(tail -1 "$out/bench/$name.err"))"
    status=1
  fi
}
start=$(now)
run_bench explain-resnet18 explain --arch resnet18 --iters 20
run_bench explain-resnet50 explain --arch resnet50 --iters 20
run_bench explain-resnet50-batch64 explain --arch resnet50 --batch 64 --iters 10
run_bench train-resnet18 train --arch resnet18 --batch 64 --iters 10
run_bench train-resnet18-torch-optimizer train --arch resnet18 --batch 64 --iters 10 --torch-optimizer
run_bench train-resnet50 train --arch resnet50 --batch 64 --iters 10
run_bench train-resnet50-torch-optimizer train --arch resnet50 --batch 64 --iters 10 --torch-optimizer
run_bench train-resnet18-bf16-nhwc train --arch resnet18 --batch 64 --iters 10 --bf16 --channels-last
if [ ${#fused[@]} -eq 0 ]; then # the same workloads with the ATen composition instead of the fused B-cos kernels
  run_bench explain-resnet18-no-fused explain --arch resnet18 --iters 20 --no-fused
  run_bench train-resnet18-no-fused train --arch resnet18 --batch 64 --iters 10 --no-fused
  run_bench train-resnet18-bf16-nhwc-no-fused train --arch resnet18 --batch 64 --iters 10 --bf16 --channels-last --no-fused
fi
# CUDA graphs (core/cudagraph.h): the W(x)x pass, and forward + backward + AGC of a training step, as one
# captured graph each; "graph_check" in the JSON compares them with eager passes.
run_bench explain-resnet18-graph explain --arch resnet18 --iters 20 --cuda-graph
run_bench explain-resnet50-graph explain --arch resnet50 --iters 20 --cuda-graph
run_bench explain-resnet50-batch64-graph explain --arch resnet50 --batch 64 --iters 10 --cuda-graph
run_bench train-resnet18-graph train --arch resnet18 --batch 64 --iters 10 --cuda-graph
run_bench train-resnet50-graph train --arch resnet50 --batch 64 --iters 10 --cuda-graph
run_bench slider-rn50 slider --size 224 --iters 20
# The per-location maps from one forward pass and a backward pass per location (the CPU's default) against the
# batched passes above (the GPU's default, ClipPasses::Automatic): which pays on the GPU.
run_bench slider-rn50-one-forward slider --size 224 --iters 20 --clip-passes one-forward
# Per-operator GPU time (--profile: a CUDA event where each operator starts and ends), fp32 against bf16 +
# channels-last and for one explanation: GPU II's per-kernel profile before/after.
run_bench profile-train-resnet50 train --arch resnet50 --batch 64 --iters 3 --profile 25
run_bench profile-train-resnet50-bf16-nhwc train --arch resnet50 --batch 64 --iters 3 --bf16 --channels-last --profile 25
run_bench profile-explain-resnet50 explain --arch resnet50 --iters 3 --profile 25
run_bench forward-vit-s forward --arch simple_vit_s_patch16_224 --batch 8 --iters 10
echo "benchmarks in $(elapsed "$start") s" | tee -a "$out/times.txt"
fi # bench
idx=$build/idx-noise
if step epoch; then

# GPU II's data path: one epoch of `bcos train` whose loader workers crop 16,384 noise images up to 224 px while
# nvidia-smi samples the GPU's utilisation every 200 ms (no datasets on this machine: write-idx.py makes them).
echo "== GPU utilisation over a training epoch (bcosify the demo DenseNet, 224 px crops, 8 loader workers)"
rm -rf "$build/utilisation-run"
"$python" "$root/tests/device/write-idx.py" "$idx" 16384
nvidia-smi --query-gpu=utilization.gpu --format=csv,noheader,nounits --loop-ms=200 > "$out/gpu-utilisation.txt" 2>/dev/null &
sampler=$!
start=$(now)
if "$build/app/bcos" train --mode bcosify --weights "$root/resources/demo/fashion-mnist-densenet.safetensors" \
     --data "idx:$idx" --epochs 1 --batch-size 256 --image-size 224 --workers 8 --device cuda --log-every 16 \
     --out "$build/utilisation-run" > "$out/utilisation-run.log" 2>&1; then
  kill "$sampler" 2>/dev/null || true
  cp "$build/utilisation-run/metrics.csv" "$out/utilisation-metrics.csv"
  seconds=$(awk -F, 'NR == 2 { print $NF }' "$out/utilisation-metrics.csv")
  sort -n "$out/gpu-utilisation.txt" | awk -v s="$seconds" '{ v[NR] = $1; sum += $1 } END {
    if (NR) printf "epoch %.1f s (%.0f img/s): GPU utilisation mean %.0f %%, median %.0f %% over %d samples\n",
                  s, 16384 / s, sum / NR, v[int((NR + 1) / 2)], NR }' | tee -a "$out/times.txt"
else
  kill "$sampler" 2>/dev/null || true
  echo "utilisation run FAILED ($(tail -1 "$out/utilisation-run.log"))"
  status=1
fi
echo "utilisation run in $(elapsed "$start") s" | tee -a "$out/times.txt"
fi # epoch
step graphs || exit "$status"

# `bcos train --cuda-graphs` (whole steps replayed as one graph each, Trainer::graphStep) against the same run
# stepped eagerly: a B-cos ResNet-50 from scratch, batch 64, 224 px, Adam + AGC, 2,048 images (32 steps; the
# logged img/s after the warm-up and the capture are the ones to read), 8 loader workers.
echo "== bcos train with and without --cuda-graphs (B-cos ResNet-50, batch 64, 224 px)"
[ -f "$idx/train-images-idx3-ubyte" ] || "$python" "$root/tests/device/write-idx.py" "$idx" 16384
for variant in eager graphs; do
  flags=(); [ "$variant" = graphs ] && flags=(--cuda-graphs)
  rm -rf "$build/graphs-run-$variant"
  if "$build/app/bcos" train --mode scratch --arch resnet50 --data "idx:$idx" --train-limit 2048 --val-limit 64 \
       --epochs 1 --batch-size 64 --image-size 224 --workers 8 --device cuda --log-every 4 "${flags[@]}" \
       --out "$build/graphs-run-$variant" > "$out/graphs-$variant.log" 2>&1; then
    echo "$variant: $(grep -i 'cuda graphs' "$out/graphs-$variant.log" | head -2 | tr '\n' ' ')"
    { grep -E 'img/s' "$out/graphs-$variant.log" || true; } | tail -3
  else
    echo "graphs run $variant FAILED ($(tail -1 "$out/graphs-$variant.log"))"
    status=1
  fi
done
exit "$status"

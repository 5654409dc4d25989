#!/usr/bin/env bash
# Builds the libFuzzer targets (CMake preset "fuzz", clang + ASan + UBSan) and runs each one for
# SECONDS_PER_TARGET seconds (default 60) over its seed corpus tests/fuzz/corpus/<target>.
#
#   tests/fuzz/run-fuzzers.sh [SECONDS_PER_TARGET]
#
# Environment: BCOS_FUZZ_TARGETS (space-separated subset, default all), BCOS_FUZZ_RUNS (also stop a target
# after this many executions, whichever comes first; default no limit), BCOS_FUZZ_BUILD_DIR (default
# build-fuzz), BCOS_JOBS (build jobs, default nproc), BCOS_FUZZ_SUMMARY (the summary table's file, default
# $BUILD/logs/summary.txt; give each of several concurrent runs its own). New inputs go to $BUILD/corpus/<target> (the committed
# seeds stay untouched); crashes are written to $BUILD/crashes/<target>-crash-<sha1> and fail the script.
# See docs/fuzzing.md.
set -euo pipefail

seconds=${1:-60}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${BCOS_FUZZ_BUILD_DIR:-$root/build-fuzz}
jobs=${BCOS_JOBS:-$(nproc)}
all=(safetensors_fuzz pickle_fuzz torchzip_fuzz ckpt_fuzz idx_fuzz cifar_fuzz image_fuzz archjson_fuzz tokenizer_fuzz)
read -r -a targets <<<"${BCOS_FUZZ_TARGETS:-${all[*]}}"

echo "== configuring the fuzz preset in $build"
cmake --preset fuzz -S "$root" -B "$build" >/dev/null
echo "== building ${#targets[@]} fuzz targets with $jobs jobs"
cmake --build "$build" -j "$jobs" --target "${targets[@]}"

# LibTorch and OpenCV are not instrumented (Debian builds, gcc/libstdc++); docs/fuzzing.md says what that
# means for the reports. The environment wins when it sets these.
# LSan: torch::jit::load (TorchScript archives, reached through loadWeightsFile) leaks ~1 kB inside
# libtorch_cpu.so when it rejects a broken archive; tests/io/lsan.supp suppresses leaks in that library only.
export ASAN_OPTIONS=${ASAN_OPTIONS:-}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/tests/io/lsan.supp}
export OMP_NUM_THREADS=1

mkdir -p "$build/crashes" "$build/logs"
summary=${BCOS_FUZZ_SUMMARY:-$build/logs/summary.txt}
failed=()
printf '%-18s %14s %10s %8s %s\n' target executions exec/s cover result >"$summary"
for target in "${targets[@]}"; do
  name=${target%_fuzz}
  seeds=$root/tests/fuzz/corpus/$name
  work=$build/corpus/$name
  mkdir -p "$work"
  options=(-max_total_time="$seconds" -timeout=30 -rss_limit_mb=3072 -max_len=65536 -print_final_stats=1
           -artifact_prefix="$build/crashes/$target-")
  [ -n "${BCOS_FUZZ_RUNS:-}" ] && options+=(-runs="$BCOS_FUZZ_RUNS")
  [ -f "$root/tests/fuzz/$name.dict" ] && options+=(-dict="$root/tests/fuzz/$name.dict")
  echo "== $target: ${seconds}s over $seeds"
  log=$build/logs/$target.log
  result=ok
  "$build/tests/fuzz/$target" "${options[@]}" "$work" "$seeds" >"$log" 2>&1 || result=FAILED
  executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  cover=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  printf '%-18s %14s %10s %8s %s\n' "$target" "${executions:-?}" "${speed:-?}" "${cover:-?}" "$result" \
    | tee -a "$summary"
  if [ "$result" != ok ]; then
    failed+=("$target")
    tail -n 60 "$log"
  fi
done
echo "== summary ($summary)"
cat "$summary"
if ((${#failed[@]})); then
  echo "== fuzz targets that failed: ${failed[*]} (inputs in $build/crashes)" >&2
  exit 1
fi

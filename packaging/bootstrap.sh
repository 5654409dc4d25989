#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine: installs what B-cos Studio needs (idempotent), builds it,
# then either starts the studio with the demo or runs every test.
#
#   packaging/bootstrap.sh studio   install + build + launch bcos-studio (demo preloaded)
#   packaging/bootstrap.sh test     install + build + run all tests through ctest; then the Qt-free core, CLI and
#                                   core tests once more against PyPI's LibTorch 2.x with CUDA (preset torch2, run
#                                   on the CPU), and the sanitizer checks: the asan preset's core + CLI tests and
#                                   each fuzz target for 20 s
#
# Environment: BCOS_BUILD_DIR (default: build), BCOS_JOBS (default: number of cores),
# BCOS_TORCH2_CHECKS=0 (test mode: skip the LibTorch 2.x build), BCOS_TORCH2_VERSION (default 2.11.0, what the GPU
# machines have), BCOS_SANITIZER_CHECKS=0 (test mode: skip the ASan tests and the fuzz run), BCOS_FUZZ_SECONDS
# (default 20).
set -euo pipefail

mode=${1:-}
case "$mode" in
  studio|test) ;;
  *) echo "usage: $0 studio|test" >&2; exit 2 ;;
esac

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Each step's line says when it started (minutes:seconds since this script did): CI has 90 minutes for test mode.
step() { printf '== [%d:%02d] %s\n' $((SECONDS / 60)) $((SECONDS % 60)) "$*"; }
build=${BCOS_BUILD_DIR:-$root/build}
jobs=${BCOS_JOBS:-$(nproc)}

# Debian packages: toolchain, LibTorch (CPU), Qt 6, OpenCV, fmt, json, GoogleTest, OpenBLAS (LibTorch's
# BLAS through the libblas.so.3 alternative; ~10x faster than the reference BLAS), the demo dataset,
# Xvfb for offscreen screenshots, python3-torch to check our readers against real torch.save files, and
# for the package test (ctest -L packaging): dpkg-dev (dpkg-shlibdeps), desktop-file-utils, appstream and
# shared-mime-info to validate the desktop integration, and
# clang with its sanitizer/libFuzzer runtimes and llvm-symbolizer for the fuzz targets (docs/fuzzing.md), and
# python3-venv for the cached PyPI torch of the LibTorch 2.x build. libgloo-dev: the gloo headers that
# LibTorch's c10d ProcessGroupGloo.hpp includes (distributed training; the runtime libgloo0 comes with libtorch).
packages=(
  build-essential cmake ninja-build ccache pkg-config zlib1g-dev
  libtorch-dev libgloo-dev libopenblas0-pthread
  qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools
  qt6-l10n-tools linguist-qt6 qt6-qpa-plugins libqt6opengl6-dev
  libopencv-dev libfmt-dev nlohmann-json3-dev libgtest-dev libgmock-dev
  dataset-fashion-mnist python3-torch xvfb xauth
  dpkg-dev desktop-file-utils appstream shared-mime-info
  clang libclang-rt-14-dev llvm python3-venv
)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "== installing ${#missing[@]} Debian packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The test mode's builds take ~22 GB beside the sources (build 10, build-asan 9, build-torch2 and build-fuzz 3) plus
# the cached PyPI torch (5) on its first run; a full disk shows up late, as a linker's "No space left on device".
if [ "$mode" = test ]; then
  free_gb=$(df -P -k "$root" | awk 'NR == 2 { print int($4 / 1048576) }')
  if [ "${free_gb:-0}" -lt 25 ]; then
    echo "== warning: ${free_gb} GB free on the disk of $root; 'bootstrap.sh test' needs about 25 GB" \
         "(build dirs + PyPI torch); builds already present there need less" >&2
  fi
fi

# ccache (installed above) is the compiler launcher the project sets itself (cmake/bcosccache.cmake).
step "configuring in $build"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
step "building with $jobs jobs"
cmake --build "$build" -j "$jobs"

if [ "$mode" = test ]; then
  step "running tests"
  (cd "$build" && QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j "$jobs" --timeout 900)
  if [ "${BCOS_TORCH2_CHECKS:-1}" != 0 ]; then
    # What GPU users build against: PyPI's torch (CUDA build; its LibTorch, fmt v12 headers and all), installed once
    # into a cached venv. The CUDA toolkit (nvcc) must be there for its CMake files; the tests run on the CPU.
    torch2_version=${BCOS_TORCH2_VERSION:-2.11.0}
    torch2_venv=${XDG_CACHE_HOME:-$HOME/.cache}/bcos-studio/torch-$torch2_version
    torch2_import="import os, torch; assert torch.__version__.split('+')[0] == '$torch2_version'; print(os.path.dirname(torch.__file__))"
    if ! torch2_dir=$("$torch2_venv/bin/python" -c "$torch2_import" 2>/dev/null); then
      step "installing PyPI torch==$torch2_version (CUDA build) into $torch2_venv"
      rm -rf "$torch2_venv"
      python3 -m venv "$torch2_venv"
      "$torch2_venv/bin/pip" install --quiet --disable-pip-version-check "torch==$torch2_version"
      torch2_dir=$("$torch2_venv/bin/python" -c "$torch2_import" 2>/dev/null)
    fi
    # nvcc compiles the fused CUDA kernels (BCOS_WITH_CUDA in the preset); Debian puts it on PATH only in login shells.
    if ! command -v nvcc >/dev/null && [ -x /usr/local/cuda/bin/nvcc ]; then export PATH=$PATH:/usr/local/cuda/bin; fi
    step "Qt-free build against LibTorch $torch2_version from $torch2_dir (preset torch2)"
    cmake --preset torch2 -S "$root" -DCMAKE_PREFIX_PATH="$torch2_dir" >/dev/null
    cmake --build "$root/build-torch2" -j "$jobs"
    # (-LE: portability reruns CPU kernels under other instruction sets, the default build runs them; packaging makes
    # a .deb, whose dependencies are Debian's LibTorch.)
    (cd "$root" && ctest --preset torch2 -j "$jobs" --timeout 900 -LE 'portability|packaging')
  fi
  if [ "${BCOS_SANITIZER_CHECKS:-1}" != 0 ]; then
    # The core and CLI tests again under ASan + UBSan (preset asan: gcc, Debug, no GUI), with the precompiled
    # LibTorch headers on to halve the build time (the preset keeps them off to catch missing includes).
    step "ASan + UBSan build of the core and CLI tests (preset asan)"
    cmake --preset asan -S "$root" -DBCOS_USE_PCH=ON >/dev/null
    cmake --build "$root/build-asan" -j "$jobs"
    # allocator_may_return_null: an impossible allocation (the out-of-memory tests ask for terabytes) returns
    # null to LibTorch, which throws the error our messages are made from, instead of ASan aborting.
    (cd "$root" && ASAN_OPTIONS=${ASAN_OPTIONS:-allocator_may_return_null=1} \
       UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
       LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/tests/io/lsan.supp} \
       ctest --preset asan -j "$jobs" --timeout 1800 -LE 'portability|packaging')
    # (-LE: portability reruns the numerical suites under other CPU kernels, packaging builds the .deb; the default
    # build runs both, under ASan they would only add time to CI's 90 minutes.)
    # Every libFuzzer target (preset fuzz: clang, ASan + UBSan) over its seed corpus for a short time.
    step "fuzz targets, ${BCOS_FUZZ_SECONDS:-20} s each"
    BCOS_JOBS=$jobs "$root/tests/fuzz/run-fuzzers.sh" "${BCOS_FUZZ_SECONDS:-20}"
  fi
  step "every test passed"
else
  echo "== starting B-cos Studio"
  exec "$build/app/studio/bcos-studio" --demo
fi

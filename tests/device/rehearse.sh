#!/usr/bin/env bash
# Rehearses tests/device/run.sh on this Debian machine as the GPU machine will meet it: in a private mount namespace
# where the system's development packages that machine lacks are hidden (fmt, GoogleTest, nlohmann-json, gloo,
# Debian's LibTorch, Qt, OpenCV: their headers, CMake packages and libraries), with CMake 4 and ninja from PyPI and
# PyPI's CUDA torch (packaging/bootstrap.sh test installs it). So the device's configure and build, and the script's
# own flow, are checked before a device run is spent on them. There is no GPU here: the cuda tests skip (run.sh
# reports that as a failure, as it must on a GPU machine) and the GPU steps fail at once; what counts is that the
# build finishes. Needs root (unshare -m) and ~30 min on 2 cores (the same objects are ccache hits after).
#
# usage: tests/device/rehearse.sh [OUT]     (default out/rehearsal; BCOS_DEVICE_STEPS as for run.sh, default tests)
# Found this way (2026-12-07): the build failed in core/train/distributedgroup.cpp, as LibTorch 2.x defines
# USE_C10D_GLOO for every compile while PyPI's torch has no gloo headers (fixed: BCOS_C10D_GLOO).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
out=$(realpath -m "${1:-$root/out/rehearsal}")
cache=${XDG_CACHE_HOME:-$HOME/.cache}/bcos-studio
torch_python=$cache/torch-${BCOS_TORCH2_VERSION:-2.11.0}/bin/python
tools=$cache/cmake4

[ "$(id -u)" = 0 ] || { echo "rehearse.sh: needs root for a private mount namespace (unshare -m)" >&2; exit 2; }
"$torch_python" -c 'import torch' 2>/dev/null \
  || { echo "rehearse.sh: no PyPI torch at $torch_python: run packaging/bootstrap.sh test first" >&2; exit 2; }
if ! "$tools/bin/cmake" --version 2>/dev/null | grep -q 'version [4-9]'; then
  echo "== CMake 4 and ninja from PyPI into $tools"
  python3 -m venv "$tools"
  "$tools/bin/pip" install --quiet --disable-pip-version-check 'cmake>=4' ninja
fi
if [ ! -d "$root/.devicedeps/usr" ]; then
  echo "== .devicedeps (fmt, GoogleTest, nlohmann-json unpacked from Debian's packages)"
  "$root/../shared/device/prepare-deps.sh" "$root/.devicedeps"
fi
mkdir -p "$out"
rm -f "$out/times.txt" # run.sh writes it once the build has succeeded: a stale one would say so of this run

# Inside the namespace: bind an empty directory over each hidden directory and /dev/null over each hidden library.
hide='
empty=$(mktemp -d)
for d in /usr/lib/x86_64-linux-gnu/cmake /usr/share/cmake /usr/include/fmt /usr/include/gtest /usr/include/gmock \
         /usr/include/nlohmann /usr/include/gloo /usr/include/torch /usr/include/ATen /usr/include/c10 \
         /usr/include/caffe2 /usr/include/opencv4 /usr/include/x86_64-linux-gnu/qt6 /usr/lib/x86_64-linux-gnu/qt6; do
  [ -e "$d" ] && mount --bind "$empty" "$d"
done
for f in /usr/lib/x86_64-linux-gnu/libfmt.so /usr/lib/x86_64-linux-gnu/libgtest.a \
         /usr/lib/x86_64-linux-gnu/libgtest_main.a /usr/lib/x86_64-linux-gnu/libgmock.a \
         /usr/lib/x86_64-linux-gnu/libtorch.so /usr/lib/x86_64-linux-gnu/libc10.so; do
  [ -e "$f" ] && mount --bind /dev/null "$f"
done
if [ -n "$(find /usr/include/fmt /usr/include/gtest -mindepth 1 | head -1)" ]; then
  echo "rehearse.sh: could not hide the system headers" >&2; exit 2
fi
'
status=0
unshare -m --propagation private env PATH="$tools/bin:$PATH" OUT="$out" BCOS_PYTHON="$torch_python" \
  BCOS_DEVICE_ALLOW_NO_GPU=1 BCOS_DEVICE_STEPS="${BCOS_DEVICE_STEPS:-tests}" bash -c "$hide"'
  exec "$0"' "$root/tests/device/run.sh" || status=$?
echo "== rehearsal: run.sh exit status $status (the GPU steps fail here by design)"
if grep -q '^configure .* s, build .* s$' "$out/times.txt" 2>/dev/null; then
  echo "the device build succeeded: $(head -1 "$out/times.txt")"
else
  echo "the device build FAILED: see $out/configure.log and $out/build.log" >&2
  exit 1
fi

#!/bin/sh
# Screenshots of the studio's panels under Xvfb: bcos-studio --screenshot grabs its own panels
# (QWidget::grab) after loading the demo (model + Fashion-MNIST images), B-cosifying the demo model and computing
# the explanation columns, so no external capture tool is needed. The demo model is looked up as the studio does
# ($BCOS_DEMO_MODEL, <install>/share/bcos-studio/demo, resources/demo); without it the maps stay empty.
# Usage: tests/widgets/screenshots.sh [build-dir]   -> <build-dir>/screenshots/{window,browser,grid,log,training}.png
set -eu
build=${1:-build}
out="$build/screenshots"
studio="$build/app/studio/bcos-studio"
[ -x "$studio" ] || { echo "screenshots.sh: $studio not built (ninja -C $build bcos-studio)" >&2; exit 2; }
mkdir -p "$out"
# A private settings/cache home, so screenshots never depend on (or change) the user's settings.
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_CACHE_HOME="$home/cache" \
  xvfb-run -a -s "-screen 0 1600x1000x24" "$studio" --screenshot "$out"
ls -l "$out"

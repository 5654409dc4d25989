#!/bin/sh
# Screenshots of the studio's panels under Xvfb: bcos-studio --screenshot walks the researcher's flow on the demo
# and grabs its own panels (QWidget::grab), so no external capture tool is needed: the demo as it opens (the
# original's GradCAM next to the fine-tuned B-cos model's W(x)x), the panels after Model > B-cosify (before and
# after fine-tuning side by side) with the grid's figure exports, and the demo CLIP with the prompt "a photo of a
# sneaker" (window, prompts dock, the mosaics' prompt maps at the lowest and highest cosine power). The demo files
# are looked up as the studio does ($BCOS_DEMO_MODEL, <install>/share/bcos-studio/demo, resources/demo).
# Usage: tests/widgets/screenshots.sh [build-dir]   -> <build-dir>/screenshots/*.png (app/studio/screenshots.h)
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

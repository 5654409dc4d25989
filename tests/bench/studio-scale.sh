#!/bin/sh
# The studio at dataset scale (issue #22): opens generated Fashion-MNIST folders with the demo model, scrolls the
# browser, sorts by confidence, scrolls the grid (--exercise-browser), and reports peak resident memory (above the
# empty studio), when the images were listed and all predicted, where the prediction jobs' time went (reading inputs
# vs forward passes) and the GUI-thread stalls (--measure-stalls: a 10 ms timer's lateness). Then `bcos evaluate
# accuracy` reads the same PNG files (class folders) as the baseline of the prediction rate. Prints Markdown tables.
# Needs a build with the studio (default preset) and python3. Run it on an otherwise idle machine.
#
# usage: tests/bench/studio-scale.sh [BUILD_DIR]      (env: DATA=fashion-mnist dir, WORK=scratch dir,
#                                                       CASES="empty:0:28 f28:50000:28 f224:5000:224", SECONDS_PER_RUN=120)
set -eu
BUILD=${1:-build}
DATA=${DATA:-/usr/share/datasets/fashion-mnist}
WORK=${WORK:-/tmp/bcos-studio-scale}
CASES=${CASES:-"empty:0:28 f28:50000:28 f224:5000:224"}
RUN_S=${SECONDS_PER_RUN:-120}
MODEL=resources/demo/fashion-mnist-densenet-bcos.safetensors
STUDIO=$BUILD/app/studio/bcos-studio
BCOS=$BUILD/app/bcos
[ -x "$STUDIO" ] || { echo "studio-scale.sh: $STUDIO not built (cmake --preset default && ninja -C build)" >&2; exit 2; }
[ -x "$BCOS" ] || { echo "studio-scale.sh: $BCOS not built (ninja -C build bcos)" >&2; exit 2; }
[ -d "$DATA" ] || { echo "studio-scale.sh: $DATA missing (Debian's dataset-fashion-mnist, or DATA=DIR)" >&2; exit 2; }
mkdir -p "$WORK/home"
# A first launch would open the demo: launch once so the runs below open only what they are given.
env QT_QPA_PLATFORM=offscreen HOME="$WORK/home" "$STUDIO" --quit-after-ms 0 > /dev/null 2>&1 || true

echo "| case | images | peak RSS MB | above empty MB | listed s | all predicted s | predictions img/s | jobs: read / forward s | stall p50 / p99 / max ms | ticks > 50 ms |"
echo "|---|---|---|---|---|---|---|---|---|---|"
EMPTY_KB=
for case in $CASES; do
    name=${case%%:*}; rest=${case#*:}; n=${rest%%:*}; side=${rest#*:}
    folder="$WORK/$name"
    if [ "$(find "$folder" -name '*.png' 2>/dev/null | wc -l)" != "$n" ]; then # class folders of PNGs
        rm -rf "$folder"; mkdir -p "$folder"
        [ "$n" -gt 0 ] && python3 tests/bench/make-image-folder.py "$DATA" "$folder" "$n" "$side"
    fi
    report="$WORK/$name.json"
    rm -f "$report"
    /usr/bin/time -f "%M" -o "$WORK/$name.rss" env QT_QPA_PLATFORM=offscreen HOME="$WORK/home" OMP_NUM_THREADS=2 \
        "$STUDIO" --measure-stalls "$report" --exercise-browser --quit-after-ms $((RUN_S * 1000)) "$MODEL" "$folder" \
        > "$WORK/$name.log" 2>&1 || true
    kb=$(tail -1 "$WORK/$name.rss")
    [ -z "$EMPTY_KB" ] && EMPTY_KB=$kb
    python3 - "$report" "$name" "$n" "$kb" "$EMPTY_KB" <<'PY'
import json, sys
report, name, n, kb, empty = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
r = json.load(open(report))
m, v = r.get("marks", {}), r.get("values", {})
listed = m.get("listed_s"); predicted = m.get("all_predicted_s")
rate = f"{n / predicted:.0f}" if predicted and n else "–"
f = lambda x: f"{x:.1f}" if isinstance(x, (int, float)) else "–"
jobs = f"{f(v.get('prediction_read_s'))} / {f(v.get('prediction_forward_s'))}" if n else "–"
print(f"| {name} | {n} | {kb / 1024:.0f} | {(kb - empty) / 1024:.0f} | {f(listed)} | {f(predicted)} | {rate} | {jobs} | "
      f"{r['p50_ms']:.1f} / {r['p99_ms']:.1f} / {r['max_ms']:.0f} | {r['over_50_ms']} of {r['ticks']} |")
PY
done

echo
echo "Baseline: \`bcos evaluate accuracy --model $MODEL --data FOLDER\` on the same PNG files (decode, resize, predict;"
echo "process start to exit), and on the IDX test split (10,000 images, no PNG decoding):"
echo
echo "| data | images | wall s | img/s | top-1 |"
echo "|---|---|---|---|---|"
timed() { # name, images, --data value
    start=$(date +%s.%N)
    top1=$(OMP_NUM_THREADS=2 "$BCOS" evaluate accuracy --model "$MODEL" --data "$3" | sed -n 's/^top-1 accuracy: //p')
    end=$(date +%s.%N)
    python3 -c "print(f'| $1 | $2 | {$end - $start:.1f} | {$2 / ($end - $start):.0f} | $top1 |')"
}
for case in $CASES; do
    name=${case%%:*}; rest=${case#*:}; n=${rest%%:*}
    [ "$n" -gt 0 ] && timed "$name (PNG folder)" "$n" "$WORK/$name"
done
timed "IDX test split" 10000 "idx:$DATA"

"""Validation top-1 per epoch of several bcos train runs as one SVG line chart (no plotting library needed).
usage: plot_curves.py OUT.svg RUN_DIR..."""
import csv
import os
import sys

W, H, L, R, T, B = 720, 420, 60, 200, 20, 50
COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"]


def read(run):
    with open(os.path.join(run, "metrics.csv")) as f:
        return [(int(r["epoch"]), float(r["val_top1"])) for r in csv.DictReader(f)]


def main():
    out, runs = sys.argv[1], sys.argv[2:]
    series = [(os.path.basename(r), read(r)) for r in runs]
    max_epoch = max(e for _, pts in series for e, _ in pts)
    lo = min(0.5, min(a for _, pts in series for _, a in pts))
    x = lambda e: L + (W - L - R) * (e - 1) / max(1, max_epoch - 1)
    y = lambda a: T + (H - T - B) * (1 - (a - lo) / (1 - lo))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">',
             f'<rect width="{W}" height="{H}" fill="white"/>',
             f'<line x1="{L}" y1="{H - B}" x2="{W - R}" y2="{H - B}" stroke="black"/>',
             f'<line x1="{L}" y1="{T}" x2="{L}" y2="{H - B}" stroke="black"/>',
             f'<text x="{(L + W - R) / 2}" y="{H - 15}" text-anchor="middle">epoch</text>',
             f'<text x="15" y="{(T + H - B) / 2}" transform="rotate(-90 15 {(T + H - B) / 2})" text-anchor="middle">validation top-1</text>']
    for e in range(1, max_epoch + 1):
        parts.append(f'<text x="{x(e)}" y="{H - B + 16}" text-anchor="middle">{e}</text>')
    for i in range(6):
        a = lo + (1 - lo) * i / 5
        parts.append(f'<text x="{L - 6}" y="{y(a) + 4}" text-anchor="end">{a:.2f}</text>')
    for k, (name, pts) in enumerate(series):
        c = COLOURS[k % len(COLOURS)]
        dash = ' stroke-dasharray="6 3"' if name.startswith("resnet") else ""
        path = " ".join(f"{x(e):.1f},{y(a):.1f}" for e, a in pts)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{c}" stroke-width="2"{dash}/>')
        parts.append(f'<text x="{W - R + 10}" y="{T + 18 * (k + 1)}" fill="{c}">{name}</text>')
    parts.append("</svg>")
    with open(out, "w") as f:
        f.write("\n".join(parts))


if __name__ == "__main__":
    main()

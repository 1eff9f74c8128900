#!/usr/bin/env python3
"""Draws docs/img/solve-time.svg (seconds to a plan against binaries, log scale) from the
optimizer table of docs/benchmarks.md: reads rows `| size | binaries | backend | status | margin | gap | seconds |`."""
import math, re, sys

rows = {}
for line in open(sys.argv[1] if len(sys.argv) > 1 else "docs/benchmarks.md", encoding="utf-8"):
    m = re.match(r"\| [0-9×]+ \| (\d+) \| (\w+) \| (\w+) \| [^|]+ \| ([^|]+) \| ([0-9.]+) \|", line)
    if m:
        rows.setdefault(m.group(2), []).append((int(m.group(1)), float(m.group(5)), m.group(3)))
W, H, X0, X1, Y0, Y1 = 640, 320, 60, 580, 60, 260
lx = lambda b: X0 + (math.log10(b) - 2) / (math.log10(20000) - 2) * (X1 - X0)
ly = lambda s: Y1 - (math.log10(max(s, 0.1)) + 1) / 4 * (Y1 - Y0)  # 0.1 s .. 1000 s
colors = {"bnb": "#1b7837", "cbc": "#762a83", "scip": "#2166ac", "highs": "#b2182b", "cpsat": "#8c510a"}
out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="11">',
       f'<text x="{W/2}" y="18" text-anchor="middle" font-size="14">Seconds to a plan against binaries (time limit 150 s; hollow: not proven optimal)</text>']
for s in (0.1, 1, 10, 100):
    out.append(f'<line x1="{X0}" y1="{ly(s):.1f}" x2="{X1}" y2="{ly(s):.1f}" stroke="#ddd"/><text x="{X0-6}" y="{ly(s)+4:.1f}" text-anchor="end">{s:g} s</text>')
for b in (100, 1000, 10000):
    out.append(f'<text x="{lx(b):.1f}" y="{Y1+16}" text-anchor="middle">{b:,} binaries</text>')
for i, (backend, pts) in enumerate(sorted(rows.items())):
    c = colors.get(backend, "#555")
    path = " ".join(f"{lx(b):.1f},{ly(s):.1f}" for b, s, _ in sorted(pts))
    out.append(f'<polyline points="{path}" fill="none" stroke="{c}" stroke-width="1.5"/>')
    for b, s, st in pts:
        fill = c if st == "OPTIMAL" else "white"
        out.append(f'<circle cx="{lx(b):.1f}" cy="{ly(s):.1f}" r="4" fill="{fill}" stroke="{c}"/>')
    out.append(f'<rect x="{X1-60}" y="{Y1-70+i*14}" width="10" height="10" fill="{c}"/><text x="{X1-46}" y="{Y1-61+i*14}">{backend}</text>')
out.append("</svg>")
open("docs/img/solve-time.svg", "w", encoding="utf-8").write("\n".join(out) + "\n")

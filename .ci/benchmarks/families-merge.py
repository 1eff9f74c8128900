#!/usr/bin/env python3
"""Merges the tables of .ci/benchmarks/families.sh runs of one backend each (run one after the
other, or side by side on separate cores) into one table with the ratio of CBC's time to the
default backend's, and the median and worst ratio per family (docs/benchmarks.md).

Usage: families-merge.py LIMIT_SECONDS auto.md cbc.md [highs.md ...]
A backend that did not prove the optimum within the limit counts as the limit: the ratio is then
a lower bound (">="). Where the default backend did not prove it either, the row compares the gaps."""
import re
import statistics
import sys

limit = float(sys.argv[1])
cells = {}      # (family, seed) -> {backend: cell}
binaries = {}
margins = {}
checks = {}
roots = {}
auto_margins = {}
backends = []
for path in sys.argv[2:]:
    header = None
    for line in open(path, encoding="utf-8"):
        parts = [p.strip() for p in line.strip().strip("|").split("|")]
        if line.startswith("| family | seed | binaries |"):
            header = parts
            for name in header[3:header.index("margin")]:
                if name.removesuffix(" s") not in backends:
                    backends.append(name.removesuffix(" s"))
            continue
        if header is None or len(parts) != len(header) or not parts[1].isdigit():
            continue
        row = dict(zip(header, parts))
        key = (row["family"], int(row["seed"]))
        binaries[key] = row["binaries"]
        for name in header[3:header.index("margin")]:
            cells.setdefault(key, {})[name.removesuffix(" s")] = row[name]
        if row["margin"] != "–":
            margins.setdefault(key, []).append(float(row["margin"]))
        if "auto s" in row:
            roots[key] = row.get("auto's root LP s", "–")
            checks[key] = row.get("check ms", "–")
            auto_margins[key] = row["margin"]


def seconds(cell):
    m = re.fullmatch(r"([0-9.]+)", cell)
    return float(m.group(1)) if m else None


def gap(cell):
    m = re.search(r"gap ([0-9.e+-]+)", cell)
    return float(m.group(1)) if m else None


print("| family | seed | binaries | " + " | ".join(b + " (s)" for b in backends)
      + " | auto's margin | best margin | CBC ÷ auto | auto's root LP (s) | check (ms) |")
print("| --- " * (len(backends) + 8) + "|")
ratios = {}
bounded = set()  # families with a ratio that is only a lower bound
family_order = list(dict.fromkeys(family for family, _ in cells))  # as the first file lists them
for key in sorted(cells, key=lambda k: (family_order.index(k[0]), k[1])):
    row = cells[key]
    auto, cbc = row.get("auto"), row.get("cbc")
    ratio = "–"
    if auto is not None and cbc is not None:
        a, c = seconds(auto), seconds(cbc)
        if a == 0:
            ratio = "auto under the table's resolution"
        elif a is not None:
            r = (c if c is not None else limit) / a
            ratios.setdefault(key[0], []).append(r)
            if c is None:
                bounded.add(key[0])
            ratio = ("" if c is not None else "≥") + f"{r:.1f}×"
        elif c is None:
            ga, gc = gap(auto), gap(cbc)
            ratio = "neither proves it" + (f"; gap {ga:.1e} against {gc:.1e}" if ga is not None and gc is not None else "")
            ratios.setdefault(key[0], []).append(None)
        else:
            ratio = "CBC proves it, auto does not"
            ratios.setdefault(key[0], []).append(0.0)
    best = f"{max(margins[key]):.2f}" if key in margins else "–"
    print(f"| {key[0]} | {key[1]} | {binaries[key]} | " + " | ".join(row.get(b, "–") for b in backends)
          + f" | {auto_margins.get(key, '–')} | {best} | {ratio} | {roots.get(key, '–')} | {checks.get(key, '–')} |")
print()
print()
if bounded:
    print("(≥: some ratios are lower bounds, CBC did not prove those scenarios within the limit)")
    print()
print("| family | CBC ÷ auto, median | worst | scenarios neither proves in the limit |")
print("| --- | --- | --- | --- |")
everything = []
for family, rs in ratios.items():
    known = [r for r in rs if r is not None]
    everything += known
    at_least = "≥" if family in bounded else ""
    med = f"{at_least}{statistics.median(known):.1f}×" if known else "–"
    worst = f"{at_least}{min(known):.1f}×" if known else "–"
    print(f"| {family} | {med} | {worst} | {sum(1 for r in rs if r is None)} of {len(rs)} |")
if everything:
    at_least = "≥" if bounded else ""
    print(f"| all proven by auto ({len(everything)}) | {at_least}{statistics.median(everything):.1f}× | {min(everything):.1f}× | |")

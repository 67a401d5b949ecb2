#!/usr/bin/env python3
"""Renders folded stacks (async-profiler's `collapsed` output: "frame;frame;frame count" per line)
as a self-contained SVG flame graph, so profiles can be committed and viewed on any forge.

Usage: bench/flamegraph.py IN.collapsed OUT.svg "title"

Frames are coloured by kind, as async-profiler's own HTML does: Java (green), inlined (cyan),
C++ in the JVM (yellow), native and kernel (red/orange). Frames narrower than 0.1 % are left out;
hovering a frame shows its name, samples and share (SVG <title>).
"""
import html
import sys

WIDTH = 1600
ROW = 16
MIN_FRACTION = 0.001


def parse(path):
    root = {"name": "all", "value": 0, "children": {}}
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                continue
            stack, _, count = line.rpartition(" ")
            try:
                n = int(count)
            except ValueError:
                continue
            root["value"] += n
            node = root
            for frame in stack.split(";"):
                child = node["children"].get(frame)
                if child is None:
                    child = {"name": frame, "value": 0, "children": {}}
                    node["children"][frame] = child
                child["value"] += n
                node = child
    return root


def depth(node):
    return 1 + max((depth(c) for c in node["children"].values()), default=0)


def colour(name):
    if name.endswith("_[j]") or name.endswith("_[0]"):
        return "#50c878"  # JIT-compiled Java
    if name.endswith("_[i]"):
        return "#4dd0e1"  # inlined
    if name.endswith("_[k]"):
        return "#f4a460"  # kernel
    if "::" in name:
        return "#e8d44d"  # C++ (JVM)
    if "/" in name or "." in name and name[:1].islower():
        return "#7ccd7c"  # Java (interpreted or untagged)
    return "#e05d4f"  # native


def render(root, out, title):
    total = root["value"] or 1
    rows = depth(root)
    height = (rows + 3) * ROW
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'font-family="monospace" font-size="11">',
        f'<rect width="100%" height="100%" fill="#fdfdf8"/>',
        f'<text x="{WIDTH / 2}" y="14" text-anchor="middle" font-size="14">{html.escape(title)} '
        f'({total} samples)</text>',
    ]

    def draw(node, x, level):
        w = node["value"] / total * WIDTH
        if node["value"] / total < MIN_FRACTION:
            return
        y = height - (level + 1) * ROW
        name = node["name"]
        share = 100.0 * node["value"] / total
        label = name if len(name) * 6.5 < w - 4 else name[: max(0, int((w - 4) / 6.5) - 2)] + ".." if w > 30 else ""
        parts.append(
            f'<g><title>{html.escape(name)} ({node["value"]} samples, {share:.2f}%)</title>'
            f'<rect x="{x:.1f}" y="{y}" width="{max(w - 0.5, 0.1):.1f}" height="{ROW - 1}" '
            f'fill="{colour(name)}" rx="2"/>'
            + (f'<text x="{x + 2:.1f}" y="{y + ROW - 4}">{html.escape(label)}</text>' if label else "")
            + "</g>"
        )
        cx = x
        for child in sorted(node["children"].values(), key=lambda c: c["name"]):
            draw(child, cx, level + 1)
            cx += child["value"] / total * WIDTH

    draw(root, 0.0, 0)
    parts.append("</svg>")
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(parts))


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    render(parse(sys.argv[1]), sys.argv[2], sys.argv[3])

"""Supersession chains drawn as server-side SVG: no JavaScript, no external assets, all text escaped."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html import escape

import networkx as nx

BOX_W, BOX_H, GAP_X, GAP_Y, PAD = 270, 84, 140, 28, 12
FONT, LINE = 14, 19  # text at least 14 px
CHANGE_COLOURS = {"weakened": "#B3261E", "strengthened": "#1E7B34", "replaced": "#55595F"}
STATUS_BORDER = {"dropped": "#B3261E", "superseded": "#8A6D00", "standing": "#2A5DB0"}


@dataclass(frozen=True)
class Step:
    """One replacement: ``old`` was superseded by ``new``."""

    old: str
    new: str
    change: str | None
    date: str | None


def _layers(graph: nx.DiGraph[str]) -> dict[str, int]:
    layer: dict[str, int] = {}
    for node in nx.topological_sort(graph):
        layer[node] = max((layer[p] + 1 for p in graph.predecessors(node)), default=0)
    return layer


def _label(text: str) -> list[str]:
    lines = textwrap.wrap(text, 31)[:3]
    if len(textwrap.wrap(text, 31)) > 3:
        lines[-1] = lines[-1][:28] + "…"
    return lines


def chains_svg(
    steps: Iterable[Step], names: Mapping[str, str], status: Mapping[str, str], title: str
) -> str | None:
    """An SVG of every chain of replacements, oldest on the left; None when there is none."""
    graph: nx.DiGraph[str] = nx.DiGraph()
    labels: dict[tuple[str, str], Step] = {}
    for step in steps:
        graph.add_edge(step.old, step.new)
        labels[(step.old, step.new)] = step
    if graph.number_of_edges() == 0 or not nx.is_directed_acyclic_graph(graph):
        return None
    positions: dict[str, tuple[int, int]] = {}
    top = PAD
    components = sorted(nx.weakly_connected_components(graph), key=lambda c: sorted(c)[0])
    for component in components:
        sub = graph.subgraph(component)
        layer = _layers(sub)
        rows: dict[int, int] = {}
        for node in sorted(component, key=lambda n: (layer[n], n)):
            row = rows.get(layer[node], 0)
            rows[layer[node]] = row + 1
            positions[node] = (PAD + layer[node] * (BOX_W + GAP_X), top + row * (BOX_H + GAP_Y))
        top += max(rows.values()) * (BOX_H + GAP_Y) + GAP_Y
    width = max(x for x, _ in positions.values()) + BOX_W + PAD
    height = top
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="chains-title" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" class="chains">',
        f'<title id="chains-title">{escape(title)}</title>',
        "<defs>",
        *(
            f'<marker id="arrow-{name}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
            f'markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
            for name, colour in CHANGE_COLOURS.items()
        ),
        "</defs>",
    ]
    for (old, new), step in sorted(labels.items()):
        change = step.change if step.change in CHANGE_COLOURS else "replaced"
        x1, y1 = positions[old][0] + BOX_W, positions[old][1] + BOX_H // 2
        x2, y2 = positions[new][0], positions[new][1] + BOX_H // 2
        parts.append(
            f'<line x1="{x1}" y1="{y1}" x2="{x2 - 2}" y2="{y2}" stroke="{CHANGE_COLOURS[change]}" '
            f'stroke-width="2" marker-end="url(#arrow-{change})"/>'
        )
        for text, dy in ((step.change, -8), (step.date, 18)):
            if text:
                parts.append(
                    f'<text x="{(x1 + x2) // 2}" y="{(y1 + y2) // 2 + dy}" text-anchor="middle" '
                    f'font-size="{FONT}" fill="{CHANGE_COLOURS[change]}">{escape(text)}</text>'
                )
    for node, (x, y) in sorted(positions.items()):
        border = STATUS_BORDER.get(status.get(node, ""), "#6B7280")
        parts.append(
            f'<a href="/id/commitment/{escape(node, quote=True)}">'
            f'<rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="6" fill="#FFFFFF" '
            f'stroke="{border}" stroke-width="2"/>'
        )
        for number, line in enumerate(_label(names.get(node, node))):
            parts.append(
                f'<text x="{x + 10}" y="{y + 23 + number * LINE}" font-size="{FONT}" fill="#1F2328">'
                f"{escape(line)}</text>"
            )
        parts.append("</a>")
    parts.append("</svg>")
    return "".join(parts)


PRESSURE_COLOUR = "#B3261E"


def pressure_svg(
    pressers: Mapping[str, str], lab: tuple[str, str], labels: Mapping[str, list[str]], title: str
) -> str | None:
    """Who pressed a lab: each presser a box on the left (earliest first), an arrow to the lab on
    the right labelled with when and how; None when nobody did. Laid out as a two-layer graph."""
    if not pressers:
        return None
    graph: nx.DiGraph[str] = nx.DiGraph()
    for presser in pressers:
        graph.add_edge(presser, lab[0])
    layer = _layers(graph)
    order = list(pressers)  # callers give them earliest first
    row_h = BOX_H + GAP_Y
    gap = GAP_X + 120  # room for the dates and forms on each arrow
    lab_y = PAD + (len(order) - 1) * row_h // 2
    width = PAD * 2 + BOX_W * 2 + gap
    height = PAD * 2 + len(order) * row_h
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="pressure-title" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" class="pressure">',
        f'<title id="pressure-title">{escape(title)}</title>',
        '<defs><marker id="arrow-pressure" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        f'markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="{PRESSURE_COLOUR}"/></marker></defs>',
    ]
    lab_x = PAD + layer[lab[0]] * (BOX_W + gap)
    lines: list[str] = []
    texts: list[str] = []
    boxes: list[str] = []
    for row, presser in enumerate(order):  # lines first, then labels and boxes above them
        x, y = PAD + layer[presser] * (BOX_W + gap), PAD + row * row_h
        x1, y1, x2, y2 = x + BOX_W, y + BOX_H // 2, lab_x, lab_y + BOX_H // 2
        lines.append(
            f'<line x1="{x1}" y1="{y1}" x2="{x2 - 2}" y2="{y2}" stroke="{PRESSURE_COLOUR}" '
            'stroke-width="2" marker-end="url(#arrow-pressure)"/>'
        )
        for number, text in enumerate(labels.get(presser, [])[:2]):
            texts.append(
                f'<text x="{x1 + 8}" y="{y1 - 6 + number * LINE}" font-size="{FONT}" '
                f'fill="{PRESSURE_COLOUR}" stroke="#FFFFFF" stroke-width="4" paint-order="stroke">'
                f"{escape(text)}</text>"
            )
        boxes.append(
            f'<rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="6" fill="#FFFFFF" '
            'stroke="#6B7280" stroke-width="2"/>'
        )
        for number, line in enumerate(_label(pressers[presser])):
            boxes.append(
                f'<text x="{x + 10}" y="{y + 23 + number * LINE}" font-size="{FONT}" fill="#1F2328">'
                f"{escape(line)}</text>"
            )
    parts += lines + texts + boxes
    parts.append(
        f'<rect x="{lab_x}" y="{lab_y}" width="{BOX_W}" height="{BOX_H}" rx="6" fill="#FFFFFF" '
        'stroke="#2A5DB0" stroke-width="3"/>'
        f'<text x="{lab_x + 10}" y="{lab_y + 23}" font-size="{FONT}" font-weight="600" fill="#1F2328">'
        f"{escape(lab[1])}</text></svg>"
    )
    return "".join(parts)

"""A policy diff as text (for the terminal), as JSON, and as a side-by-side HTML page."""

from __future__ import annotations

import difflib
from html import escape
from typing import Any

from ingest.policydiff import DIFFERENT_POLICIES, PolicyDiff
from ingest.policydiff.rules import Classified

VERDICT_CLASS = {
    "weakened": "weak",
    "strengthened": "strong",
    "removed": "gone",
    "added": "new",
    "replaced": "edit",
}


def _where(c: Classified) -> str:
    p = c.change.new or c.change.old
    assert p is not None
    where = p.section
    return f"{where} §{p.clause}" if p.clause else where


def as_dict(
    diff: PolicyDiff, labels: tuple[str, str], matches: dict[int, dict[str, Any]] | None = None
) -> dict[str, Any]:
    """Every change that is not 'unchanged', with its passages, spans, rules and verdict."""
    out = []
    for i, c in enumerate(diff.changes):
        if c.change.kind == "unchanged":
            continue
        item: dict[str, Any] = {
            "kind": c.change.kind,
            "verdict": c.verdict,
            "similarity": round(c.change.similarity, 1),
            "section": _where(c),
            "rules": [{"rule": f.rule, "effect": f.effect, "detail": f.detail} for f in c.fired],
        }
        for side, passage in (("old", c.change.old), ("new", c.change.new)):
            if passage is not None:
                item[side] = {"text": passage.text, "start": passage.start, "end": passage.end}
        if matches and i in matches:
            item["commitment"] = matches[i]
        out.append(item)
    return {
        "old": labels[0],
        "new": labels[1],
        "similarity": round(diff.similarity, 3),
        "counts": diff.counts(),
        "changes": out,
    }


def as_text(
    diff: PolicyDiff, labels: tuple[str, str], matches: dict[int, dict[str, Any]] | None = None
) -> str:
    lines = [f"policy diff {labels[0]} -> {labels[1]}"]
    if not diff.changed:
        return lines[0] + ": no changes\n"
    counts = diff.counts()
    lines.append(
        ", ".join(
            f"{counts.get(k, 0)} {k}" for k in ("unchanged", "moved", "edited", "removed", "added")
        )
        + f"; {diff.similarity:.0%} of passages aligned"
    )
    for i, c in enumerate(diff.changes):
        if c.change.kind == "unchanged":
            continue
        lines.append("")
        lines.append(f"[{c.verdict}] {c.change.kind} in {_where(c) or '(top)'}")
        if c.change.old is not None and c.change.kind != "moved":
            lines.append(f"  - {c.change.old.text}")
        if c.change.new is not None:
            lines.append(f"  + {c.change.new.text}")
        for f in c.fired:
            lines.append(f"    rule {f.rule} ({f.effect}): {f.detail}")
        if matches and i in matches:
            lines.append(f"    commitment {matches[i]['id']} (match {matches[i]['score']:.0f})")
    return "\n".join(lines) + "\n"


def _words(old: str, new: str) -> tuple[str, str]:
    """Both passages with the words that differ marked (<del> on the left, <ins> on the right)."""
    a, b = old.split(" "), new.split(" ")
    left: list[str] = []
    right: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            left.append(escape(" ".join(a[i1:i2])))
            right.append(escape(" ".join(b[j1:j2])))
            continue
        if i2 > i1:
            left.append(f"<del>{escape(' '.join(a[i1:i2]))}</del>")
        if j2 > j1:
            right.append(f"<ins>{escape(' '.join(b[j1:j2]))}</ins>")
    return " ".join(left), " ".join(right)


def html_body(
    diff: PolicyDiff,
    labels: tuple[str, str],
    title: str,
    matches: dict[int, dict[str, Any]] | None = None,
    show_unchanged: bool = False,
) -> str:
    """The side-by-side table and its summary, for a page's <main> (classes, no inline style)."""
    counts = diff.counts()
    rows = []
    for i, c in enumerate(diff.changes):
        kind = c.change.kind
        if kind == "unchanged" and not show_unchanged:
            continue
        old = escape(c.change.old.text) if c.change.old else ""
        new = escape(c.change.new.text) if c.change.new else ""
        if kind == "edited" and c.change.old and c.change.new:
            old, new = _words(c.change.old.text, c.change.new.text)
        label = escape(c.verdict if kind not in ("unchanged", "moved") else kind)
        chips = "".join(
            f'<span class="rule {escape(f.effect)}">'
            f"{escape(f.rule)} ({escape(f.effect)}): {escape(f.detail)}</span>"
            for f in c.fired
        )
        if matches and i in matches:
            chips += f"<div>commitment <code>{escape(matches[i]['id'])}</code></div>"
        css = "same" if kind in ("unchanged", "moved") else VERDICT_CLASS.get(c.verdict, "edit")
        rows.append(
            f'<tr class="{css}"><td class="w"><strong>{label}</strong><br>{escape(kind)} · '
            f"{escape(_where(c))}{chips and '<br>' + chips}</td>"
            f'<td class="o">{old}</td><td class="n2">{new}</td></tr>'
        )
    warning = ""
    if diff.similarity < DIFFERENT_POLICIES:
        warning = (
            f"<p><strong>These may be two different policies:</strong> only {diff.similarity:.0%} of "
            "their passages align.</p>"
        )
    summary = ", ".join(
        f"{counts.get(k, 0)} {k}" for k in ("unchanged", "moved", "edited", "removed", "added")
    )
    return (
        f"<h1>{escape(title)}</h1>"
        f"<p>{escape(labels[0])} → {escape(labels[1])}: {escape(summary)}; "
        f"{diff.similarity:.0%} of passages aligned.</p>{warning}"
        '<p class="legend"><span class="swatch weak">weakened or removed</span>'
        '<span class="swatch strong">strengthened or added</span>'
        '<span class="swatch edit">edited, either way or neither</span>'
        "<del>words taken out</del> <ins>words put in</ins></p>"
        + (
            "<p>No changes.</p>"
            if not diff.changed
            else '<table class="pd"><thead><tr><th scope="col" class="w">Change</th>'
            f'<th scope="col">{escape(labels[0])}</th><th scope="col">{escape(labels[1])}</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
    )


def as_html(
    diff: PolicyDiff,
    labels: tuple[str, str],
    title: str,
    matches: dict[int, dict[str, Any]] | None = None,
    show_unchanged: bool = False,
) -> str:
    """A standalone side-by-side page (the site's own style sheet), as the command line writes it."""
    from api.pages import STYLE

    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body><main>"
        f"{html_body(diff, labels, title, matches, show_unchanged)}</main></body></html>"
    )

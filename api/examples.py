"""The README's example answers, taken from the running app so they cannot drift.

Each example is a request and the part of its answer worth showing; long strings and lists are
shortened (marked with …). ``pledgegraph stats --readme README.md`` writes them between the
README's ``examples`` markers, and a test fails when the README's copy differs.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from graph.markers import marked_block, replace_marked_block

STRING = 90  # characters kept of a long string
ITEMS = 1  # items kept of a list


@dataclass(frozen=True)
class Example:
    path: str
    comment: str
    pick: Callable[[Any], Any] = lambda body: body


def _first(key: str, value: str) -> Callable[[Any], Any]:
    return lambda body: [next(item for item in body if item[key] == value)]


def _event_on(day: str) -> Callable[[Any], Any]:
    return lambda body: [next(item for item in body if item["date"] == day)]


EXAMPLES = (
    Example("/labs", "counts are of events: one per real-world event", _first("id", "anthropic")),
    Example(
        "/labs/anthropic/dropped",
        "lab = id, name or alias, any case",
        lambda body: {
            **body,
            "dropped": [
                d
                for d in body["dropped"]
                if d["commitment"]["id"] == "anthropic-pause-or-delay-pledge"
            ],
        },
    ),
    Example(
        "/pressure?target=anthropic",
        "one row per event, every source's evidence under it",
        _event_on("2026-02-24"),
    ),
)


def shorten(value: Any, depth: int = 0) -> Any:
    """``value`` with long strings cut, lists cut to their first items (marked with …) and null
    fields left out."""
    if isinstance(value, str):
        return value if len(value) <= STRING else value[: STRING - 1].rstrip() + "…"
    if isinstance(value, list):
        kept = [shorten(v, depth + 1) for v in value[:ITEMS]]
        return kept + ([f"… {len(value) - ITEMS} more"] if len(value) > ITEMS else [])
    if isinstance(value, dict):
        return {k: shorten(v, depth + 1) for k, v in value.items() if v is not None}
    return value


def examples_block(app: FastAPI) -> str:
    """The README's example block: each request and its (shortened) answer from ``app``."""
    out = ["```sh"]
    with TestClient(app) as client:
        for example in EXAMPLES:
            response = client.get(example.path)
            response.raise_for_status()
            out.append(f"$ curl 'localhost:8000{example.path}'   # {example.comment}")
            shown = shorten(example.pick(response.json()))
            out.append(json.dumps(shown, indent=1, ensure_ascii=False))
            out.append("")
    out[-1] = "```"
    return "\n".join(out) + "\n"


def readme_examples(text: str) -> str | None:
    """The example block between the README's markers, or None when there are no markers."""
    return marked_block(text, "examples")


def replace_readme_examples(text: str, block: str) -> str:
    """``text`` with ``block`` between its example markers."""
    return replace_marked_block(text, "examples", block)

"""Names people type: an id, name or alias resolved to a node, or the nearest names when none match.

A name that matches nothing is an error everywhere (HTTP 404, a non-zero exit, a tool error), with
the nearest ids by rapidfuzz's weighted ratio over ids, names and aliases; a filter that
legitimately matches nothing still answers an empty list.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rapidfuzz import fuzz, process

from graph.cypher import Query, QueryLibrary
from graph.store import GraphStore

# The canned queries' parameters that name a node: the label it must carry and how to call it.
NAME_PARAMETERS: dict[str, tuple[str, str]] = {
    "lab": ("Lab", "lab"),
    "target": ("Organisation", "organisation"),
    "by": ("Entity", "person or body"),
    "commitment": ("Entity", "commitment or agreement"),
    "id": ("Entity", "entity"),
}
SCORE_CUTOFF = 80


class UnknownName(LookupError):
    """A name that matches no node of the kind asked for; the message names the nearest."""

    def __init__(self, what: str, name: str, nearest: list[str]) -> None:
        hint = (
            f"; did you mean {', '.join(nearest)}?"
            if nearest
            else "; no name is close: search for it (GET /queries/search?q=TEXT, "
            "or pledgegraph query search -p q=TEXT)"
        )
        super().__init__(f"no {what} matches {name!r}{hint}")
        self.nearest = nearest


def resolve(store: GraphStore, queries: QueryLibrary, name: str, label: str) -> str | None:
    """The id of the node with ``label`` whose id, name or alias is ``name`` (any case)."""
    rows = store.read(queries["read/resolve_name"], {"name": name, "label": label})
    return str(rows[0]["id"]) if rows else None


def nearest(store: GraphStore, queries: QueryLibrary, name: str, label: str) -> list[str]:
    """Up to three ids of ``label`` nodes whose id, name or alias is closest to ``name``."""
    texts: list[tuple[str, str]] = []
    for row in store.read(queries["read/names"]):
        if label in row["labels"]:
            for text in {row["id"], row["name"] or "", *row["aliases"]}:
                if text:
                    texts.append((text, row["id"]))
    found = process.extract(
        name,
        {i: text for i, (text, _) in enumerate(texts)},
        scorer=fuzz.WRatio,
        processor=str.casefold,
        limit=12,
        score_cutoff=SCORE_CUTOFF,
    )
    ids: list[str] = []
    for _, _, key in found:
        if texts[key][1] not in ids:
            ids.append(texts[key][1])
    return ids[:3]


def require(store: GraphStore, queries: QueryLibrary, name: str, label: str, what: str) -> str:
    """The id ``name`` resolves to; UnknownName with the nearest names when it resolves to none."""
    found = resolve(store, queries, name, label)
    if found is None:
        raise UnknownName(what, name, nearest(store, queries, name, label))
    return found


def resolve_parameters(
    store: GraphStore, queries: QueryLibrary, query: Query, params: Mapping[str, Any]
) -> dict[str, Any]:
    """``params`` with every name parameter of ``query`` resolved to its node's id."""
    declared = {p.name for p in query.parameters}
    out = dict(params)
    for key, (label, what) in NAME_PARAMETERS.items():
        value = out.get(key)
        if key in declared and isinstance(value, str) and value:
            out[key] = require(store, queries, value, label, what)
    return out

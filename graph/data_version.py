"""The data's version: a digest that every load changing the graph moves on.

It is kept in one node outside the domain graph, ``(:DataVersion {id: "data", version: ...})``,
written in the load's own transaction, so every reader of the store (each server worker, a server
beside a separate `pledgegraph load` into Neo4j) sees the version of the graph it reads. Answers
derive their ETags from it. The next version hashes the previous one with the load's changes
(statements added, removed or rewritten, nodes written or removed), so the same loads in the same
order give the same version on any machine.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from graph.cypher import QueryLibrary
from graph.store import GraphStore

LABEL = "DataVersion"  # outside the schema's node types: store bookkeeping, not a fact
KEYS = ("id", "version")


def digest(value: Any) -> str:
    """A short stable digest of a JSON-able value (properties, rows)."""
    text = json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def next_version(previous: str | None, changes: Iterable[str]) -> str:
    """The version after a load that made ``changes`` (order does not matter)."""
    h = hashlib.sha256((previous or "").encode())
    for change in sorted(changes):
        h.update(b"\n" + change.encode())
    return h.hexdigest()[:32]


def read_version(store: GraphStore, queries: QueryLibrary) -> str | None:
    """The stored version, or None for a store no load of this version has written."""
    rows = store.read(queries["read/data_version"])
    return str(rows[0]["version"]) if rows and rows[0]["version"] else None

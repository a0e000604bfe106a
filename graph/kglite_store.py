"""The embedded default store: a kglite graph handed in by the caller."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import kglite

from graph.cypher import Query
from graph.store import Step, StoreError
from graph.values import to_plain

# kglite announces advisory warnings (such as a label not present yet) on stderr; results are
# unaffected, so keep the console quiet.
kglite.set_query_warning_policy("silent")

# kglite adds these keys to every property map it returns (`properties(n)`, `n {.*}`); the schema
# forbids them as property names, so dropping them makes answers match Neo4j's.
RESERVED = frozenset({"title", "type"})


_SCALARS = frozenset({str, int, float, bool, dt.date, dt.datetime, type(None)})


def _without_reserved(value: Any) -> Any:
    """Plain Python (see graph.values.to_plain) without the reserved keys. Maps and lists fresh
    from kglite are cleaned in place; scalars, nearly every value, are passed through."""
    if type(value) in _SCALARS:
        return value
    if isinstance(value, dict):
        for key in RESERVED:
            value.pop(key, None)
        for key, item in value.items():
            if type(item) not in _SCALARS:
                value[key] = _without_reserved(item)
        return value
    if isinstance(value, list):
        for index, item in enumerate(value):
            if type(item) not in _SCALARS:
                value[index] = _without_reserved(item)
        return value
    if isinstance(value, tuple):
        return [_without_reserved(v) for v in value]
    return to_plain(value)


class KgliteStore:
    """Runs canned queries on an embedded kglite graph."""

    name = "kglite"

    def __init__(self, graph: kglite.KnowledgeGraph, timeout_ms: int = 30_000) -> None:
        self.graph = graph
        self.timeout_ms = timeout_ms
        self.changed = False  # whether a write was committed

    def read(self, query: Query, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        bound = query.bind(params or {})
        try:
            with self.graph.begin_read(timeout_ms=self.timeout_ms) as tx:
                rows = tx.cypher(query.text, params=bound).to_list()
        except kglite.KgError as err:
            raise StoreError(f"query {query.name!r} failed: {err}") from err
        # Column names are the query's own; only maps inside values lose the reserved keys.
        for row in rows:
            for key, value in row.items():
                if type(value) not in _SCALARS:
                    row[key] = _without_reserved(value)
        return rows

    def write(self, steps: Sequence[Step]) -> None:
        tx = self.graph.begin()
        try:
            for query, params in steps:
                tx.cypher(query.text, params=query.bind(params))
            tx.commit()
            self.changed = True
        except kglite.KgError as err:
            tx.rollback()
            raise StoreError(f"write failed and was rolled back: {err}") from err
        except BaseException:
            tx.rollback()
            raise

    def apply_schema(self, query: Query) -> None:
        for statement in query.statements():
            try:
                self.graph.cypher(statement)
            except kglite.KgError as err:
                raise StoreError(f"{query.name}: {err}") from err

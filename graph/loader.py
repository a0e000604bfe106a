"""Load a dataset into a store: constraints first, then one all-or-nothing transaction."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from graph.analytics import check_supersessions
from graph.cypher import QueryLibrary
from graph.store import GraphStore, Step
from schema.generate import snake
from schema.records import Dataset

BATCH = 5_000


@dataclass
class LoadReport:
    """What a load changed."""

    sources: int
    added: int
    removed: int
    unchanged: int
    nodes: int
    statements: int

    def __str__(self) -> str:
        return (
            f"{self.sources} source(s): {self.added} statement(s) added, {self.removed} removed, "
            f"{self.unchanged} unchanged; the store holds {self.nodes} nodes and {self.statements} statements"
        )


def _batches(rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    return [rows[i : i + BATCH] for i in range(0, len(rows), BATCH)]


def ensure_schema(store: GraphStore, queries: QueryLibrary) -> None:
    """Create the uniqueness constraints (idempotent)."""
    store.apply_schema(queries["schema/constraints"])


def load_dataset(store: GraphStore, queries: QueryLibrary, dataset: Dataset) -> LoadReport:
    """Replace each of the dataset's sources' statements with the dataset's, in one transaction.

    Statements of other sources stay as they are. Raises SupersessionCycle (before writing) when
    the result would hold a supersession cycle, and StoreError (after rolling back) when the store
    refuses a write.
    """
    ensure_schema(store, queries)
    check_supersessions(
        [
            row
            for row in store.read(queries["read/supersessions"])
            if row["source"] not in dataset.sources
        ],
        dataset.statements,
    )
    before: set[str] = set()
    for source in dataset.sources:
        before.update(
            r["id"] for r in store.read(queries["read/statement_ids"], {"source": source})
        )
    wanted = {s.id for s in dataset.statements}

    steps: list[Step] = []
    for source in dataset.sources:
        keep = [s.id for s in dataset.statements if s.source == source]
        steps.append((queries["load/delete_stale_statements"], {"source": source, "keep": keep}))
    nodes: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entity in dataset.entities:
        nodes[entity.kind].append(
            {"id": entity.id, "props": {"id": entity.id, **entity.properties}}
        )
    for kind, rows in sorted(nodes.items()):
        steps += [(queries[f"load/merge_node_{snake(kind)}"], {"rows": b}) for b in _batches(rows)]
    edges: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for st in dataset.statements:
        edges[st.edge].append(
            {"from": st.source_id, "to": st.target_id, "id": st.id, "props": st.properties()}
        )
    for edge, rows in sorted(edges.items()):
        steps += [(queries[f"load/merge_edge_{snake(edge)}"], {"rows": b}) for b in _batches(rows)]
    store.write(steps)

    counts = store.read(queries["read/counts"])[0]
    return LoadReport(
        sources=len(dataset.sources),
        added=len(wanted - before),
        removed=len(before - wanted),
        unchanged=len(wanted & before),
        nodes=int(counts["nodes"]),
        statements=int(counts["statements"]),
    )

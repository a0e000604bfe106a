"""Load a dataset into a store: constraints first, then one all-or-nothing transaction."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any, TypeVar

from graph.analytics import check_supersessions
from graph.cypher import QueryLibrary
from graph.data_version import digest, next_version, read_version
from graph.store import GraphStore, Step
from schema import load_schema
from schema.generate import snake
from schema.records import Dataset

BATCH = 5_000
R = TypeVar("R")


@dataclass
class LoadReport:
    """What a load changed."""

    sources: int
    added: int
    removed: int
    unchanged: int
    nodes: int
    statements: int
    sources_gone: tuple[str, ...] = ()
    nodes_removed: int = 0
    updated: int = 0  # kept (same id), their evidence details (notes, marked words...) rewritten

    def __str__(self) -> str:
        gone = ""
        if self.sources_gone:
            gone = (
                f"; {len(self.sources_gone)} source(s) no longer in the data removed "
                f"({', '.join(self.sources_gone)})"
            )
        if self.nodes_removed:
            gone += f"; {self.nodes_removed} node(s) the data no longer declares removed"
        return (
            f"{self.sources} source(s): {self.added} statement(s) added, {self.removed} removed, "
            f"{self.unchanged} unchanged"
            f"{f', {self.updated} updated' if self.updated else ''}{gone}; the store holds {self.nodes} nodes and "
            f"{self.statements} statements"
        )


def _batches(rows: list[R]) -> list[list[R]]:
    return [rows[i : i + BATCH] for i in range(0, len(rows), BATCH)]


def ensure_schema(store: GraphStore, queries: QueryLibrary) -> None:
    """Create the uniqueness constraints (idempotent)."""
    store.apply_schema(queries["schema/constraints"])


def load_dataset(
    store: GraphStore, queries: QueryLibrary, dataset: Dataset, complete: bool = False
) -> LoadReport:
    """Replace each of the dataset's sources' statements with the dataset's, in one transaction.

    Statements of other sources stay as they are, unless ``complete`` says the dataset is the
    whole data folder: then the statements of sources no longer in it, and the nodes it no longer
    declares, are removed too, so the store matches the data. Nodes and statements already stored
    as given are not written again, so loading the same data twice writes nothing. Raises
    SupersessionCycle (before writing) when the result would hold a supersession cycle, and
    StoreError (after rolling back) when the store refuses a write.
    """
    schema = load_schema()
    ensure_schema(store, queries)
    gone: list[str] = []
    if complete:
        present = set(dataset.sources)
        gone = [
            r["source"]
            for r in store.read(queries["read/stored_sources"])
            if r["source"] is not None and r["source"] not in present
        ]
    replaced = set(dataset.sources) | set(gone)
    check_supersessions(
        [r for r in store.read(queries["read/supersessions"]) if r["source"] not in replaced],
        dataset.statements,
    )
    held = {
        r["id"]: r
        for r in store.read(
            queries["read/source_statements"], {"sources": [*dataset.sources, *gone]}
        )
    }
    wanted = {s.id for s in dataset.statements}
    stale = [{"from": r["from"], "id": i} for i, r in held.items() if i not in wanted]
    steps: list[Step] = [(queries["load/delete_statements"], {"rows": b}) for b in _batches(stale)]
    orphans: list[str] = []
    if complete:
        declared = {e.id for e in dataset.entities}
        orphans = [r["id"] for r in store.read(queries["read/node_ids"]) if r["id"] not in declared]
        steps += [(queries["load/delete_nodes"], {"ids": b}) for b in _batches(orphans)]

    # Nodes: write only those that are new or changed (properties or labels).
    stored = {
        r["id"]: r
        for r in store.read(queries["read/nodes"], {"ids": [e.id for e in dataset.entities]})
    }
    nodes: dict[str, list[dict[str, Any]]] = defaultdict(list)
    retyped: list[
        str
    ] = []  # nodes whose type changed: a node's type is its identity in some stores
    for entity in dataset.entities:
        props = {"id": entity.id, **entity.properties}
        old = stored.get(entity.id)
        if old is not None and set(old["labels"]) != set(schema.node_types[entity.kind].labels):
            retyped.append(entity.id)
        if old is None or old["properties"] != props or entity.id in retyped:
            nodes[entity.kind].append({"id": entity.id, "props": props})
    # A retyped node is deleted and created again under its new type, with every statement
    # attached to it (from any source), so no store keeps two nodes with one id.
    attached = store.read(queries["read/node_statements"], {"ids": retyped}) if retyped else []
    steps += [(queries["load/delete_nodes"], {"ids": b}) for b in _batches(retyped)]
    for kind, rows in sorted(nodes.items()):
        steps += [(queries[f"load/merge_node_{snake(kind)}"], {"rows": b}) for b in _batches(rows)]

    # Statements: create the new ones, update those whose evidence changed, leave the rest.
    created: dict[str, list[dict[str, Any]]] = defaultdict(list)
    updated: list[dict[str, Any]] = []
    recreated = {r["id"] for r in attached}
    for st in dataset.statements:
        props = st.properties()
        old = held.get(st.id)
        if old is None or st.id in recreated:
            created[st.edge].append(
                {"from": st.source_id, "to": st.target_id, "id": st.id, "props": props}
            )
        elif old["props"] != props:
            updated.append({"from": st.source_id, "id": st.id, "props": props})
    dropped = {row["id"] for row in stale}
    for r in attached:  # statements of other sources on a retyped node, as they were
        if r["id"] not in wanted and r["id"] not in dropped:
            created[r["edge"]].append(
                {
                    "from": r["from"],
                    "to": r["to"],
                    "id": r["id"],
                    "props": {**r["props"], "id": r["id"]},
                }
            )
    steps += [(queries["load/update_statements"], {"rows": b}) for b in _batches(updated)]
    for edge, rows in sorted(created.items()):
        steps += [(queries[f"load/create_edge_{snake(edge)}"], {"rows": b}) for b in _batches(rows)]
    if steps:
        changes = [
            *(f"-{row['id']}" for row in stale),
            *(f"x{node}" for node in orphans),
            *(f"n{row['id']}:{digest(row['props'])}" for rows in nodes.values() for row in rows),
            *(f"~{row['id']}:{digest(row['props'])}" for row in updated),
            *(f"+{row['id']}" for rows in created.values() for row in rows),  # ids hash content
        ]
        version = next_version(read_version(store, queries), changes)
        steps.append((queries["load/set_data_version"], {"version": version}))
        store.write(steps)

    counts = store.read(queries["read/counts"])[0]
    return LoadReport(
        sources=len(dataset.sources),
        added=len(wanted - held.keys()),
        removed=len(stale),
        unchanged=len(wanted & held.keys()) - len(updated),
        nodes=int(counts["nodes"]),
        statements=int(counts["statements"]),
        sources_gone=tuple(gone),
        nodes_removed=len(orphans),
        updated=len(updated),
    )

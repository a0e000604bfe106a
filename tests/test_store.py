"""Loading into the real embedded store: idempotent, per-source replacement, all-or-nothing."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import kglite
import pytest

from graph.cypher import QueryLibrary
from graph.kglite_store import KgliteStore
from graph.loader import load_dataset
from graph.store import StoreError
from pledgegraph.pipeline import ingest, read_dataset
from pledgegraph.settings import Settings
from schema.records import EntityRecord
from tests.conftest import snapshot


def test_reingesting_is_a_no_op(
    settings: Settings, store: KgliteStore, queries: QueryLibrary
) -> None:
    first = ingest(store, settings)
    assert (first.added, first.removed, first.statements) == (4, 0, 4)
    before = snapshot(store, queries)
    again = ingest(store, settings)
    assert (again.added, again.removed, again.unchanged) == (0, 0, 4)
    assert snapshot(store, queries) == before


def test_a_changed_source_replaces_only_its_statements(
    settings: Settings, store: KgliteStore, queries: QueryLibrary
) -> None:
    ingest(store, settings)
    other_before = [
        s for s in snapshot(store, queries)[1] if s["properties"]["source"] == "fx-other"
    ]
    claims = settings.data / "sources" / "fx-article" / "claims.yaml"
    claims.write_text(
        claims.read_text(encoding="utf-8").replace("change: weakened", "change: replaced"),
        encoding="utf-8",
    )
    report = ingest(store, settings, ["fx-article"])
    assert (report.added, report.removed, report.unchanged) == (1, 1, 2)
    statements = snapshot(store, queries)[1]
    assert [s for s in statements if s["properties"]["source"] == "fx-other"] == other_before
    changes = [s["properties"]["change"] for s in statements if s["edge"] == "SUPERSEDED_BY"]
    assert changes == ["replaced"]


def test_a_failed_write_rolls_back(
    settings: Settings, store: KgliteStore, queries: QueryLibrary
) -> None:
    ingest(store, settings)
    before = snapshot(store, queries)
    dataset = read_dataset(settings)
    # New statements and nodes, then one statement twice: the store's uniqueness constraint on
    # statement ids refuses the second copy after the others were written in the transaction.
    first = dataset.statements[0]
    fresh = [
        replace(first, evidence={**first.evidence, "quote": f"a new quote {i}"}) for i in range(3)
    ]
    dataset.entities.append(EntityRecord("Person", "new-person", {"name": "New Person"}))
    dataset.statements += [*fresh, fresh[-1]]
    with pytest.raises(StoreError, match="rolled back"):
        load_dataset(store, queries, dataset)
    assert snapshot(store, queries) == before


def test_the_store_persists_across_reopening(
    settings: Settings, tmp_path: Path, queries: QueryLibrary
) -> None:
    path = tmp_path / "persist.kgl"
    graph = kglite.open(str(path))
    ingest(KgliteStore(graph), settings)
    expected = snapshot(KgliteStore(graph), queries)
    graph.close()
    assert snapshot(KgliteStore(kglite.load(str(path))), queries) == expected


def test_constraints_are_created_once(settings: Settings, store: KgliteStore) -> None:
    ingest(store, settings)
    ingest(store, settings)
    names = [row["name"] for row in store.graph.cypher("SHOW CONSTRAINTS").to_list()]
    assert len(names) == len(set(names)) and "entity_id" in names and "made_id" in names


class CountingStore:
    """A real store that records which write steps it was given."""

    def __init__(self, store: KgliteStore) -> None:
        self.inner = store
        self.name = store.name
        self.steps: list[tuple[str, int]] = []

    def read(self, query: Any, params: Any = None) -> Any:
        return self.inner.read(query, params)

    def apply_schema(self, query: Any) -> None:
        self.inner.apply_schema(query)

    def write(self, steps: Any) -> None:
        self.steps += [(q.name, len(p.get("rows", []))) for q, p in steps]
        self.inner.write(steps)


def test_loading_the_same_data_again_writes_nothing_and_a_changed_record_only_it(
    settings: Settings, store: KgliteStore, queries: QueryLibrary
) -> None:
    ingest(store, settings)
    before = snapshot(store, queries)
    counting = CountingStore(store)
    dataset = read_dataset(settings)
    report = load_dataset(counting, queries, dataset)
    assert counting.steps == [] and report.added == report.removed == 0
    assert snapshot(store, queries) == before
    # Evidence that changed without changing the statement's id (a recorded span) is updated in
    # place; an entity's new description rewrites that node alone.
    first = dataset.statements[0]
    dataset.statements[0] = replace(first, evidence={**first.evidence, "quote_start": 7})
    lab = next(i for i, e in enumerate(dataset.entities) if e.kind == "Lab")
    entity = dataset.entities[lab]
    dataset.entities[lab] = replace(
        entity, properties={**entity.properties, "description": "Changed."}
    )
    load_dataset(counting, queries, dataset)
    # ... and the data version moves on with them (answers' ETags change).
    assert sorted(counting.steps) == sorted(
        [("load/update_statements", 1), ("load/merge_node_lab", 1), ("load/set_data_version", 0)]
    )
    after = {r["properties"]["id"]: r for r in store.read(queries["read/all_statements"])}
    assert after[first.id]["properties"]["quote_start"] == 7


def test_an_entity_whose_type_changes_is_one_node_with_every_statement_kept(
    settings: Settings, store: KgliteStore, queries: QueryLibrary
) -> None:
    """A lab declared a company instead: the node is recreated under its new type, and the
    statements attached to it, from the source ingested and from the others, are all kept."""
    ingest(store, settings)
    before = {s["properties"]["id"] for s in snapshot(store, queries)[1]}
    entities = settings.data / "entities.yaml"
    entities.write_text(
        entities.read_text(encoding="utf-8").replace("kind: Lab", "kind: Company"),
        encoding="utf-8",
    )
    ingest(store, settings, ["fx-article"])  # only one source: fx-other's statement stays too
    nodes = store.read(queries["read/nodes"], {"ids": ["example-lab"]})
    assert [sorted(n["labels"]) for n in nodes] == [["Company", "Entity", "Organisation"]]
    after = snapshot(store, queries)[1]
    assert {s["properties"]["id"] for s in after} == before
    assert {s["properties"]["source"] for s in after} == {"fx-article", "fx-other"}
    assert ingest(store, settings).added == 0  # and loading again writes nothing new

"""Loading into the real embedded store: idempotent, per-source replacement, all-or-nothing."""

from __future__ import annotations

from pathlib import Path

import kglite
import pytest

from graph.cypher import QueryLibrary
from graph.kglite_store import KgliteStore
from graph.loader import load_dataset
from graph.store import StoreError
from pledgegraph.pipeline import ingest, read_dataset
from pledgegraph.settings import Settings
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
    # An entity that changed kind collides with the existing node's unique id in the same load.
    lab = next(e for e in dataset.entities if e.id == "example-lab")
    dataset.entities.append(type(lab)(kind="Company", id=lab.id, properties=lab.properties))
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

"""The store matches the data: a source removed from the data leaves the store at the next full
ingest, and a source whose thousands of statements changed loads (embedded store and Neo4j)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.cypher import QueryLibrary
from graph.loader import load_dataset
from graph.store import GraphStore
from pledgegraph.cli import main
from pledgegraph.pipeline import read_dataset
from pledgegraph.settings import Settings
from pledgegraph.stores import kglite_reader, kglite_writer, neo4j_store
from tests.conftest import Neo4jServer
from tests.test_neo4j import settings_for


def sources_in(store: GraphStore, queries: QueryLibrary) -> list[str]:
    return [r["source"] for r in store.read(queries["read/stored_sources"])]


def test_ingest_removes_a_deleted_source(
    settings: Settings, queries: QueryLibrary, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--data", str(settings.data), "--store-path", str(settings.store_path)]
    assert main(["ingest", "--texts", str(settings.texts), *args]) == 0
    before = kglite_reader(settings.store_path, 10_000)
    assert sources_in(before, queries) == ["fx-article", "fx-other"]
    capsys.readouterr()

    shutil.rmtree(settings.data / "sources" / "fx-other")
    assert main(["ingest", "--texts", str(settings.texts), *args]) == 0
    out = capsys.readouterr().out
    assert "1 removed" in out and "no longer in the data removed (fx-other)" in out
    after = kglite_reader(settings.store_path, 10_000)
    assert sources_in(after, queries) == ["fx-article"]
    nodes = {r["id"] for r in after.read(queries["read/node_ids"])}
    assert "fx-other" not in nodes and "fx-article" in nodes

    # Ingesting named sources only never removes the others.
    assert main(["ingest", "--texts", str(settings.texts), *args, "fx-article"]) == 0
    assert "no longer in the data" not in capsys.readouterr().out


def write_big_source(data: Path, statements: int, wording: str) -> None:
    """One source whose ``statements`` facts all start at the same lab (the worst case)."""
    folder = data / "sources" / "big-source"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "source.yaml").write_text(
        "id: big-source\nname: A long report\npublisher: Example News\n"
        "url: https://news.example/big\npublished: 2026-03-02\n",
        encoding="utf-8",
    )
    lines = ["entities:"]
    lines += [
        f"- id: big-pledge-{i}\n  kind: Commitment\n  name: Pledge {i}\n  text: Promise number {i}."
        for i in range(statements)
    ]
    lines.append("facts:")
    lines += [
        f"- from: example-lab\n  edge: MADE\n  to: big-pledge-{i}\n  date: 2025\n"
        f"  evidence:\n  - quote: {wording} pledge number {i}."
        for i in range(statements)
    ]
    (folder / "claims.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def changed_big_source(data: Path, store: GraphStore, queries: QueryLibrary) -> None:
    settings = Settings(data=data, texts=None)
    write_big_source(data, 4_000, "Example Lab made")
    load_dataset(store, queries, read_dataset(settings), complete=True)
    write_big_source(data, 4_000, "Example Lab announced")  # every statement's quote changed
    report = load_dataset(store, queries, read_dataset(settings), complete=True)
    assert (report.added, report.removed) == (4_000, 4_000)
    assert report.statements == 4_000 + 4  # and the fixture's four


def test_a_source_whose_4000_statements_changed_loads(
    fixture_dirs: tuple[Path, Path], queries: QueryLibrary, tmp_path: Path
) -> None:
    data, _ = fixture_dirs
    with kglite_writer(tmp_path / "big.kgl") as store:
        changed_big_source(data, store, queries)


def test_neo4j_matches_the_data_too(
    fixture_dirs: tuple[Path, Path], neo4j_server: Neo4jServer, queries: QueryLibrary
) -> None:
    data, _ = fixture_dirs
    with neo4j_store(settings_for(neo4j_server)) as store:
        store.write([(queries["load/delete_all"], {})])
        try:
            changed_big_source(data, store, queries)
            shutil.rmtree(data / "sources" / "big-source")
            report = load_dataset(
                store, queries, read_dataset(Settings(data=data, texts=None)), complete=True
            )
            assert report.sources_gone == ("big-source",) and report.removed == 4_000
            assert report.nodes_removed == 4_001  # its pledges and its Source node
            assert sources_in(store, queries) == ["fx-article", "fx-other"]
        finally:
            store.write([(queries["load/delete_all"], {})])

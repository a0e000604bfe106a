"""The Neo4j exports (a Cypher script, neo4j-admin CSV files) round-trip into an empty store."""

from __future__ import annotations

import datetime as dt
import os
import shlex
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import kglite
import pytest

from graph.cypher import QueryLibrary
from graph.kglite_store import KgliteStore
from graph.loader import load_dataset
from graph.neo4j_export import (
    ExportError,
    GraphRows,
    cypher_literal,
    cypher_script,
    read_rows,
    write_admin_import,
)
from graph.store import StoreError
from pledgegraph.cli import main
from pledgegraph.pipeline import read_dataset
from pledgegraph.settings import Settings
from pledgegraph.stores import kglite_reader, neo4j_store
from schema import load_schema
from schema.generate import snake
from scripts.neo4j.local_neo4j import LocalNeo4j, admin_command
from tests.admin_csv import read_file
from tests.conftest import Neo4jServer
from tests.script_player import kglite_runner, play, split_statements
from tests.test_neo4j import settings_for


@pytest.fixture
def source(bundled_settings: Settings) -> KgliteStore:
    return kglite_reader(bundled_settings.store_path, 10_000)


@pytest.fixture
def empty(tmp_path: Path) -> Iterator[tuple[kglite.KnowledgeGraph, KgliteStore]]:
    graph = kglite.open(str(tmp_path / "copy.kgl"))
    yield graph, KgliteStore(graph)
    graph.close()


def contents(store: Any, queries: QueryLibrary) -> tuple[list[Any], list[Any]]:
    nodes = store.read(queries["read/all_nodes"])
    for node in nodes:
        node["labels"] = sorted(node["labels"])
    return nodes, store.read(queries["read/all_statements"])


def test_cypher_literal_reads_back_exactly(
    empty: tuple[kglite.KnowledgeGraph, KgliteStore],
) -> None:
    graph, _ = empty
    value = {
        "text": 'it\'s a "quote"; a back\\slash, a tab\t, a newline\n and \u00e9\u2014\U0001f600',
        "n": -3,
        "flag": False,
        "none": None,
        "day": dt.date(2026, 2, 24),
        "at": dt.datetime(2026, 2, 27, 17, 1),
        "list": ["a;b", "c"],
        "odd key": 1,
    }
    [row] = graph.cypher(f"RETURN {cypher_literal(value)} AS v").to_list()
    assert row["v"] == value


def test_cypher_literal_refuses_what_it_cannot_write() -> None:
    with pytest.raises(ExportError, match="cannot write"):
        cypher_literal(object())


def test_cypher_script_round_trips(
    source: KgliteStore,
    empty: tuple[kglite.KnowledgeGraph, KgliteStore],
    queries: QueryLibrary,
) -> None:
    schema = load_schema()
    rows = read_rows(source, queries, schema)
    script = "".join(cypher_script(rows, queries, batch=3))  # small batches: several per type
    graph, copy = empty
    ran = play(kglite_runner(graph), script)
    assert ran > len(rows.nodes) + len(rows.edges)
    assert contents(copy, queries) == contents(source, queries)
    # Every statement of the script is a loader or constraint file's text, unchanged.
    texts = {s for q in queries.all() for s in q.statements()}
    cypher = [s for s in split_statements(script) if not s.startswith(":")]
    assert set(cypher) <= texts


def test_cypher_script_is_idempotent(
    source: KgliteStore,
    empty: tuple[kglite.KnowledgeGraph, KgliteStore],
    queries: QueryLibrary,
) -> None:
    script = "".join(cypher_script(read_rows(source, queries, load_schema()), queries))
    graph, copy = empty
    play(kglite_runner(graph), script)
    once = contents(copy, queries)
    play(kglite_runner(graph), script)
    assert contents(copy, queries) == once


def load_admin_files(folder: Path, graph: kglite.KnowledgeGraph, queries: QueryLibrary) -> None:
    """What `neo4j-admin database import` does with the files, done with the loader queries."""
    schema = load_schema()
    play(kglite_runner(graph), (folder / "constraints.cypher").read_text(encoding="utf-8"))
    store = KgliteStore(graph)
    for path in sorted(folder.glob("nodes_*.csv")):
        for row in read_file(path):
            kind = schema.node_type_of(row["LABEL"]).name
            assert list(schema.node_types[kind].labels) == row["LABEL"]
            store.write(
                [(queries[f"load/merge_node_{snake(kind)}"], {"rows": [row | {"id": row["ID"]}]})]
            )
    for path in sorted(folder.glob("relationships_*.csv")):
        for row in read_file(path):
            store.write(
                [
                    (
                        queries[f"load/merge_edge_{snake(row['TYPE'])}"],
                        {
                            "rows": [
                                {
                                    "from": row["START_ID"],
                                    "to": row["END_ID"],
                                    "id": row["props"]["id"],
                                    "props": row["props"],
                                }
                            ]
                        },
                    )
                ]
            )


def test_neo4j_admin_files_round_trip(
    source: KgliteStore,
    empty: tuple[kglite.KnowledgeGraph, KgliteStore],
    queries: QueryLibrary,
    tmp_path: Path,
) -> None:
    schema = load_schema()
    written = write_admin_import(read_rows(source, queries, schema), schema, queries, tmp_path)
    names = {p.name for p in written}
    assert {"import.sh", "constraints.cypher", "nodes_Lab.csv", "relationships_MADE.csv"} <= names
    script = (tmp_path / "import.sh").read_text(encoding="utf-8")
    assert "neo4j-admin database import full" in script
    assert all(f'"$here/{name}"' in script for name in names if name.endswith(".csv"))
    header = (tmp_path / "relationships_PRESSURED.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith(":START_ID,:END_ID,:TYPE,id,")
    assert "deadline:localdatetime" in header and "date:date" in header
    graph, copy = empty
    load_admin_files(tmp_path, graph, queries)
    assert contents(copy, queries) == contents(source, queries)


def test_neo4j_admin_refuses_a_list_item_holding_the_delimiter(
    queries: QueryLibrary, tmp_path: Path
) -> None:
    rows = GraphRows(
        nodes={"Lab": [{"id": "x", "props": {"id": "x", "name": "X", "aliases": ["a;b"]}}]},
        edges={},
    )
    with pytest.raises(ExportError, match=r"Lab x: list item 'a;b' holds the array delimiter"):
        write_admin_import(rows, load_schema(), queries, tmp_path)


def test_cli_exports(bundled_settings: Settings, tmp_path: Path, capsys: Any) -> None:
    store = ["--store-path", str(bundled_settings.store_path)]
    out = tmp_path / "graph.cypher"
    assert main(["export", "--format", "cypher", "--output", str(out), *store]) == 0
    assert out.read_text(encoding="utf-8").startswith("// pledgegraph: ")
    assert (
        main(["export", "--format", "neo4j-admin", "--output", str(tmp_path / "csv"), *store]) == 0
    )
    assert (tmp_path / "csv" / "import.sh").is_file()
    assert main(["export", "--format", "neo4j-admin", *store]) == 2
    assert "needs --output" in capsys.readouterr().err


# --- into a real Neo4j ---------------------------------------------------------------------------


def test_neo4j_admin_import_into_a_real_neo4j(
    neo4j_server: Neo4jServer, queries: QueryLibrary, tmp_path: Path
) -> None:
    """`export --format neo4j-admin`, then its own import.sh run with Neo4j's import tool into a
    new database, served by a second Neo4j: the same graph as `load --store neo4j`."""
    settings = settings_for(neo4j_server)
    with neo4j_store(settings) as loaded:
        loaded.write([(queries["load/delete_all"], {})])
        load_dataset(loaded, queries, read_dataset(settings))
        want = contents(loaded, queries)
        files = tmp_path / "csv"
        write_admin_import(read_rows(loaded, queries, load_schema()), load_schema(), queries, files)
        loaded.write([(queries["load/delete_all"], {})])

    home, tools = tmp_path / "home", tmp_path / "bin"
    tools.mkdir()
    shim = tools / "neo4j-admin"
    shim.write_text(f'#!/bin/sh\nexec {shlex.join(admin_command())} "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    env = {**os.environ, "PATH": f"{tools}:{os.environ['PATH']}", "NEO4J_HOME": str(home)}
    env["NEO4J_CONF"] = str(home / "conf")
    (home / "conf").mkdir(parents=True)
    done = subprocess.run(
        ["sh", str(files / "import.sh")],
        env=env,
        cwd=tmp_path,  # the tool writes import.report into its working folder
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "IMPORT DONE" in done.stdout + done.stderr
    assert (home / "data" / "databases" / "neo4j").is_dir()

    with LocalNeo4j(copy_from=home) as imported:
        other = Neo4jServer(imported.bolt_uri, imported.user, imported.password, "neo4j")
        with neo4j_store(settings_for(other)) as store:
            play(
                neo4j_runner(store),
                (files / "constraints.cypher").read_text(encoding="utf-8"),
            )
            assert contents(store, queries) == want
            # The constraints are in place: a second node with a taken id is refused.
            with pytest.raises(StoreError, match="already exists"):
                store.write(
                    [
                        (
                            queries["load/merge_node_company"],
                            {"rows": [{"id": "x", "props": {"id": "anthropic", "name": "X"}}]},
                        )
                    ]
                )


def neo4j_runner(store: Any) -> Any:
    def run(text: str, params: Any) -> list[dict[str, Any]]:
        records, _, _ = store.driver.execute_query(text, dict(params), database_=store.database)
        return [r.data() for r in records]

    return run

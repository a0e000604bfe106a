"""The Neo4j backend through the official driver.

The tests in the first part run everywhere: settings, and a real driver meeting a closed port. The
end-to-end tests run against a real Neo4j when PLEDGEGRAPH_NEO4J_URI is set (with
PLEDGEGRAPH_NEO4J_USER, _PASSWORD and _DATABASE) and are skipped, with the reason, when it is not.
They delete every pledgegraph node (label Entity) in that database, before and after: point them at
a scratch database. The README says how to start one.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from api.app import create_app
from graph.cypher import QueryLibrary
from graph.loader import load_dataset
from graph.neo4j_export import cypher_script, read_rows
from graph.neo4j_store import Neo4jStore
from graph.store import StoreError, StoreUnavailable
from pledgegraph.cli import main
from pledgegraph.pipeline import read_dataset
from pledgegraph.settings import BUNDLED_DATA, Settings
from pledgegraph.stores import kglite_reader, neo4j_store, reader
from schema import load_schema
from tests.conftest import snapshot
from tests.http_contract import CALLS, answers, recorded
from tests.script_player import play

URI = os.environ.get("PLEDGEGRAPH_NEO4J_URI")


# --- everywhere ---------------------------------------------------------------------------------


def test_neo4j_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLEDGEGRAPH_STORE", "neo4j")
    monkeypatch.setenv("PLEDGEGRAPH_NEO4J_URI", "neo4j+s://example.databases.neo4j.io")
    monkeypatch.setenv("PLEDGEGRAPH_NEO4J_PASSWORD", "secret")
    monkeypatch.setenv("PLEDGEGRAPH_NEO4J_DATABASE", "pledges")
    settings = Settings()
    assert settings.store == "neo4j" and settings.neo4j_database == "pledges"
    assert settings.neo4j_password is not None and "secret" not in repr(settings)


@pytest.mark.parametrize("uri", ["http://localhost:7474", "localhost:7687", "file:///x"])
def test_a_uri_that_is_not_bolt_is_refused(uri: str) -> None:
    with pytest.raises(ValidationError, match="neo4j_uri"):
        Settings(neo4j_uri=uri)


def test_no_uri_is_a_clear_error() -> None:
    with (
        pytest.raises(StoreError, match="set PLEDGEGRAPH_NEO4J_URI"),
        neo4j_store(Settings(store="neo4j", neo4j_uri=None)),
    ):
        pass


def test_an_unreachable_server_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    """A real driver against a closed local port: refused at once, reported plainly."""
    settings = Settings(store="neo4j", neo4j_uri="bolt://127.0.0.1:9", neo4j_password="x")
    with (
        pytest.raises(StoreUnavailable, match=r"cannot reach Neo4j at bolt://127.0.0.1:9"),
        reader(settings),
    ):
        pass
    code = main(["query", "labs", "--store", "neo4j", "--neo4j-uri", "bolt://127.0.0.1:9"])
    assert code == 1
    assert "cannot reach Neo4j" in capsys.readouterr().err


def test_a_bad_setting_names_its_variable(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "labs", "--store", "neo4j", "--neo4j-uri", "http://x"]) == 2
    assert "PLEDGEGRAPH_NEO4J_URI" in capsys.readouterr().err


# --- against a real Neo4j -----------------------------------------------------------------------

needs_neo4j = pytest.mark.skipif(
    not URI,
    reason="no Neo4j here: set PLEDGEGRAPH_NEO4J_URI (and _USER, _PASSWORD, _DATABASE) to run "
    "the end-to-end tests against a real Neo4j (README: 'Neo4j')",
)


@pytest.fixture(scope="module")
def neo4j_settings() -> Settings:
    """The bundled data without the text archive: the recording's conditions."""
    return Settings(store="neo4j", data=BUNDLED_DATA, texts=None)


@pytest.fixture
def neo4j(neo4j_settings: Settings, queries: QueryLibrary) -> Iterator[Neo4jStore]:
    with neo4j_store(neo4j_settings) as store:
        store.write([(queries["load/delete_all"], {})])
        yield store
        store.write([(queries["load/delete_all"], {})])


def driver_runner(store: Neo4jStore) -> Any:
    def run(text: str, params: Mapping[str, Any]) -> list[dict[str, Any]]:
        records, _, _ = store.driver.execute_query(
            text,  # type: ignore[arg-type]  # a script's statements, in a test
            dict(params),
            database_=store.database,
        )
        return [r.data() for r in records]

    return run


@needs_neo4j
def test_load_is_idempotent(
    neo4j: Neo4jStore, neo4j_settings: Settings, queries: QueryLibrary
) -> None:
    dataset = read_dataset(neo4j_settings)
    first = load_dataset(neo4j, queries, dataset)
    assert first.added == len(dataset.statements) and first.removed == 0
    before = snapshot(neo4j, queries)
    again = load_dataset(neo4j, queries, dataset)
    assert (again.added, again.removed, again.unchanged) == (0, 0, len(dataset.statements))
    assert snapshot(neo4j, queries) == before


@needs_neo4j
def test_a_failed_load_changes_nothing(
    neo4j: Neo4jStore, neo4j_settings: Settings, queries: QueryLibrary
) -> None:
    dataset = read_dataset(neo4j_settings)
    load_dataset(neo4j, queries, dataset)
    before = snapshot(neo4j, queries)
    lab = next(e for e in dataset.entities if e.id == "anthropic")
    dataset.entities.append(type(lab)(kind="Company", id=lab.id, properties=lab.properties))
    with pytest.raises(StoreError, match="rolled back"):
        load_dataset(neo4j, queries, dataset)
    assert snapshot(neo4j, queries) == before


@needs_neo4j
def test_http_answers_match_the_recording(
    neo4j: Neo4jStore, neo4j_settings: Settings, queries: QueryLibrary
) -> None:
    load_dataset(neo4j, queries, read_dataset(neo4j_settings))
    with TestClient(create_app(neo4j_settings)) as client:
        got = answers(client)
    expected = recorded()
    for path in CALLS:
        assert got[path] == expected[path], path


@needs_neo4j
def test_cli_load_and_query(neo4j: Neo4jStore, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["load", "--store", "neo4j"]) == 0
    assert "loaded into Neo4j" in capsys.readouterr().out
    assert main(["query", "lab_dropped", "-p", "lab=anthropic", "--store", "neo4j"]) == 0
    assert "anthropic-pause-or-delay-pledge" in capsys.readouterr().out


@needs_neo4j
def test_the_cypher_export_loads_into_neo4j(
    neo4j: Neo4jStore, bundled_settings: Settings, queries: QueryLibrary, tmp_path: Path
) -> None:
    source = kglite_reader(bundled_settings.store_path, 10_000)
    script = "".join(cypher_script(read_rows(source, queries, load_schema()), queries))
    play(driver_runner(neo4j), script)
    got, want = snapshot(neo4j, queries), snapshot(source, queries)
    for node in got[0] + want[0]:
        node["labels"] = sorted(node["labels"])
    assert got == want

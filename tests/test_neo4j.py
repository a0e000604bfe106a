"""The Neo4j backend through the official driver, against a real Neo4j.

The tests in the first part need no server: settings, and a real driver meeting a closed port. The
rest run against the Neo4j of the ``neo4j_server`` fixture (tests/conftest.py): the one that
PLEDGEGRAPH_NEO4J_URI names, or a local Neo4j Community the suite starts itself. They delete every
pledgegraph node (label Entity) in that database, before and after: point them at a scratch
database.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import kglite
import pytest
import yaml
from fastapi.testclient import TestClient
from pydantic import ValidationError

from api.app import create_app
from graph.cypher import QueryLibrary
from graph.data_version import read_version
from graph.kglite_store import KgliteStore
from graph.loader import load_dataset
from graph.neo4j_export import cypher_script, read_rows
from graph.neo4j_store import Neo4jStore
from graph.store import StoreError, StoreUnavailable
from pledgegraph.cli import main
from pledgegraph.pipeline import read_dataset
from pledgegraph.settings import BUNDLED_DATA, Settings
from pledgegraph.stores import MIN_NEO4J, kglite_reader, neo4j_major, neo4j_store, reader
from schema import load_schema
from scripts.neo4j.local_neo4j import LEGACY, LocalNeo4j, clean_stale_runs
from tests.conftest import Neo4jServer, snapshot
from tests.http_contract import CALLS, answers, recorded
from tests.script_player import play

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


@pytest.mark.parametrize(
    ("agent", "major"), [("Neo4j/5.26.30", 5), ("Neo4j/4.4.41", 4), ("Neo4j/2025.10.1", 2025)]
)
def test_the_server_version_is_read_from_its_agent(agent: str, major: int) -> None:
    assert neo4j_major(agent) == major and (major >= MIN_NEO4J) == (major != 4)


# --- against a real Neo4j -----------------------------------------------------------------------


def settings_for(server: Neo4jServer, **overrides: Any) -> Settings:
    """The bundled data without the text archive (the recording's conditions), on ``server``."""
    values: dict[str, Any] = {
        "store": "neo4j",
        "data": BUNDLED_DATA,
        "texts": None,
        "neo4j_uri": server.uri,
        "neo4j_user": server.user,
        "neo4j_password": server.password,
        "neo4j_database": server.database,
    }
    return Settings(**(values | overrides))


@pytest.fixture
def neo4j_settings(neo4j_server: Neo4jServer) -> Settings:
    return settings_for(neo4j_server)


@pytest.fixture
def neo4j(neo4j_settings: Settings, queries: QueryLibrary) -> Iterator[Neo4jStore]:
    """The test Neo4j, emptied of pledgegraph nodes before and after."""
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


def sorted_labels(state: tuple[list[Any], list[Any]]) -> tuple[list[Any], list[Any]]:
    nodes, statements = state
    for node in nodes:
        node["labels"] = sorted(node["labels"])
    return nodes, statements


def test_the_server_is_neo4j_5(neo4j: Neo4jStore) -> None:
    records, _, _ = neo4j.driver.execute_query("CALL dbms.components() YIELD name, versions")
    assert records[0]["name"] == "Neo4j Kernel"
    assert records[0]["versions"][0].startswith("5.")


def test_load_is_idempotent(
    neo4j: Neo4jStore, neo4j_settings: Settings, queries: QueryLibrary
) -> None:
    dataset = read_dataset(neo4j_settings)
    first = load_dataset(neo4j, queries, dataset)
    assert first.added == len(dataset.statements) and first.removed == 0
    assert first.statements == len(dataset.statements)
    before = snapshot(neo4j, queries)
    writes: list[Any] = []
    recording = _RecordingStore(neo4j, writes)
    again = load_dataset(recording, queries, dataset)  # type: ignore[arg-type]
    assert (again.added, again.removed, again.unchanged) == (0, 0, len(dataset.statements))
    assert writes == [], "a second load of the same data wrote to Neo4j"
    assert snapshot(neo4j, queries) == before
    # The data version (answers' ETags) is the one the embedded store gets from the same load.
    graph = kglite.KnowledgeGraph()
    load_dataset(KgliteStore(graph), queries, dataset)
    assert read_version(neo4j, queries) == read_version(KgliteStore(graph), queries) is not None


class _RecordingStore:
    """A Neo4j store that notes every write it passes on."""

    def __init__(self, store: Neo4jStore, writes: list[Any]) -> None:
        self.store, self.writes = store, writes
        self.name = store.name

    def read(self, *args: Any) -> Any:
        return self.store.read(*args)

    def apply_schema(self, *args: Any) -> None:
        self.store.apply_schema(*args)

    def write(self, steps: Any) -> None:
        self.writes.append(steps)
        self.store.write(steps)


def test_a_load_that_fails_half_way_changes_nothing(
    neo4j: Neo4jStore,
    neo4j_settings: Settings,
    queries: QueryLibrary,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Half the sources loaded; then all of them in batches of five, the last statement carrying a
    value Neo4j refuses (a map): the batches before it ran in the same transaction, and all roll
    back."""
    dataset = read_dataset(neo4j_settings)
    half = dataset.sources[: len(dataset.sources) // 2]
    load_dataset(neo4j, queries, read_dataset(neo4j_settings, only=half))
    before = snapshot(neo4j, queries)
    assert before[1], "the first half loaded nothing"
    last = dataset.statements[-1]
    dataset.statements[-1] = dataclasses.replace(last, facts={**last.facts, "bad": {"a": "map"}})
    monkeypatch.setattr("graph.loader.BATCH", 5)
    with pytest.raises(StoreError, match="rolled back") as caught:
        load_dataset(neo4j, queries, dataset)
    assert "Property values can only be of primitive types" in str(caught.value)
    assert snapshot(neo4j, queries) == before


def settings_for_data(settings: Settings, data: Path) -> Settings:
    return settings.model_copy(update={"data": data})


def test_a_changed_source_replaces_only_its_statements(
    neo4j: Neo4jStore, neo4j_settings: Settings, queries: QueryLibrary, tmp_path: Path
) -> None:
    load_dataset(neo4j, queries, read_dataset(neo4j_settings))
    _, statements_before = snapshot(neo4j, queries)
    data = tmp_path / "data"
    shutil.copytree(neo4j_settings.data, data)
    source = "cybernews-anthropic-rsp-v3"
    claims = data / "sources" / source / "claims.yaml"
    claims_data = yaml.safe_load(claims.read_text(encoding="utf-8"))
    claims_data["facts"].pop()  # the source no longer states its last fact
    claims.write_text(yaml.safe_dump(claims_data, allow_unicode=True), encoding="utf-8")
    changed = read_dataset(settings_for_data(neo4j_settings, data))
    report = load_dataset(neo4j, queries, changed)
    assert report.removed >= 1 and report.added == 0
    _, statements_after = snapshot(neo4j, queries)
    others_before = [s for s in statements_before if s["properties"]["source"] != source]
    others_after = [s for s in statements_after if s["properties"]["source"] != source]
    assert others_after == others_before
    mine_after = {
        s["properties"]["id"] for s in statements_after if s["properties"]["source"] == source
    }
    assert mine_after == {s.id for s in changed.statements if s.source == source}
    assert len(mine_after) < len(
        [s for s in statements_before if s["properties"]["source"] == source]
    )


def test_http_answers_match_the_recording(
    neo4j: Neo4jStore, neo4j_settings: Settings, queries: QueryLibrary
) -> None:
    """Byte for byte after canonical JSON: every recorded answer, from Neo4j."""
    load_dataset(neo4j, queries, read_dataset(neo4j_settings))
    with TestClient(create_app(neo4j_settings)) as client:
        got = answers(client)
    expected = recorded()
    assert list(got) == CALLS
    for path in CALLS:
        assert canonical(got[path]) == canonical(expected[path]), path


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def test_cli_load_and_query(
    neo4j: Neo4jStore,
    neo4j_server: Neo4jServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for key, value in neo4j_server.environment().items():
        monkeypatch.setenv(key, value)
    assert main(["load", "--store", "neo4j"]) == 0
    assert "loaded into Neo4j" in capsys.readouterr().out
    assert main(["load", "--store", "neo4j"]) == 0
    assert "0 statement(s) added, 0 removed" in capsys.readouterr().out
    assert main(["query", "lab_dropped", "-p", "lab=anthropic", "--store", "neo4j"]) == 0
    assert "anthropic-pause-or-delay-pledge" in capsys.readouterr().out


def test_the_cypher_export_loads_into_neo4j(
    neo4j: Neo4jStore, bundled_settings: Settings, queries: QueryLibrary
) -> None:
    """The script `export --format cypher` writes, replayed through the driver, gives the same
    nodes and statements as the embedded store it was exported from."""
    source = kglite_reader(bundled_settings.store_path, 10_000)
    script = "".join(cypher_script(read_rows(source, queries, load_schema()), queries))
    play(driver_runner(neo4j), script)
    assert sorted_labels(snapshot(neo4j, queries)) == sorted_labels(snapshot(source, queries))


def test_the_cypher_export_equals_a_neo4j_load(
    neo4j: Neo4jStore, neo4j_settings: Settings, queries: QueryLibrary
) -> None:
    """Exported from Neo4j itself, wiped, replayed: the same graph as `load --store neo4j`."""
    load_dataset(neo4j, queries, read_dataset(neo4j_settings))
    loaded = sorted_labels(snapshot(neo4j, queries))
    script = "".join(cypher_script(read_rows(neo4j, queries, load_schema()), queries))
    neo4j.write([(queries["load/delete_all"], {})])
    assert snapshot(neo4j, queries) == ([], [])
    play(driver_runner(neo4j), script)
    assert sorted_labels(snapshot(neo4j, queries)) == loaded


# --- bad settings against a real server ---------------------------------------------------------


def test_a_wrong_password_names_the_setting_and_hides_the_password(
    neo4j_server: Neo4jServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    wrong = "not-the-password-42"
    settings = settings_for(neo4j_server, neo4j_password=wrong)
    with pytest.raises(StoreError, match="PLEDGEGRAPH_NEO4J_PASSWORD") as caught, reader(settings):
        pass
    assert wrong not in str(caught.value)
    monkeypatch.setenv("PLEDGEGRAPH_NEO4J_PASSWORD", wrong)
    assert main(["query", "labs", "--store", "neo4j", "--neo4j-uri", neo4j_server.uri]) == 1
    err = capsys.readouterr().err
    assert "PLEDGEGRAPH_NEO4J_PASSWORD" in err and wrong not in err


def test_a_database_that_does_not_exist_names_the_setting(neo4j_server: Neo4jServer) -> None:
    settings = settings_for(neo4j_server, neo4j_database="nosuchdb")
    with pytest.raises(StoreError, match="PLEDGEGRAPH_NEO4J_DATABASE") as caught, reader(settings):
        pass
    assert "nosuchdb" in str(caught.value)


def test_a_neo4j_4_server_is_refused_by_name(capsys: pytest.CaptureFixture[str]) -> None:
    """A real Neo4j 4.4 (the newest 4.x on Maven Central): refused, naming the setting to change."""
    with LocalNeo4j(module=LEGACY) as old:
        assert old.version.startswith("4.4")
        server = Neo4jServer(old.bolt_uri, old.user, old.password, None)
        with (
            pytest.raises(StoreError, match=r"needs Neo4j 5 or newer") as caught,
            reader(settings_for(server)),
        ):
            pass
        assert "PLEDGEGRAPH_NEO4J_URI" in str(caught.value) and "Neo4j/4.4" in str(caught.value)
        assert main(["query", "labs", "--store", "neo4j", "--neo4j-uri", old.bolt_uri]) == 1
        assert "needs Neo4j 5 or newer" in capsys.readouterr().err


# --- the local Neo4j's own housekeeping ---------------------------------------------------------


def test_a_crashed_runs_folder_is_removed_by_the_next_start(tmp_path: Path) -> None:
    """Folders are named after the process that started the server; once it is gone (killed), the
    next start removes its folder, and leaves a live process's folder alone."""
    import subprocess
    import sys

    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    stale = tmp_path / f"run-{gone.pid}-1"
    (stale / "data").mkdir(parents=True)
    (stale / "data" / "store_lock").write_text("held", encoding="utf-8")
    live = tmp_path / f"run-{os.getpid()}-1"
    live.mkdir()
    clean_stale_runs(tmp_path)
    assert not stale.exists() and live.exists()

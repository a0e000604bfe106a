"""Shared fixtures: fixture data, real kglite stores, the app."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import kglite
import pytest

from graph.cypher import QueryLibrary
from graph.kglite_store import KgliteStore
from graph.store import GraphStore
from pledgegraph.pipeline import build_store
from pledgegraph.settings import BUNDLED_DATA, Settings
from scripts.neo4j.local_neo4j import LocalNeo4j, Neo4jStartError
from tests.fixtures import write_fixture

SHARED_SOURCES = Path(__file__).resolve().parents[2] / "shared" / "sources"
# Test switches and the Neo4j the harness started stay; every other setting of the caller's
# environment (a text archive, a store, a data folder...) would change what the tests see.
KEPT_SETTINGS = ("PLEDGEGRAPH_NEO4J_", "PLEDGEGRAPH_RECORD")


@pytest.fixture(autouse=True)
def _callers_settings_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("PLEDGEGRAPH_") and not name.startswith(KEPT_SETTINGS):
            monkeypatch.delenv(name)


@pytest.fixture
def fixture_dirs(tmp_path: Path) -> tuple[Path, Path]:
    """(data folder, text archive) with two small sources the tests wrote themselves."""
    return write_fixture(tmp_path)


@pytest.fixture
def settings(fixture_dirs: tuple[Path, Path], tmp_path: Path) -> Settings:
    data, texts = fixture_dirs
    return Settings(data=data, texts=texts, store_path=tmp_path / "graph.kgl")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[KgliteStore]:
    """An empty embedded store backed by a file."""
    graph = kglite.open(str(tmp_path / "store.kgl"))
    yield KgliteStore(graph)
    graph.close()


@pytest.fixture(scope="session")
def queries() -> QueryLibrary:
    return QueryLibrary()


@pytest.fixture(scope="session")
def shared_sources() -> Path:
    """The project's shared text archive; tests that need it are skipped without it."""
    if not (SHARED_SOURCES / "cybernews-anthropic-rsp-v3.txt").is_file():
        pytest.skip(f"the shared text archive is not at {SHARED_SOURCES}")
    return SHARED_SOURCES


@pytest.fixture(scope="session")
def bundled_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings for a store built once from the bundled data (texts checked when available)."""
    texts = SHARED_SOURCES if SHARED_SOURCES.is_dir() else None
    path = tmp_path_factory.mktemp("bundled") / "graph.kgl"
    settings = Settings(data=BUNDLED_DATA, texts=texts, store_path=path)
    build_store(path, settings)
    return settings


def snapshot(store: GraphStore, queries: QueryLibrary) -> tuple[list[Any], list[Any]]:
    """Everything a store holds, for before/after comparisons."""
    return store.read(queries["read/all_nodes"]), store.read(queries["read/all_statements"])


def with_admin_token(settings: Settings, token: str) -> Settings:
    """The same settings with an admin token (validated, so the token is a secret)."""
    return Settings(
        data=settings.data, texts=settings.texts, store_path=settings.store_path, admin_token=token
    )


@dataclass(frozen=True)
class Neo4jServer:
    """A real Neo4j for the tests: its Bolt address and credentials."""

    uri: str
    user: str
    password: str
    database: str | None
    local: LocalNeo4j | None = None
    browser_url: str | None = None  # its Neo4j Browser, when known

    def environment(self) -> dict[str, str]:
        env = {
            "PLEDGEGRAPH_NEO4J_URI": self.uri,
            "PLEDGEGRAPH_NEO4J_USER": self.user,
            "PLEDGEGRAPH_NEO4J_PASSWORD": self.password,
        }
        if self.database:
            env["PLEDGEGRAPH_NEO4J_DATABASE"] = self.database
        return env


@pytest.fixture(scope="session")
def neo4j_server() -> Iterator[Neo4jServer]:
    """The Neo4j that PLEDGEGRAPH_NEO4J_URI names (scripts/test.sh starts one with scripts/neo4j.sh),
    or else a local Neo4j Community started here (scripts/neo4j/, needs Java 17+ and Maven).

    Without either, the Neo4j tests are skipped with the reason, except in CI, where they fail:
    a Neo4j test skipped in CI would be a missing test.
    """
    uri = os.environ.get("PLEDGEGRAPH_NEO4J_URI")
    if uri:
        yield Neo4jServer(
            uri=uri,
            user=os.environ.get("PLEDGEGRAPH_NEO4J_USER", "neo4j"),
            password=os.environ.get("PLEDGEGRAPH_NEO4J_PASSWORD", ""),
            database=os.environ.get("PLEDGEGRAPH_NEO4J_DATABASE") or None,
            browser_url=os.environ.get("NEO4J_BROWSER_URL") or None,
        )
        return
    try:
        local = LocalNeo4j().start()
    except Neo4jStartError as err:
        message = f"no Neo4j: set PLEDGEGRAPH_NEO4J_URI or install Java 17+ and Maven ({err})"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    try:
        yield Neo4jServer(
            local.bolt_uri,
            local.user,
            local.password,
            "neo4j",
            local,
            browser_url=f"{local.http_uri}/browser/",
        )
    finally:
        local.stop()

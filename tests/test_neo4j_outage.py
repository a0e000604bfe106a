"""`serve --store neo4j` outlives its Neo4j: 503 while the server is down, answers once it is back.

A real uvicorn server (`pledgegraph serve`) over a Neo4j Community server of its own, stopped and
started again on the same port while `serve` keeps running.
"""

from __future__ import annotations

import time
from pathlib import Path

import httpx

from graph.cypher import QueryLibrary
from graph.loader import load_dataset
from pledgegraph.pipeline import read_dataset
from pledgegraph.stores import neo4j_store
from scripts.neo4j.local_neo4j import LocalNeo4j
from tests.conftest import Neo4jServer
from tests.server import running_server
from tests.test_neo4j import settings_for


def load_bundled(server: LocalNeo4j, queries: QueryLibrary) -> None:
    target = Neo4jServer(server.bolt_uri, server.user, server.password, "neo4j")
    settings = settings_for(target)
    with neo4j_store(settings) as store:
        load_dataset(store, queries, read_dataset(settings))


def wait_for(url: str, status: int, seconds: float) -> httpx.Response:
    deadline = time.monotonic() + seconds
    while True:
        response = httpx.get(url, timeout=30)
        if response.status_code == status or time.monotonic() > deadline:
            return response
        time.sleep(0.5)


def test_serve_answers_503_while_neo4j_is_down_and_recovers(
    queries: QueryLibrary, tmp_path: Path
) -> None:
    first = LocalNeo4j().start()
    try:
        load_bundled(first, queries)
        env = {
            "PLEDGEGRAPH_STORE": "neo4j",
            "PLEDGEGRAPH_NEO4J_URI": first.bolt_uri,
            "PLEDGEGRAPH_NEO4J_PASSWORD": first.password,
            "PLEDGEGRAPH_QUERY_TIMEOUT_MS": "5000",
        }
        with running_server(tmp_path / "unused.kgl", env_extra=env) as base:
            url = base + "/labs/anthropic/dropped"
            up = httpx.get(url, timeout=30)
            assert up.status_code == 200 and up.json()

            bolt_port, password, home = first.bolt_port, first.password, first.home
            first.stop()
            assert home is not None and not home.exists(), "the database folder was left behind"
            down = httpx.get(url, timeout=30)
            assert down.status_code == 503
            assert "Neo4j" in down.json()["detail"]
            assert httpx.get(base + "/healthz", timeout=10).status_code == 200

            second = LocalNeo4j(bolt_port=bolt_port, password=password).start()
            try:
                load_bundled(second, queries)
                back = wait_for(url, 200, 30)
                assert back.status_code == 200, back.text
                assert back.json() == up.json()
            finally:
                second.stop()
    finally:
        first.stop()

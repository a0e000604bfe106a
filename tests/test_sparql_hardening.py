"""The SPARQL endpoint cannot be made to reach out, crash for good, stall the server or starve.

The engine that runs a query (pyoxigraph, in a worker process) is the only one that parses it;
workers have no network access at all, are replaced when they die, and queries past the
documented limits are refused before they run.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph import sparql
from graph.sparql import SparqlRefused, SparqlService, _FairQueue, check_limits
from pledgegraph.settings import Settings
from tests.server import running_server

JSON = "application/sparql-results+json"
ASK = "ASK { ?s ?p ?o }"


@pytest.fixture(scope="module")
def client(bundled_settings: Settings) -> Iterator[TestClient]:
    settings = bundled_settings.model_copy(update={"sparql_timeout_ms": 3_000})
    with TestClient(create_app(settings)) as client:
        yield client


@contextlib.contextmanager
def listener() -> Iterator[tuple[int, list[object]]]:
    """A local TCP listener that records every connection made to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.settimeout(0.2)
    connections: list[object] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            with contextlib.suppress(OSError):
                connections.append(server.accept())

    thread = threading.Thread(target=accept)
    thread.start()
    try:
        yield server.getsockname()[1], connections
    finally:
        stop.set()
        thread.join()
        server.close()


def ssrf_variants(port: int) -> list[str]:
    target = f"http://127.0.0.1:{port}/x"
    body = f"SERVICE <{target}> {{ ?s ?p ?o }}"
    return [
        # The reported request: a comment ended by a bare carriage return.
        f"SELECT ?s WHERE {{ # \r {body} \n }}",
        f"SELECT ?s WHERE {{ # \r\n {body} \n }}",
        f"SELECT ?s WHERE {{ # \n {body} }}",
        f"SELECT ?s WHERE {{ {body} }}",
        f"SELECT ?s WHERE {{ SERVICE SILENT <{target}> {{ ?s ?p ?o }} }}",
        f"select ?s where {{ service <{target}> {{ ?s ?p ?o }} }}",
        f"SELECT ?s WHERE {{ \\u0053ERVICE <{target}> {{ ?s ?p ?o }} }}",
        f"SELECT ?s WHERE {{ SERVICE <http://[::1]:{port}/x> {{ ?s ?p ?o }} }}",
        f"SELECT ?s WHERE {{ BIND(<{target}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
        f"SELECT ?s WHERE {{ VALUES ?e {{ <{target}> }} SERVICE ?e {{ ?s ?p ?o }} }}",
        f"ASK {{ {body} }}",
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {body} }}",
        f"PREFIX x: <http://127.0.0.1:{port}/> SELECT ?s WHERE {{ SERVICE x:x {{ ?s ?p ?o }} }}",
    ]


def test_no_query_makes_the_server_connect_anywhere(client: TestClient) -> None:
    with listener() as (port, connections):
        for query in ssrf_variants(port):
            response = client.get("/sparql", params={"query": query})
            assert response.status_code in (200, 400), (query, response.text)
            if "SERVICE <" in query and "SILENT" not in query:
                # The engine read a SERVICE call and could not make it.
                assert "SERVICE is refused" in response.json()["detail"], query
        post = client.post(
            "/sparql",
            content=ssrf_variants(port)[0],
            headers={"content-type": "application/sparql-query"},
        )
        assert post.status_code in (200, 400)
        time.sleep(0.5)
    assert connections == [], "a query made the server connect to the listener"


def test_a_worker_cannot_open_a_network_socket() -> None:
    """The sandbox itself, in a process of its own: IPv4 and IPv6 sockets fail, Unix ones work."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child reports through the pipe
        os.close(read)
        outcome = b""
        try:
            sparql.forbid_network()
            for family in (socket.AF_INET, socket.AF_INET6):
                try:
                    socket.socket(family).close()
                    outcome += b"open "
                except OSError:
                    outcome += b"refused "
            socket.socketpair()[0].close()
            outcome += b"unix"
        finally:
            os.write(write, outcome)
            os._exit(0)
    os.close(write)
    os.waitpid(pid, 0)
    assert os.read(read, 100) == b"refused refused unix"
    os.close(read)


@pytest.mark.parametrize(
    ("query", "limit"),
    [
        ("SELECT * WHERE { " + " UNION ".join(["{}"] * 1_500) + " }", "UNIONs"),
        ("SELECT * WHERE { ?s ?p ?o FILTER(" + " || ".join(["?o"] * 1_500) + ") }", "operators"),
        ("SELECT * WHERE { ?s ?p ?o FILTER(?o = " + " + ".join(["1"] * 1_500) + ") }", "operators"),
        ("SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 100 + "?o" + ")" * 100 + ") }", "nested"),
        ("SELECT * WHERE " + "{ " * 100 + "?s ?p ?o" + " }" * 100, "nested"),
        ("SELECT * WHERE { ?s ?p ?o " + "\\u007B " * 100 + "}", "nested"),
        ("SELECT * WHERE { VALUES ?v { " + "1 " * 12_000 + "} }", "terms"),
        ("SELECT * WHERE { ?s ?p ?o } #" + "x" * 70_000, "characters"),
    ],
)
def test_queries_past_a_limit_are_refused_before_they_run(query: str, limit: str) -> None:
    with pytest.raises(SparqlRefused, match=limit):
        check_limits(query)


def test_limits_leave_ordinary_queries_alone() -> None:
    check_limits('SELECT ?s WHERE { ?s <http://x/p> "a { ( [ UNION || " . # } } }\n ?s ?p ?o }')
    check_limits("SELECT * WHERE { " + " UNION ".join(["{ ?s ?p ?o }"] * 100) + " }")
    check_limits("SELECT * WHERE { " + " . ".join(f"?s{i} ?p ?o{i}" for i in range(100)) + " }")


def test_the_reported_union_query_is_refused_and_sparql_goes_on(client: TestClient) -> None:
    huge = "SELECT * WHERE { " + " UNION ".join(["{}"] * 8_000) + " }"
    refused = client.post(
        "/sparql", content=huge, headers={"content-type": "application/sparql-query"}
    )
    assert refused.status_code == 400 and "limit" in refused.json()["detail"]
    assert client.get("/sparql", params={"query": ASK}).status_code == 200
    deep = "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 50 + "?o" + ")" * 50 + ") }"
    assert client.get("/sparql", params={"query": deep}).status_code == 200
    many = "SELECT * WHERE { " + " . ".join(f"?s ?p{i} ?o{i}" for i in range(100)) + " } LIMIT 1"
    assert client.get("/sparql", params={"query": many}).status_code in (200, 503)


def test_a_dead_worker_is_replaced_and_its_request_answered() -> None:
    service = SparqlService(b'<http://a> <http://p> "x" .\n', timeout_s=5, max_rows=10, workers=1)
    try:
        worker = service._queue.get("", 1)
        assert worker is not None
        os.kill(worker.process.pid, signal.SIGSEGV)
        worker.process.join(5)
        service._queue.put(worker)
        with pytest.raises(SparqlRefused, match="stopped the SPARQL engine"):
            service.run(ASK, JSON, None)
        again = service.run(ASK, JSON, None)  # the replacement answers
        assert again.body == b'{"head": {}, "boolean": true}'
    finally:
        service.close()


def test_a_query_past_the_memory_limit_stops_only_itself(bundled_settings: Settings) -> None:
    settings = bundled_settings.model_copy(
        update={"sparql_memory_mb": 128, "sparql_timeout_ms": 8_000}
    )
    with TestClient(create_app(settings)) as client:
        greedy = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?d ?g"
        response = client.get("/sparql", params={"query": greedy})
        assert response.status_code in (400, 503), response.text
        assert client.get("/sparql", params={"query": ASK}).status_code == 200


def test_free_workers_go_to_waiting_clients_in_turn() -> None:
    queue = _FairQueue()
    token = object()
    served: list[str] = []
    lock = threading.Lock()

    def ask(client: str) -> None:
        worker = queue.get(client, 10)
        with lock:
            served.append(client)
        time.sleep(0.05)
        queue.put(worker)  # type: ignore[arg-type]

    threads = []
    for client in ["heavy", "heavy", "heavy", "heavy", "light"]:
        thread = threading.Thread(target=ask, args=(client,))
        thread.start()
        threads.append(thread)
        time.sleep(0.02)  # arrive in this order
    queue.put(token)  # type: ignore[arg-type]  # one free slot
    for thread in threads:
        thread.join()
    assert served.index("light") <= 1, served


def test_a_slow_query_does_not_stall_the_server(tmp_path: Path) -> None:
    """While a SPARQL query runs to its time limit, /healthz keeps answering."""
    env = {"PLEDGEGRAPH_SPARQL_TIMEOUT_MS": "3000"}
    with running_server(tmp_path / "graph.kgl", env_extra=env) as base:
        heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z . ?d ?s ?w }"
        done = threading.Event()
        answers: list[int] = []

        def run_heavy() -> None:
            answers.append(
                httpx.get(base + "/sparql", params={"query": heavy}, timeout=60).status_code
            )
            done.set()

        thread = threading.Thread(target=run_heavy)
        thread.start()
        time.sleep(0.5)
        healthy = 0
        with httpx.Client(timeout=10) as http:
            while not done.is_set():
                assert http.get(base + "/healthz").status_code == 200
                healthy += 1
        thread.join()
        assert answers == [503] and healthy > 1

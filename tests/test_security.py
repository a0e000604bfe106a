"""Nobody let in: no caller-written Cypher, bounded requests and results, explicit CORS, admin
endpoints off unless a token is set, localhost by default."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.cypher import QueryLibrary
from pledgegraph.settings import Settings
from pledgegraph.stores import kglite_reader
from tests.conftest import snapshot, with_admin_token

HOSTILE = [
    "anthropic' OR 1=1 //",
    'x"}) MATCH (n) DETACH DELETE n //',
    "x` DETACH DELETE n //",
    "$lab",
    "'; CALL db.labels() YIELD label RETURN label //",
    "\\u0027) RETURN 1 //",
    "\x00\x1f",
    "日本語 ‮ ",
    "a" * 999,
]


@pytest.fixture(scope="module")
def client(bundled_settings: Settings) -> Iterator[TestClient]:
    settings = bundled_settings.model_copy(update={"max_rows": 3, "max_request_bytes": 10_000})
    with TestClient(create_app(settings)) as client:
        yield client


def test_injection_through_every_parameter_changes_nothing(
    client: TestClient, bundled_settings: Settings, queries: QueryLibrary
) -> None:
    store = kglite_reader(bundled_settings.store_path, 10_000)
    before = snapshot(store, queries)
    statuses: set[int] = set()
    for query in queries.public():
        for param in query.parameters:
            for value in HOSTILE:
                params: dict[str, Any] = query.example_params()
                params[param.name] = value
                response = client.get(f"/queries/{query.name}", params=params)
                statuses.add(response.status_code)
                assert response.status_code in (200, 404, 422), (query.name, param.name, value)
    for path in (
        "/labs/{}/dropped",
        "/labs/{}/commitments",
        "/commitments/{}",
        "/entities/{}",
        "/labs/{}/page",
    ):
        for value in HOSTILE[:6]:
            response = client.get(path.format(value.replace("/", "%2F")))
            assert response.status_code in (404, 422), (path, value)
    for name in ("target", "by"):
        for value in HOSTILE:
            # A hostile value names nothing: 404 (a name that matches nothing) or 422.
            assert client.get("/pressure", params={name: value}).status_code in (404, 422)
    assert snapshot(kglite_reader(bundled_settings.store_path, 10_000), queries) == before
    assert 200 in statuses


def test_no_endpoint_takes_cypher(client: TestClient) -> None:
    openapi = client.get("/openapi.json").json()
    text = str(openapi).lower()
    assert "cypher" not in {
        p.lower()
        for path in openapi["paths"].values()
        for op in path.values()
        for p in [x["name"] for x in op.get("parameters", [])]
    }
    assert (
        client.get(
            "/queries/lab_dropped", params={"lab": "x", "cypher": "MATCH (n) RETURN n"}
        ).status_code
        == 422
    )
    assert "/cypher" not in text


def test_results_and_parameters_are_bounded(client: TestClient) -> None:
    body = client.get("/queries/labs").json()
    assert len(body["rows"]) == 3 and body["truncated"] is True
    long = client.get("/queries/lab", params={"lab": "a" * 1_001})
    assert long.status_code == 422 and "longer than 1000" in str(long.json()["detail"])
    assert client.get("/labs/" + "a" * 201 + "/dropped").status_code == 422


def test_large_request_bodies_are_refused(client: TestClient) -> None:
    big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 20_000
    declared = client.post(
        "/sparql", content=big, headers={"Content-Type": "application/sparql-query"}
    )
    assert declared.status_code == 413 and "limit of 10000 bytes" in declared.json()["detail"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit applies as the body arrives
        for _ in range(20):
            yield b"x" * 1_000

    streamed = client.post(
        "/sparql", content=chunks(), headers={"Content-Type": "application/sparql-query"}
    )
    assert streamed.status_code == 413


def test_cors_is_off_unless_configured(client: TestClient, bundled_settings: Settings) -> None:
    plain = client.get("/labs", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in plain.headers
    settings = bundled_settings.model_copy(update={"cors_origins": ["https://newsroom.example"]})
    with TestClient(create_app(settings)) as cors:
        ok = cors.get("/labs", headers={"Origin": "https://newsroom.example"})
        assert ok.headers["access-control-allow-origin"] == "https://newsroom.example"
        other = cors.get("/labs", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers
        preflight = cors.options(
            "/sparql",
            headers={
                "Origin": "https://newsroom.example",
                "Access-Control-Request-Method": "DELETE",
            },
        )
        assert preflight.status_code == 400


def test_admin_endpoints_are_off_without_a_token(client: TestClient) -> None:
    response = client.post("/admin/reload")
    assert response.status_code == 404 and "PLEDGEGRAPH_ADMIN_TOKEN" in response.json()["detail"]


def test_admin_endpoints_need_the_token(bundled_settings: Settings) -> None:
    settings = with_admin_token(bundled_settings, "s3cret-token")
    with TestClient(create_app(settings)) as client:
        assert client.post("/admin/reload").status_code == 401
        wrong = client.post("/admin/reload", headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"
        right = client.post("/admin/reload", headers={"Authorization": "Bearer s3cret-token"})
        assert right.status_code == 200 and right.json()["statements"] > 100
        assert "s3cret" not in repr(settings)


def test_the_server_binds_to_localhost_by_default() -> None:
    assert Settings().host == "127.0.0.1"

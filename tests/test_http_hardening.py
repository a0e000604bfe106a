"""HTTP details a client or an attacker meets: methods, headers, problem bodies, the admin token,
a broken store file, and slow clients against a real server."""

from __future__ import annotations

import base64
import hashlib
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.pages import STYLE
from pledgegraph.cli import main
from pledgegraph.pipeline import build_store
from pledgegraph.settings import Settings
from tests.conftest import with_admin_token
from tests.server import running_server


@pytest.fixture(scope="module")
def client(bundled_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(with_admin_token(bundled_settings, "s3cret-token"))) as client:
        yield client


# --- methods -------------------------------------------------------------------------------------


def test_a_405_lists_the_allowed_methods(client: TestClient) -> None:
    response = client.delete("/labs")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD, OPTIONS"
    assert client.put("/sparql").headers["allow"] == "GET, HEAD, OPTIONS, POST"


@pytest.mark.parametrize("path", ["/labs", "/labs/anthropic/page", "/id/lab/anthropic", "/healthz"])
def test_head_answers_like_get_without_a_body(client: TestClient, path: str) -> None:
    get, head = client.get(path), client.head(path)
    assert head.status_code == get.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]


def test_options_answers_with_allow(client: TestClient) -> None:
    response = client.options("/sparql")
    assert response.status_code == 204 and response.headers["allow"] == "GET, HEAD, OPTIONS, POST"
    assert client.options("/no/such/path").status_code == 404


def test_no_redirect_is_built_from_the_host_header(client: TestClient) -> None:
    response = client.get("/labs/", headers={"host": "evil.example"}, follow_redirects=False)
    assert response.status_code == 404 and "location" not in response.headers


# --- headers and bodies --------------------------------------------------------------------------


def test_pages_carry_a_policy_that_allows_their_style_and_no_script(client: TestClient) -> None:
    page = client.get("/labs/anthropic/page")
    policy = page.headers["content-security-policy"]
    digest = base64.b64encode(hashlib.sha256(STYLE.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in policy and "default-src 'none'" in policy
    assert "script-src" not in policy and "unsafe-inline" not in policy
    assert "<script" not in page.text
    for name, value in (
        ("x-content-type-options", "nosniff"),
        ("x-frame-options", "DENY"),
        ("referrer-policy", "no-referrer"),
    ):
        assert page.headers[name] == value
    assert client.get("/labs").headers["x-content-type-options"] == "nosniff"
    assert "content-security-policy" not in client.get("/labs").headers


def test_the_api_docs_need_nothing_from_elsewhere(client: TestClient) -> None:
    for path in ("/docs", "/redoc"):
        page = client.get(path)
        assert page.status_code == 200
        assert "cdn." not in page.text and "https://" not in page.text.split("<body", 1)[0]
        assert "'self'" in page.headers["content-security-policy"]
    assets = [
        "/static-offline-docs/swagger-ui-bundle.js",
        "/static-offline-docs/swagger-ui.css",
        "/static-offline-docs/redoc.standalone.js",
    ]
    for asset in assets:
        assert client.get(asset).status_code == 200, asset


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/labs/no-such-lab/dropped", 404),
        ("GET", "/nowhere", 404),
        ("DELETE", "/labs", 405),
        ("GET", "/sparql?query=SELEKT", 400),
        ("POST", "/admin/reload", 401),
    ],
)
def test_error_bodies_are_problem_details(
    client: TestClient, method: str, path: str, status: int
) -> None:
    response = client.request(method, path)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["type"] == "about:blank"
    assert body["title"] and body["detail"]


def test_every_error_schema_in_the_openapi_document_exists(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    schemas = document["components"]["schemas"]
    assert set(schemas["Problem"]["properties"]) == {"type", "title", "status", "detail"}
    refs = {
        media["schema"]["$ref"]
        for path in document["paths"].values()
        for operation in path.values()
        for response in operation.get("responses", {}).values()
        for media in response.get("content", {}).values()
        if "$ref" in media.get("schema", {})
    }
    assert refs and all(ref.removeprefix("#/components/schemas/") in schemas for ref in refs)
    lab_dropped = document["paths"]["/queries/lab_dropped"]["get"]["parameters"]
    assert {p["name"]: p["required"] for p in lab_dropped} == {"lab": True, "as_of": False}
    sparql_get = document["paths"]["/sparql"]["get"]["parameters"]
    # A GET with no query answers the service description (SPARQL 1.1 Service Description), so
    # the query parameter is optional.
    assert next(p for p in sparql_get if p["name"] == "query")["required"] is False


# --- the admin token -----------------------------------------------------------------------------


def test_the_admin_token_is_compared_exactly_and_failures_are_limited(
    bundled_settings: Settings,
) -> None:
    settings = with_admin_token(bundled_settings, "s3cret-token")
    with TestClient(create_app(settings)) as admin:
        good = {"authorization": "Bearer s3cret-token"}
        assert admin.post("/admin/reload", headers=good).status_code == 200
        wrong = [
            {"authorization": "s3cret-token"},  # no scheme
            {"authorization": "Bearer s3cret-token "},  # trailing space
            {"authorization": "bearer s3cret-token"},  # another spelling of the scheme
            {"authorization": "Bearer s3cret-tokeN"},
        ]
        for headers in wrong:
            assert admin.post("/admin/reload", headers=headers).status_code == 401, headers
        twice = [("authorization", "Bearer s3cret-token"), ("authorization", "Bearer x")]
        assert admin.post("/admin/reload", headers=twice).status_code == 401
        # Five failures: now even the right token waits.
        limited = admin.post("/admin/reload", headers=good)
        assert limited.status_code == 429 and int(limited.headers["retry-after"]) > 0


# --- a broken store file -------------------------------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"not a graph at all", b"RGF" + b"\x00" * 40])
def test_a_broken_store_file_is_one_clear_line(
    settings: Settings, content: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    settings.store_path.write_bytes(content)
    args = ["--store-path", str(settings.store_path)]
    assert main(["query", "labs", *args]) == 1
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "not a readable graph" in err and "--rebuild" in err
    # Serving rebuilds it from the data (it is derived), keeping the broken file beside it.
    report = build_store(settings.store_path, settings)
    assert report.statements == 4
    assert settings.store_path.with_name("graph.kgl.broken").read_bytes() == content
    assert main(["query", "labs", *args]) == 0


# --- slow clients against a real server ------------------------------------------------------------


def slow_clients(port: int, count: int) -> list[socket.socket]:
    """Connections that send half a request's headers and then nothing."""
    sockets = []
    for _ in range(count):
        sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        sockets.append(sock)
    return sockets


def closed_by_server(sock: socket.socket) -> bool:
    try:
        return sock.recv(1024) == b""
    except (ConnectionResetError, TimeoutError):
        return False


@pytest.mark.parametrize("parser", ["httptools", "h11"])
def test_slow_clients_cannot_make_the_server_time_out(tmp_path: Path, parser: str) -> None:
    """With either HTTP parser, a client that never finishes its headers is let go."""
    env = {
        "PLEDGEGRAPH_HEADER_TIMEOUT_S": "2",
        "PLEDGEGRAPH_MAX_CONNECTIONS": "100",
        "PLEDGEGRAPH_HTTP_PARSER": parser,
    }
    with running_server(tmp_path / "graph.kgl", env_extra=env) as base:
        port = int(base.rsplit(":", 1)[1])
        sockets = slow_clients(port, 60)
        try:
            with httpx.Client(timeout=5) as http:
                assert http.get(base + "/healthz").status_code == 200
            time.sleep(3)  # past the header timeout: the server let them all go
            assert all(closed_by_server(s) for s in sockets)
            # More than the cap: answered 503 at once, not left waiting.
            more = slow_clients(port, 110)
            try:
                answer = httpx.get(base + "/healthz", timeout=5)
                assert answer.status_code in (200, 503)
                time.sleep(3)
                assert httpx.get(base + "/healthz", timeout=5).status_code == 200
            finally:
                for sock in more:
                    sock.close()
        finally:
            for sock in sockets:
                sock.close()


def admin_failures_until_limited(base: str, spoof: bool) -> int:
    """Wrong admin tokens sent until a 429, each claiming another address when ``spoof``."""
    for attempt in range(1, 9):
        headers = {"authorization": "Bearer wrong"}
        if spoof:
            headers["x-forwarded-for"] = f"203.0.113.{attempt}"
        status = httpx.post(base + "/admin/reload", headers=headers, timeout=10).status_code
        if status == 429:
            return attempt
        assert status == 401
    return 0


@pytest.mark.parametrize(("trusted", "limited_at"), [("[]", 6), ('["127.0.0.1"]', 0)])
def test_forwarded_headers_count_only_from_trusted_proxies(
    tmp_path: Path, trusted: str, limited_at: int
) -> None:
    """Untrusted, X-Forwarded-For changes nothing (the limit still bites at the sixth failure);
    from a configured proxy, it names the client (each spoofed address has its own count)."""
    env = {"PLEDGEGRAPH_ADMIN_TOKEN": "s3cret-token", "PLEDGEGRAPH_TRUSTED_PROXIES": trusted}
    with running_server(tmp_path / "graph.kgl", env_extra=env) as base:
        assert admin_failures_until_limited(base, spoof=True) == limited_at

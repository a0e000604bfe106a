"""Answers kept per data version: strong ETags, 304s, Cache-Control, compression, and the data
version the loader moves on."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from fastapi.testclient import TestClient
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from api.app import create_app
from api.caching import AnswerCache
from graph.cypher import QueryLibrary
from graph.data_version import read_version
from graph.kglite_store import KgliteStore
from pledgegraph.pipeline import build_store, ingest
from pledgegraph.settings import Settings
from tests.conftest import with_admin_token
from tests.test_ingest import _break


@pytest.fixture(scope="module")
def client(bundled_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(bundled_settings)) as client:
        yield client


def test_a_read_answer_has_a_strong_etag_and_a_repeat_gets_304(client: TestClient) -> None:
    first = client.get("/labs")
    etag = first.headers["etag"]
    assert first.status_code == 200 and etag.startswith('"') and not etag.startswith("W/")
    assert first.headers["cache-control"] == "public, no-cache"
    again = client.get("/labs")
    assert again.headers["etag"] == etag and again.content == first.content
    for sent in (etag, f'"other", {etag}', f"W/{etag}", "*"):
        not_modified = client.get("/labs", headers={"If-None-Match": sent})
        assert not_modified.status_code == 304 and not_modified.content == b"", sent
        assert not_modified.headers["etag"] == etag
        assert not_modified.headers["x-content-type-options"] == "nosniff"
    assert client.get("/labs", headers={"If-None-Match": '"other"'}).status_code == 200
    head = client.head("/labs", headers={"If-None-Match": etag})
    assert head.status_code == 304


def test_compressed_and_plain_answers_are_two_representations(client: TestClient) -> None:
    plain = client.get("/labs/anthropic/page", headers={"Accept-Encoding": "identity"})
    packed = client.get("/labs/anthropic/page", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in plain.headers
    assert packed.headers["content-encoding"] == "gzip"
    assert packed.text == plain.text  # the client decoded it
    assert int(packed.headers["content-length"]) < len(plain.content) / 3
    assert packed.headers["etag"] != plain.headers["etag"]
    assert {v.strip() for v in packed.headers["vary"].split(",")} >= {"Accept", "Accept-Encoding"}
    with client.stream("GET", "/labs/anthropic/page", headers={"Accept-Encoding": "gzip"}) as raw:
        body = b"".join(raw.iter_raw())  # the bytes as sent, still compressed
        assert raw.headers["etag"] == packed.headers["etag"]
    assert gzip.decompress(body).decode() == plain.text
    small = client.get("/healthz", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in small.headers  # under 1 KB: not worth it


def test_the_accept_header_selects_the_answer_and_its_etag(client: TestClient) -> None:
    turtle = client.get("/id/lab/anthropic", headers={"Accept": "text/turtle"})
    jsonld = client.get("/id/lab/anthropic", headers={"Accept": "application/ld+json"})
    assert turtle.headers["content-type"].startswith("text/turtle")
    assert jsonld.headers["content-type"].startswith("application/ld+json")
    assert turtle.headers["etag"] != jsonld.headers["etag"]
    again = client.get("/id/lab/anthropic", headers={"Accept": "text/turtle"})
    assert again.content == turtle.content and again.headers["etag"] == turtle.headers["etag"]


def test_an_answer_built_from_the_request_address_is_kept_per_address(client: TestClient) -> None:
    """The Atom feed links to itself by the request's address: one Host's answer is never sent
    to another (no cache poisoning through the Host header)."""
    first = client.get("/feed.atom", headers={"Host": "a.example"})
    other = client.get("/feed.atom", headers={"Host": "b.example"})
    assert "a.example" in first.text and "a.example" not in other.text
    assert first.headers["etag"] != other.headers["etag"]


def test_errors_admin_and_health_are_not_kept(client: TestClient) -> None:
    missing = client.get("/labs/nobody/dropped")
    assert missing.status_code == 404 and "etag" not in missing.headers
    assert client.get("/healthz").headers["cache-control"] == "no-store"
    assert "etag" not in client.get("/healthz").headers


def test_new_data_gives_new_etags_after_a_reload(settings: Settings) -> None:
    build_store(settings.store_path, settings)
    # The file is looked at once an hour here: only the reload below reopens it.
    secured = with_admin_token(settings, "token").model_copy(update={"store_check_s": 3600})
    with TestClient(create_app(secured)) as client:
        before = client.get("/labs/example-lab/dropped")
        old = before.headers["etag"]
        _break(settings, "change: weakened", "change: replaced")
        build_store(settings.store_path, settings)
        # Until the server reopens the store it serves the graph it has: same answer, same ETag.
        assert client.get("/labs/example-lab/dropped").headers["etag"] == old
        reload = client.post("/admin/reload", headers={"Authorization": "Bearer token"})
        assert reload.status_code == 200
        after = client.get("/labs/example-lab/dropped", headers={"If-None-Match": old})
    assert after.status_code == 200 and after.headers["etag"] != old
    assert after.json()["dropped"][0]["change"] == "replaced"


def test_the_loader_moves_the_data_version_only_when_the_graph_changes(
    settings: Settings, store: KgliteStore, queries: QueryLibrary, tmp_path: Path
) -> None:
    assert read_version(store, queries) is None
    ingest(store, settings)
    first = read_version(store, queries)
    ingest(store, settings)
    assert read_version(store, queries) == first  # nothing changed: same version
    # The same loads on another store give the same version (ETags agree across servers).
    other = tmp_path / "other.kgl"
    build_store(other, Settings(data=settings.data, texts=settings.texts, store_path=other))
    import kglite

    graph = kglite.open(str(other))
    assert read_version(KgliteStore(graph), queries) == first
    graph.close()
    _break(settings, "change: weakened", "change: replaced")
    ingest(store, settings, ["fx-article"])
    assert read_version(store, queries) not in (None, first)


def _counting_app(max_bytes: int) -> tuple[Starlette, list[str]]:
    calls: list[str] = []

    async def answer(request: Request) -> PlainTextResponse:
        calls.append(request.url.path)
        return PlainTextResponse("x" * int(request.path_params["size"]))

    app = Starlette(
        routes=[Route("/sized/{size}", answer)],
        middleware=[Middleware(AnswerCache, max_bytes=max_bytes)],
    )
    app.state.view = SimpleNamespace(data_version=lambda: "v1")
    return app, calls


def test_kept_answers_skip_the_route_and_stay_within_their_memory() -> None:
    app, calls = _counting_app(max_bytes=8_000)
    with TestClient(app) as client:
        for _ in range(3):
            assert client.get("/sized/500").text == "x" * 500
        assert calls == ["/sized/500"]  # answered twice from memory
        for size in range(600, 1000, 20):  # 20 answers of ~0.8 KB: more than 8 KB
            client.get(f"/sized/{size}")
        cache = _cache_of(app)
        assert cache.size <= 8_000 and len(cache.kept) < 20
        client.get("/sized/2000")  # over an eighth of the budget: answered, not kept
        client.get("/sized/2000")
        assert calls.count("/sized/2000") == 2
        app.state.view = SimpleNamespace(data_version=lambda: "v2")
        client.get("/sized/500")  # new data: the route answers again
        assert calls.count("/sized/500") == 2


def _cache_of(app: Starlette) -> AnswerCache:
    layer = app.middleware_stack
    while layer is not None and not isinstance(layer, AnswerCache):
        layer = getattr(layer, "app", None)
    assert isinstance(layer, AnswerCache)
    return layer


def test_a_load_that_replaces_the_store_file_is_followed_without_a_reload(
    settings: Settings,
) -> None:
    build_store(settings.store_path, settings)
    following = settings.model_copy(update={"store_check_s": 0})  # look at every request
    with TestClient(create_app(following)) as client:
        before = client.get("/labs/example-lab/dropped")
        _break(settings, "change: weakened", "change: replaced")
        build_store(settings.store_path, settings)
        after = client.get(
            "/labs/example-lab/dropped", headers={"If-None-Match": before.headers["etag"]}
        )
        assert after.status_code == 200 and after.json()["dropped"][0]["change"] == "replaced"
        assert after.headers["etag"] != before.headers["etag"]
        # A file that is not a graph: logged, and the server keeps the graph it has.
        broken = settings.store_path.with_name("broken.kgl")
        broken.write_bytes(b"not a graph")
        broken.replace(settings.store_path)
        still = client.get("/labs/example-lab/dropped")
        assert still.status_code == 200 and still.json() == after.json()


def test_an_export_of_unchanged_data_is_a_file_read(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Kept beside the store per data version: a restarted server (or another worker) sends the
    file without building the RDF again; a new data version drops the old files."""
    build_store(settings.store_path, settings)
    exports = settings.store_path.with_name(settings.store_path.name + ".exports")
    with TestClient(create_app(settings)) as client:
        first = client.get("/export", params={"format": "ntriples"})
    assert first.status_code == 200
    [kept] = list(exports.iterdir())
    assert kept.name.endswith(".ntriples") and kept.read_text(encoding="utf-8") == first.text

    def no_rebuild(*args: object) -> str:
        raise AssertionError("the export was built again")

    monkeypatch.setattr("api.routes.export.serialize", no_rebuild)
    monkeypatch.setattr("api.routes.export.view_rdf", no_rebuild)
    with TestClient(create_app(settings)) as client:
        again = client.get("/export", params={"format": "ntriples"})
        assert again.text == first.text and again.headers["etag"] == first.headers["etag"]
    monkeypatch.undo()
    _break(settings, "change: weakened", "change: replaced")
    build_store(settings.store_path, settings)
    with TestClient(create_app(settings)) as client:
        new = client.get("/export", params={"format": "ntriples"})
    assert new.text != first.text
    assert [p.name for p in exports.iterdir()] != [kept.name] and not kept.exists()

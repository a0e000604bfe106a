"""Answers cached per data version, with strong ETags, 304s and Cache-Control.

Every read answer is a function of the data, the request (path, query, the headers that select a
representation) and the day (deadlines are judged as of today). So the first answer to a request is
kept, keyed by all of these and the data's version (graph/data_version.py), and the same request
is answered from memory until the data changes: a lab page costs its queries and pictures once per
data version. Each kept answer's strong ETag hashes the same key, so it changes exactly when the
bytes may: a client sending it back in ``If-None-Match`` gets ``304 Not Modified``.

Not cached: anything but GET and HEAD, non-200 answers, the admin and SPARQL routes and
``/healthz`` (``no-store``). The compressed and the plain answer are different representations
with different ETags; compression itself is Starlette's GZipMiddleware, inside this one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import OrderedDict
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph.store import StoreError

UNCACHED_PREFIXES = ("/admin", "/sparql", "/healthz", "/mcp")
# Request headers the answer may depend on, so the key does: the representation (Accept), CORS
# (Origin), and links built from the request's own address (Host, with the scheme).
SELECTING = (b"accept", b"origin", b"host")
DATA_CACHE_CONTROL = b"public, no-cache"  # keep it, but ask (cheaply, with the ETag) before reuse


@dataclass(frozen=True)
class Kept:
    """One answer as sent: status 200, its headers (ETag included) and body."""

    headers: list[tuple[bytes, bytes]]
    body: bytes


class AnswerCache:
    """ASGI middleware: answer repeated reads from memory, per data version, at most ``max_bytes``."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.kept: OrderedDict[bytes, Kept] = OrderedDict()
        self.size = 0
        self.version: str | None = None
        self.entry_limit = max_bytes // 8  # one answer may not crowd out the rest

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        if path.startswith(UNCACHED_PREFIXES):  # SecurityHeaders marks them no-store
            await self.app(scope, receive, send)
            return
        state = scope["app"].state
        view = getattr(state, "view", None)
        try:
            version = view.data_version() if view is not None else None
        except StoreError:
            version = None  # the store is down: the route answers (503) as it would
        if version is None:
            await self.app(scope, receive, send)
            return
        if version != self.version:  # the data changed: nothing kept can be sent again
            self.kept.clear()
            self.size = 0
            self.version = version
        scope.setdefault("state", {})["view"] = view  # the route reads the version keyed here
        key = _key(version, scope)
        etag = b'"' + hashlib.sha256(key).hexdigest()[:32].encode() + b'"'
        if _matches(_header(scope, b"if-none-match"), etag):
            await _not_modified(send, etag)
            return
        kept = self.kept.get(key)
        if kept is not None:
            self.kept.move_to_end(key)
            await _replay(send, kept, head=scope["method"] == "HEAD")
            return
        await self._answer_and_keep(scope, receive, send, key, etag)

    async def _answer_and_keep(
        self, scope: Scope, receive: Receive, send: Send, key: bytes, etag: bytes
    ) -> None:
        start: Message | None = None
        chunks: list[bytes] = []
        held = 0
        limit = self.entry_limit

        async def capture(message: Message) -> None:
            nonlocal start, held
            if message["type"] == "http.response.start":
                if message["status"] != 200:
                    await send(message)
                    return
                headers = [
                    (k, v) for k, v in message.get("headers", []) if k not in (b"etag", b"vary")
                ]
                headers += [(b"etag", etag), (b"vary", _vary(message.get("headers", [])))]
                if not any(k == b"cache-control" for k, _ in headers):
                    headers.append((b"cache-control", DATA_CACHE_CONTROL))
                start = {**message, "headers": headers}
                await send(start)
                return
            if start is not None and message["type"] == "http.response.body" and held <= limit:
                body = message.get("body", b"")
                held += len(body)
                chunks.append(body)  # a body past the limit is streamed on, never held whole
                if held <= limit and not message.get("more_body", False):
                    self._keep(key, Kept(start["headers"], b"".join(chunks)))
            await send(message)

        await self.app(scope, receive, capture)

    def _keep(self, key: bytes, kept: Kept) -> None:
        if not kept.body and any(k == b"content-length" and v != b"0" for k, v in kept.headers):
            return  # a HEAD answer has no body to keep
        size = len(kept.body) + len(key)
        if size > self.entry_limit:
            return
        old = self.kept.pop(key, None)
        if old is not None:
            self.size -= len(old.body) + len(key)
        self.kept[key] = kept
        self.size += size
        while self.size > self.max_bytes and self.kept:
            gone_key, gone = self.kept.popitem(last=False)
            self.size -= len(gone.body) + len(gone_key)


def _header(scope: Scope, name: bytes) -> bytes:
    return b", ".join(v for k, v in scope["headers"] if k == name)


def _key(version: str, scope: Scope) -> bytes:
    """Everything an answer depends on: data, day, address, path, query, representation, encoding."""
    encoding = b"gzip" if b"gzip" in _header(scope, b"accept-encoding") else b"identity"
    parts = [
        version.encode(),
        dt.date.today().isoformat().encode(),
        str(scope.get("scheme", "http")).encode(),
        scope["path"].encode(),
        scope.get("query_string", b""),
        encoding,
        *(_header(scope, name) for name in SELECTING),
    ]
    return b"\x00".join(parts)


def _matches(if_none_match: bytes, etag: bytes) -> bool:
    if not if_none_match:
        return False
    given = {t.strip().removeprefix(b"W/") for t in if_none_match.split(b",")}
    return b"*" in given or etag in given


def _vary(headers: list[tuple[bytes, bytes]]) -> bytes:
    """The route's Vary, with the headers the key holds: Accept and Accept-Encoding."""
    names = [b"Accept", b"Accept-Encoding"]
    for key, value in headers:
        if key == b"vary":
            names += [n.strip() for n in value.split(b",") if n.strip()]
    seen: dict[bytes, bytes] = {}
    for name in names:
        seen.setdefault(name.lower(), name)
    return b", ".join(seen.values())


async def _not_modified(send: Send, etag: bytes) -> None:
    headers = [
        (b"etag", etag),
        (b"cache-control", DATA_CACHE_CONTROL),
        (b"vary", _vary([])),
    ]
    await send({"type": "http.response.start", "status": 304, "headers": headers})
    await send({"type": "http.response.body", "body": b""})


async def _replay(send: Send, kept: Kept, head: bool) -> None:
    await send({"type": "http.response.start", "status": 200, "headers": kept.headers})
    await send({"type": "http.response.body", "body": b"" if head else kept.body})

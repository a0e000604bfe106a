"""Compression of large answers (Starlette's GZipMiddleware) for clients that accept gzip.

A client that does not accept gzip gets the answer as the route sent it, without the compressor's
buffering on the way (the answer cache adds ``Vary: Accept-Encoding`` to every answer it keeps;
the rest are ``no-store``)."""

from __future__ import annotations

from starlette.middleware.gzip import GZipMiddleware
from starlette.types import Receive, Scope, Send


class Compression(GZipMiddleware):
    """GZipMiddleware, skipped for requests whose Accept-Encoding has no gzip."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not any(
            name == b"accept-encoding" and b"gzip" in value for name, value in scope["headers"]
        ):
            await self.app(scope, receive, send)
            return
        await super().__call__(scope, receive, send)

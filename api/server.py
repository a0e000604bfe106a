"""How `pledgegraph serve` runs uvicorn so that slow or greedy clients cannot exhaust it.

- **Parser**: httptools (uvicorn's C parser) by default, h11 on request; asyncio's event loop.
- **Header timeout**: a connection must finish each request's headers within `header_timeout_s`
  of its first byte (or of connecting); otherwise it is closed (a slowloris client holds nothing).
- **Connection cap**: past `max_connections`, uvicorn answers 503 at once instead of queueing.
- **File descriptors**: the soft limit is raised to the hard one, so the cap is what bites first.
- **Logs**: a message repeated within a minute (an accept loop out of descriptors) is logged once.
- **Proxies**: X-Forwarded-* headers are trusted only from `trusted_proxies`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import resource
import socket
import time
from typing import Any

import uvicorn
from pydantic import SecretStr
from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from pledgegraph.settings import Settings

HttpProtocol = type[H11Protocol] | type[HttpToolsProtocol]
PARSERS: dict[str, HttpProtocol] = {"httptools": HttpToolsProtocol, "h11": H11Protocol}


def no_delay(transport: asyncio.BaseTransport) -> None:
    """Send small writes at once (TCP_NODELAY). asyncio sets it only on sockets whose ``proto`` is
    TCP, and the listening socket the workers of ``--workers N`` inherit reports 0, so without
    this an answer's headers and body, two writes, waited out the client's delayed ACK (40 ms)."""
    sock = transport.get_extra_info("socket")
    if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


class HeaderDeadline:
    """Mixed into one of uvicorn's HTTP protocols: a deadline for each request's headers.

    Both protocols start a request's cycle (``self.cycle``) when its headers are complete, so
    the timer runs from a connection's first byte (or from connecting) until that moment."""

    header_timeout_s = 10.0
    cycle: Any
    loop: asyncio.AbstractEventLoop
    transport: asyncio.Transport

    def connection_made(self, transport: asyncio.Transport) -> None:
        no_delay(transport)
        super().connection_made(transport)  # type: ignore[misc]
        self._header_timer: asyncio.TimerHandle | None = None
        self._arm()

    def _between_requests(self) -> bool:
        return self.cycle is None or bool(self.cycle.response_complete)

    def _arm(self) -> None:
        if self._header_timer is None:
            self._header_timer = self.loop.call_later(self.header_timeout_s, self._too_slow)

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _too_slow(self) -> None:
        self._header_timer = None
        if self._between_requests() and not self.transport.is_closing():
            self.transport.close()

    def data_received(self, data: bytes) -> None:
        if self._between_requests():
            self._arm()
        before = self.cycle
        super().data_received(data)  # type: ignore[misc]
        if self.cycle is not before:  # the headers are complete: a request began
            self._disarm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)  # type: ignore[misc]


def guarded_protocol(parser: str, header_timeout_s: float) -> type[asyncio.Protocol]:
    """uvicorn's ``parser`` protocol (httptools, the C parser, or h11) with the header deadline."""
    base = PARSERS[parser]
    name = f"Guarded{base.__name__}"
    return type(name, (HeaderDeadline, base), {"header_timeout_s": header_timeout_s})


class OncePerMinute(logging.Filter):
    """Let a given message through at most once a minute."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: dict[str, float] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        key = f"{record.name}:{record.msg}"
        now = time.monotonic()
        if now - self.seen.get(key, -60.0) < 60.0:
            return False
        self.seen[key] = now
        return True


def raise_file_limit() -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or soft < hard:
        target = hard if hard != resource.RLIM_INFINITY else max(soft, 65_536)
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))


def serve(app: Any, settings: Settings) -> None:
    """Run ``app`` under uvicorn with the guards above."""
    _run(app, settings, http=guarded_protocol(settings.http_parser, settings.header_timeout_s))


def serve_workers(
    settings: Settings,
    workers: int,
    app: str = "api.worker:make_app",
    http: str = "api.worker:WorkerHttp",
) -> None:
    """Run ``workers`` server processes on one socket, each building the app with the factory
    ``app`` from ``settings`` (handed over in the environment) and reading the same store; each
    follows the store's loads. ``http`` names the guarded protocol the processes import."""
    os.environ.update(settings_environment(settings))
    _run(app, settings, http=http, factory=True, workers=workers)


def _run(app: Any, settings: Settings, **options: Any) -> None:
    raise_file_limit()
    once = OncePerMinute()
    for name in ("asyncio", "uvicorn.error"):
        logging.getLogger(name).addFilter(once)
    uvicorn.run(
        app,
        host=settings.host,
        port=settings.port,
        timeout_keep_alive=settings.keep_alive_s,
        limit_concurrency=settings.max_connections,
        proxy_headers=bool(settings.trusted_proxies),
        forwarded_allow_ips=",".join(settings.trusted_proxies) or None,
        loop="asyncio",  # uvloop: the same rate here, p99 5-15x longer (BENCHMARKS.md)
        **options,
    )


def settings_environment(settings: Settings) -> dict[str, str]:
    """``settings`` as the ``PLEDGEGRAPH_*`` variables that give them back."""
    env: dict[str, str] = {}
    for name in type(settings).model_fields:
        value = getattr(settings, name)
        if value is None:
            continue
        if isinstance(value, SecretStr):
            value = value.get_secret_value()
        text = json.dumps(value) if isinstance(value, list | dict | bool) else str(value)
        env[f"PLEDGEGRAPH_{name.upper()}"] = text
    return env

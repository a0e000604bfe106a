"""Follow the embedded store file: when a load replaces it, the server reopens it by itself.

A load writes the embedded store to a new file and renames it over the old one, so the file's
identity (inode, size, modification time) changes with every committed load and never shows a
half-written graph. At most once per interval, a request looks at that identity; when it has
changed, the store is reopened in a worker thread (the same swap as ``POST /admin/reload``:
requests in flight finish on the graph they began with) and that request is answered from the new
graph. So every server process reading the file, each worker of ``serve --workers N`` included,
follows a load within about a second, without being told.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

import anyio
from starlette.types import ASGIApp, Receive, Scope, Send

from api.view import swap_view

log = logging.getLogger(__name__)
Stamp = tuple[int, int, int, int] | None


def stamp(path: Path) -> Stamp:
    """The file's identity as a load leaves it, or None when there is no file."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


class FollowStore:
    """ASGI middleware: reopen the store when its file was replaced (checked every ``interval_s``)."""

    def __init__(self, app: ASGIApp, path: Path, interval_s: float, grace_s: float) -> None:
        self.app = app
        self.path = path
        self.interval_s = interval_s
        self.grace_s = grace_s
        self.next_check = 0.0
        self.lock = anyio.Lock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and time.monotonic() >= self.next_check:
            await self._follow(scope["app"].state)
        await self.app(scope, receive, send)

    async def _follow(self, state: object) -> None:
        if self.lock.locked():
            return  # another request is reopening it; this one reads the graph it has
        async with self.lock:
            self.next_check = time.monotonic() + self.interval_s
            now = stamp(self.path)
            if now is None or now == getattr(state, "store_stamp", None):
                return
            state.store_stamp = now  # type: ignore[attr-defined]  # tried once per change
            try:
                await anyio.to_thread.run_sync(swap_view, state, self.grace_s)
            except Exception:  # a store that does not open: keep serving the one we have
                log.exception("the store file %s changed but could not be opened", self.path)
                return
            log.info("the store file %s changed: serving the new graph", self.path)

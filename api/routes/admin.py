"""Operations that change what the server serves; off unless PLEDGEGRAPH_ADMIN_TOKEN is set."""

from __future__ import annotations

import collections
import secrets
import threading
import time
from typing import Annotated

from fastapi import APIRouter, Header, Request
from pydantic import BaseModel

from api.deps import get_queries, get_settings
from api.errors import NotFound, TooManyRequests, Unauthorized, problems
from api.view import swap_view

router = APIRouter(prefix="/admin", tags=["admin"], responses=problems(401, 404, 429, 503))
GRACE_S = 30.0  # requests still using the old view finish within this before it is closed


class Reloaded(BaseModel):
    nodes: int
    statements: int


MAX_FAILURES = 5  # wrong tokens a client may send ...
FAILURE_WINDOW_S = 60.0  # ... within this many seconds; then it waits out the window


class FailedAttempts:
    """Recent wrong tokens per client address, for rate limiting."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: dict[str, collections.deque[float]] = {}

    def _recent(self, client: str, now: float) -> collections.deque[float]:
        times = self.times.setdefault(client, collections.deque())
        while times and now - times[0] > FAILURE_WINDOW_S:
            times.popleft()
        return times

    def wait_s(self, client: str) -> float:
        """Seconds until ``client`` may try again (0: now)."""
        now = time.monotonic()
        with self.lock:
            times = self._recent(client, now)
            if len(times) < MAX_FAILURES:
                return 0.0
            return FAILURE_WINDOW_S - (now - times[0])

    def add(self, client: str) -> None:
        now = time.monotonic()
        with self.lock:
            self._recent(client, now).append(now)


def require_token(request: Request) -> None:
    """Exactly one Authorization header, exactly `Bearer <token>` (compared in constant time);
    after MAX_FAILURES wrong ones in FAILURE_WINDOW_S a client is refused (429) until the window
    has passed."""
    token = get_settings(request).admin_token
    if token is None:
        raise NotFound("no such endpoint (admin endpoints are off: set PLEDGEGRAPH_ADMIN_TOKEN)")
    state = request.app.state
    if getattr(state, "admin_failures", None) is None:
        state.admin_failures = FailedAttempts()
    failures: FailedAttempts = state.admin_failures
    client = request.client.host if request.client else ""
    wait = failures.wait_s(client)
    if wait > 0:
        raise TooManyRequests(
            f"too many wrong admin tokens from this address; try again in {wait:.0f} s",
            retry_after=max(1, round(wait)),
        )
    given = request.headers.getlist("authorization")
    expected = f"Bearer {token.get_secret_value()}".encode()
    if len(given) != 1 or not secrets.compare_digest(given[0].encode(), expected):
        failures.add(client)
        raise Unauthorized("send the admin token as `Authorization: Bearer <token>`, once")


@router.post(
    "/reload",
    response_model=Reloaded,
    summary="Re-open the store and serve it; requests in flight finish on the graph they began with",
)
def reload(
    request: Request,
    authorization: Annotated[
        str | None, Header(description="`Bearer <token>`: the admin token")
    ] = None,
) -> Reloaded:
    require_token(request)
    fresh = swap_view(request.app.state, GRACE_S)
    counts = fresh.store.read(get_queries(request)["read/counts"])[0]
    return Reloaded(nodes=int(counts["nodes"]), statements=int(counts["statements"]))

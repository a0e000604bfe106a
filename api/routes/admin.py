"""Operations that change what the server serves; off unless PLEDGEGRAPH_ADMIN_TOKEN is set."""

from __future__ import annotations

import secrets
import threading

from fastapi import APIRouter, Header, Request
from pydantic import BaseModel

from api.deps import get_queries, get_settings
from api.errors import NotFound, Unauthorized, problems
from api.view import View

router = APIRouter(prefix="/admin", tags=["admin"], responses=problems(401, 404, 503))
GRACE_S = 30.0  # requests still using the old view finish within this before it is closed


class Reloaded(BaseModel):
    nodes: int
    statements: int


def require_token(request: Request, authorization: str | None) -> None:
    token = get_settings(request).admin_token
    if token is None:
        raise NotFound("no such endpoint (admin endpoints are off: set PLEDGEGRAPH_ADMIN_TOKEN)")
    given = (authorization or "").removeprefix("Bearer ").strip()
    if not secrets.compare_digest(given.encode(), token.get_secret_value().encode()):
        raise Unauthorized("send the admin token as `Authorization: Bearer <token>`")


@router.post(
    "/reload",
    response_model=Reloaded,
    summary="Re-open the store and serve it; requests in flight finish on the graph they began with",
)
def reload(request: Request, authorization: str | None = Header(default=None)) -> Reloaded:
    require_token(request, authorization)
    state = request.app.state
    with state.reload_lock:
        fresh: View = state.open_view()
        counts = fresh.store.read(get_queries(request)["read/counts"])[0]
        old, state.view = state.view, fresh
        state.retired.append(old)

    def retire() -> None:
        with state.reload_lock:
            if old in state.retired:
                state.retired.remove(old)
                old.close()

    timer = threading.Timer(GRACE_S, retire)
    timer.daemon = True
    timer.start()
    return Reloaded(nodes=int(counts["nodes"]), statements=int(counts["statements"]))

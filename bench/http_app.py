"""The API app with one more route, a bare endpoint returning a constant, for the HTTP benchmark.

Run by bench/run.py as ``uvicorn bench.http_app:make_app --factory`` with the store chosen by
``PLEDGEGRAPH_STORE_PATH``: both endpoints are then served by the same server, process and
settings, so the bare route's rate is the ceiling the API's routes are compared with.
"""

from __future__ import annotations

from fastapi import FastAPI
from pydantic import BaseModel

from api.app import create_app


class Constant(BaseModel):
    """The bare endpoint's answer."""

    ok: bool


def make_app() -> FastAPI:
    """The API as `pledgegraph serve` builds it, plus ``GET /bench/constant``."""
    app = create_app()

    @app.get("/bench/constant", response_model=Constant)
    def constant() -> Constant:
        return Constant(ok=True)

    return app

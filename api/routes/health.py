"""Liveness: answers without touching the store (also the baseline of the load benchmark)."""

from __future__ import annotations

from fastapi import FastAPI
from pydantic import BaseModel


class Health(BaseModel):
    status: str


async def healthz() -> Health:
    """The server is up (answered on the event loop, no thread needed)."""
    return Health(status="ok")


def install(app: FastAPI) -> None:
    """Add ``/healthz`` to the app itself, ahead of the routers."""
    app.add_api_route(
        "/healthz", healthz, response_model=Health, summary="The server is up", tags=["health"]
    )

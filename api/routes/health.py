"""Liveness: answers without touching the store (also the baseline of the load benchmark)."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: str


@router.get("/healthz", response_model=Health, summary="The server is up")
def healthz() -> Health:
    return Health(status="ok")

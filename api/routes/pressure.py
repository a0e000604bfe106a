"""Who pressured whom."""

from __future__ import annotations

from fastapi import APIRouter, Query

from api.deps import QueriesDep, StoreDep
from api.models import Pressure

router = APIRouter(tags=["pressure"])


@router.get(
    "/pressure",
    response_model=list[Pressure],
    summary="Pressure on organisations: demand, deadline, threat, evidence",
)
def pressure(
    store: StoreDep,
    queries: QueriesDep,
    target: str | None = Query(
        default=None, max_length=200, description="Pressured organisation: id, name or alias."
    ),
    by: str | None = Query(
        default=None, max_length=200, description="Who pressed: id, name or alias."
    ),
) -> list[Pressure]:
    rows = store.read(queries["pressure"], {"target": target, "by": by})
    return [Pressure.model_validate(row) for row in rows]

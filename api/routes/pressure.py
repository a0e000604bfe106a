"""Who pressured whom."""

from __future__ import annotations

from fastapi import APIRouter, Query

from api.deps import QueriesDep, StoreDep
from api.errors import problems
from api.models import Pressure
from api.params import IsoDate
from api.routes.labs import AsOfParam
from graph.names import require

router = APIRouter(tags=["pressure"], responses=problems(404, 503))


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
    as_of: IsoDate | None = AsOfParam,
) -> list[Pressure]:
    # A name that matches nothing is a 404 (with the nearest names), not an empty answer.
    if target:
        target = require(store, queries, target, "Organisation", "organisation")
    if by:
        by = require(store, queries, by, "Entity", "person or body")
    rows = store.read(queries["pressure"], {"target": target, "by": by, "as_of": as_of})
    return [Pressure.model_validate(row) for row in rows]

"""Which labs have published no safety framework."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import QueriesDep, StoreDep
from api.errors import problems
from api.models import FrameworksMissing
from api.params import IsoDate
from api.routes.labs import AsOfParam

router = APIRouter(prefix="/frameworks", tags=["labs"], responses=problems(503))


@router.get(
    "/missing",
    response_model=FrameworksMissing,
    summary="Labs with no published safety framework (by as_of), and what each had signed",
)
def missing(
    store: StoreDep, queries: QueriesDep, as_of: IsoDate | None = AsOfParam
) -> FrameworksMissing:
    rows = store.read(queries["labs_without_framework"], {"as_of": as_of})
    return FrameworksMissing.model_validate(
        {
            "as_of": as_of,
            "labs": [r for r in rows if r["status"] == "missing"],
            "unknown": [r for r in rows if r["status"] == "unknown"],
        }
    )

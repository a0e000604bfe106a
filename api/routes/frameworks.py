"""Labs' safety frameworks: which labs have none, and which changed theirs when."""

from __future__ import annotations

from fastapi import APIRouter, Query

from api.deps import QueriesDep, StoreDep
from api.errors import problems
from api.models import FrameworkChanges, FrameworksMissing
from api.params import IsoDate, check_range
from api.routes.labs import AsOfParam, resolve_lab

router = APIRouter(prefix="/frameworks", tags=["labs"], responses=problems(404, 503))


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


@router.get(
    "/changes",
    response_model=FrameworkChanges,
    summary="Which labs changed their frameworks and pledges in a date range, newest first",
)
def changes(
    store: StoreDep,
    queries: QueriesDep,
    from_: IsoDate | None = Query(default=None, alias="from", description="Earliest date."),
    to: IsoDate | None = Query(default=None, description="Latest date."),
    lab: str | None = Query(
        default=None, max_length=200, description="Only this lab: id, name or alias."
    ),
) -> FrameworkChanges:
    check_range(from_, to)
    ref = resolve_lab(store, queries, lab) if lab else None
    rows = store.read(
        queries["framework_changes"], {"from": from_, "to": to, "lab": ref.id if ref else None}
    )
    return FrameworkChanges.model_validate({"from": from_, "to": to, "lab": ref, "changes": rows})

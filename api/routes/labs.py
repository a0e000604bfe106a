"""Labs: the list, a lab's commitments and what it dropped."""

from __future__ import annotations

from fastapi import APIRouter, Path, Query

from api.deps import QueriesDep, StoreDep
from api.errors import problems
from api.models import (
    EntityRef,
    LabAfterPressure,
    LabCommitments,
    LabDropped,
    LabOfficialActions,
    LabPressure,
    LabSummary,
)
from api.params import IsoDate, check_range
from graph.counts import lab_summaries
from graph.cypher import QueryLibrary
from graph.names import UnknownName, nearest, require
from graph.store import GraphStore

router = APIRouter(prefix="/labs", tags=["labs"], responses=problems(404, 503))
LabParam = Path(
    description="Lab id, name or alias (case-insensitive).", min_length=1, max_length=200
)
AS_OF_DESCRIPTION = (
    "Answer as the graph stood on this day (YYYY-MM-DD): only facts dated on or before it count."
)
AsOfParam = Query(default=None, description=AS_OF_DESCRIPTION)


def resolve_lab(store: GraphStore, queries: QueryLibrary, lab: str) -> EntityRef:
    """The lab ``lab`` names; UnknownName (404) with the nearest names when none."""
    rows = store.read(queries["lab"], {"lab": lab})
    if not rows:
        raise UnknownName("lab", lab, nearest(store, queries, lab, "Lab"))
    return EntityRef(id=rows[0]["id"], name=rows[0]["name"])


@router.get(
    "",
    response_model=list[LabSummary],
    summary="The labs, with counts of events: commitments made, dropped and weakened, pressure...",
)
def labs(
    store: StoreDep, queries: QueriesDep, as_of: IsoDate | None = AsOfParam
) -> list[LabSummary]:
    return [LabSummary.model_validate(row) for row in lab_summaries(store, queries, as_of)]


@router.get(
    "/{lab}/dropped",
    response_model=LabDropped,
    summary="What a lab dropped, what replaced it, and the evidence",
)
def dropped(
    store: StoreDep,
    queries: QueriesDep,
    lab: str = LabParam,
    as_of: IsoDate | None = AsOfParam,
) -> LabDropped:
    ref = resolve_lab(store, queries, lab)
    rows = store.read(queries["lab_dropped"], {"lab": ref.id, "as_of": as_of})
    return LabDropped.model_validate({"lab": ref, "as_of": as_of, "dropped": rows})


@router.get(
    "/{lab}/commitments",
    response_model=LabCommitments,
    summary="A lab's commitments and whether each still stands",
)
def commitments(
    store: StoreDep,
    queries: QueriesDep,
    lab: str = LabParam,
    as_of: IsoDate | None = Query(
        default=None,
        description=AS_OF_DESCRIPTION + " Only the commitments still in force that day are listed.",
    ),
) -> LabCommitments:
    ref = resolve_lab(store, queries, lab)
    rows = store.read(queries["lab_commitments"], {"lab": ref.id, "as_of": as_of})
    return LabCommitments.model_validate({"lab": ref, "as_of": as_of, "commitments": rows})


@router.get(
    "/{lab}/pressure",
    response_model=LabPressure,
    summary="Who pressed a lab, over time: each person or body with every action in order",
)
def pressed_by(
    store: StoreDep,
    queries: QueriesDep,
    lab: str = LabParam,
    as_of: IsoDate | None = AsOfParam,
) -> LabPressure:
    ref = resolve_lab(store, queries, lab)
    rows = store.read(queries["pressers"], {"target": ref.id, "as_of": as_of})
    return LabPressure.model_validate({"lab": ref, "as_of": as_of, "pressed_by": rows})


@router.get(
    "/{lab}/regulators",
    response_model=LabOfficialActions,
    summary="What governments, regulators, legislators and courts did to a lab, newest first",
)
def regulators(
    store: StoreDep,
    queries: QueriesDep,
    lab: str = LabParam,
    from_: IsoDate | None = Query(default=None, alias="from", description="Earliest date."),
    to: IsoDate | None = Query(default=None, description="Latest date."),
) -> LabOfficialActions:
    check_range(from_, to)
    ref = resolve_lab(store, queries, lab)
    rows = store.read(queries["regulator_actions"], {"lab": ref.id, "from": from_, "to": to})
    return LabOfficialActions.model_validate({"lab": ref, "from": from_, "to": to, "actions": rows})


@router.get(
    "/{lab}/after-pressure",
    response_model=LabAfterPressure,
    summary="What happened after each pressure on a lab: its later events within a window",
)
def after_pressure(
    store: StoreDep,
    queries: QueriesDep,
    lab: str = LabParam,
    by: str | None = Query(
        default=None, max_length=200, description="Only pressure from this person or body."
    ),
    days: int = Query(
        default=90, ge=0, le=3660, description="How many days after each pressure to look."
    ),
) -> LabAfterPressure:
    ref = resolve_lab(store, queries, lab)
    if by:
        by = require(store, queries, by, "Entity", "person or body")
    rows = store.read(queries["after_pressure"], {"target": ref.id, "by": by, "days": days})
    return LabAfterPressure.model_validate({"lab": ref, "days": days, "pressure": rows})

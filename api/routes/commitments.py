"""One commitment with its supersession history."""

from __future__ import annotations

from fastapi import APIRouter, Path

from api.deps import QueriesDep, StoreDep
from api.errors import NotFound, problems
from api.models import CommitmentDetail, Signatories
from api.params import IsoDate
from api.routes.labs import AsOfParam
from graph.names import require

router = APIRouter(prefix="/commitments", tags=["commitments"], responses=problems(404, 503))


@router.get(
    "/{commitment}",
    response_model=CommitmentDetail,
    summary="A commitment, who made it, and its ordered history",
)
def commitment(
    store: StoreDep,
    queries: QueriesDep,
    commitment: str = Path(description="Commitment id.", min_length=1, max_length=200),
    as_of: IsoDate | None = AsOfParam,
) -> CommitmentDetail:
    commitment = require(store, queries, commitment, "Commitment", "commitment")
    rows = store.read(queries["commitment"], {"commitment": commitment, "as_of": as_of})
    if not rows:
        raise NotFound(
            f"no commitment with id {commitment!r}; GET /labs/{{lab}}/commitments lists a lab's"
        )
    history = store.read(queries["commitment_history"], {"commitment": commitment, "as_of": as_of})
    return CommitmentDetail.model_validate({**rows[0], "as_of": as_of, "history": history})


@router.get(
    "/{commitment}/signatories",
    response_model=Signatories,
    summary="Who signed a commitment or agreement, who declined, and what each has delivered",
)
def signatories(
    store: StoreDep,
    queries: QueriesDep,
    commitment: str = Path(
        description="Id, name or alias of a commitment or of an agreement (a policy) made of commitments.",
        min_length=1,
        max_length=200,
    ),
    as_of: IsoDate | None = AsOfParam,
) -> Signatories:
    require(store, queries, commitment, "Entity", "commitment or agreement")
    rows = store.read(queries["signatories"], {"commitment": commitment, "as_of": as_of})
    return Signatories.model_validate(
        {"commitment": commitment, "as_of": as_of, "signatories": rows}
    )

"""The dated events of one lab or all, and the Atom feed of drops and weakenings."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api.deps import QueriesDep, SettingsDep, StoreDep
from api.errors import problems
from api.feed import atom
from api.models import TimelineEvent
from api.params import IsoDate, check_range
from api.routes.labs import resolve_lab

router = APIRouter(tags=["timeline"], responses=problems(404, 503))


@router.get(
    "/timeline",
    response_model=list[TimelineEvent],
    summary="Dated events, newest first, each with its evidence",
)
def timeline(
    store: StoreDep,
    queries: QueriesDep,
    lab: str | None = Query(
        default=None,
        max_length=200,
        description="Lab id, name or alias: its facts and the replacements of its commitments.",
    ),
    from_: IsoDate | None = Query(default=None, alias="from", description="Earliest date."),
    to: IsoDate | None = Query(default=None, description="Latest date."),
) -> list[TimelineEvent]:
    check_range(from_, to)
    lab_id = resolve_lab(store, queries, lab).id if lab else None
    rows = store.read(queries["timeline"], {"lab": lab_id, "from": from_, "to": to})
    return [TimelineEvent.model_validate(row) for row in rows]


@router.get(
    "/feed.atom",
    response_class=Response,
    summary="Atom feed of drops and weakenings, newest first",
    responses={200: {"content": {"application/atom+xml": {}}, "description": "An Atom feed."}},
)
def feed(request: Request, store: StoreDep, queries: QueriesDep, settings: SettingsDep) -> Response:
    rows = store.read(queries["timeline"], {"lab": None, "from": None, "to": None})
    events = [TimelineEvent.model_validate(row) for row in rows]
    body = atom(events, settings.base_iri, str(request.url))
    return Response(content=body, media_type="application/atom+xml")

"""Pages for people: the labs, a lab's timeline with its replacement chains, and search."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Path, Query
from fastapi.responses import HTMLResponse

from api import pages
from api.deps import QueriesDep, SchemaDep, StoreDep
from api.errors import NotFound, problems
from api.routes.labs import resolve_lab
from api.svg import Step, chains_svg, pressure_svg
from api.words import human_date
from graph.counts import lab_summaries
from graph.names import UnknownName

router = APIRouter(tags=["pages"], responses=problems(503))
NOT_FOUND_PAGE: dict[int | str, dict[str, Any]] = {
    404: {"description": "No such lab: a page saying so.", "content": {"text/html": {}}}
}


@router.get(
    "/",
    response_class=HTMLResponse,
    summary="Home page: the latest events, the labs and a search box",
)
def home(store: StoreDep, queries: QueriesDep) -> HTMLResponse:
    latest = store.read(queries["timeline"], {"lab": None, "from": None, "to": None})
    return HTMLResponse(pages.home(lab_summaries(store, queries), latest))


@router.get(
    "/labs/{lab}/page",
    response_class=HTMLResponse,
    responses=NOT_FOUND_PAGE,
    summary="A lab's page: its commitments, replacement chains and timeline, with quotes",
)
def lab_page(
    store: StoreDep,
    queries: QueriesDep,
    lab: str = Path(description="Lab id, name or alias.", min_length=1, max_length=200),
) -> HTMLResponse:
    try:
        ref = resolve_lab(store, queries, lab)
    except (NotFound, UnknownName) as err:
        return HTMLResponse(pages.not_found(str(err)), status_code=404)
    commitments = store.read(queries["lab_commitments"], {"lab": ref.id, "as_of": None})
    events = store.read(queries["timeline"], {"lab": ref.id, "from": None, "to": None})
    steps = [
        Step(
            a["id"],
            b["id"],
            e["change"],
            human_date(e["date"], e.get("date_precision")) if e["date"] else None,
        )
        for e in events
        if e["edge"] == "SUPERSEDED_BY"
        for a in e["subjects"]
        for b in e["objects"]
    ]
    names = {x["id"]: x["name"] for e in events for x in (*e["subjects"], *e["objects"])}
    status = {c["commitment"]["id"]: c["status"] for c in commitments}
    svg = chains_svg(steps, names, status, f"How {ref.name}'s commitments were replaced")
    pressure = pressure_picture(ref.id, str(ref.name), events)
    return HTMLResponse(pages.lab_page(ref.model_dump(), commitments, events, svg, pressure))


PRESSURE_ROWS = 8  # pressers drawn; the timeline has every one


def pressure_picture(lab_id: str, lab_name: str, events: list[dict[str, Any]]) -> str | None:
    """Who pressed the lab, earliest first, each arrow with the dates and forms of their pressure."""
    pressed = sorted(
        (
            e
            for e in events
            if e["edge"] == "PRESSURED" and any(o["id"] == lab_id for o in e["objects"])
        ),
        key=lambda e: str(e["date"]),
    )
    pressers: dict[str, str] = {}
    labels: dict[str, list[str]] = {}
    for e in pressed:
        for who in e["subjects"]:
            pressers.setdefault(who["id"], str(who.get("name") or who["id"]))
            form = f" · {e['action']}" if e.get("action") else ""
            labels.setdefault(who["id"], []).append(
                human_date(e["date"], e.get("date_precision")) + form
            )
    recent = dict(list(pressers.items())[-PRESSURE_ROWS:])
    return pressure_svg(recent, (lab_id, lab_name), labels, f"Who pressed {lab_name}, and when")


@router.get("/search", response_class=HTMLResponse, summary="Search entities by name or alias")
def search(
    store: StoreDep,
    queries: QueriesDep,
    schema: SchemaDep,
    q: str = Query(default="", max_length=200, description="Text to look for."),
) -> HTMLResponse:
    text = q.strip()
    rows = store.read(queries["search"], {"q": text, "limit": 50}) if text else []
    kinds = {row["id"]: schema.node_type_of(row["labels"]).name for row in rows}
    return HTMLResponse(pages.search_page(text, rows, kinds))

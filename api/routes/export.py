"""The whole graph as RDF."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api.deps import RdfDep, SchemaDep, ViewDep
from api.errors import problems
from api.negotiation import NotAcceptable, negotiate
from graph.rdf import FORMATS, serialize

router = APIRouter(tags=["export"], responses=problems(503))
Format = Literal["turtle", "jsonld", "ntriples", "trig", "nquads"]
BY_MEDIA_TYPE = {media: name for name, (_, media) in FORMATS.items()}


def export_format(accept: str | None) -> str:
    """The format an Accept header asks for (q-values honoured); Turtle when it names none."""
    try:
        return BY_MEDIA_TYPE[negotiate(accept, list(BY_MEDIA_TYPE))]
    except NotAcceptable:
        return "turtle"


@router.get(
    "/export",
    response_class=Response,
    summary="The whole graph as RDF, with every statement's source and quote",
    responses={
        200: {
            "content": {media: {} for _, media in FORMATS.values()},
            "description": "The graph as RDF.",
        }
    },
)
def export(
    request: Request,
    view: ViewDep,
    rdf: RdfDep,
    schema: SchemaDep,
    format: Format | None = Query(
        default=None,
        description="turtle, jsonld, ntriples, trig or nquads (trig and nquads keep one named "
        "graph per source); else taken from the Accept header.",
    ),
) -> Response:
    name = format or export_format(request.headers.get("accept"))
    with view.lock:
        if name not in view.exports:
            view.exports[name] = serialize(rdf, name, schema)
        body = view.exports[name]
    return Response(content=body, media_type=FORMATS[name][1])

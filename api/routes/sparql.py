"""The read-only SPARQL 1.1 endpoint (protocol: GET ?query=, POST as a query or a form)."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from api.deps import get_queries, get_schema, get_settings, get_view, view_rdf
from api.errors import problems
from api.negotiation import NotAcceptable, negotiate
from api.view import View
from graph.rdf import serialize
from graph.sparql import (
    GRAPH_MEDIA,
    SELECT_MEDIA,
    SparqlNotAcceptable,
    SparqlRefused,
    SparqlService,
)

router = APIRouter(tags=["sparql"], responses=problems(400, 406, 503))

RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {media: {} for media in [*SELECT_MEDIA, *GRAPH_MEDIA]},
        "description": "Results of a SELECT or ASK query (JSON, CSV, TSV) or the graph of a "
        "CONSTRUCT or DESCRIBE query. X-Results-Truncated: true when the result-size limit cut it.",
    },
    400: {
        "description": "Not a query, an update, a SERVICE call, a query past a size limit, or "
        "one that stopped the engine: refused."
    },
    503: {"description": "The query ran past the time limit, or every worker was busy."},
}


def service(request: Request, view: View) -> SparqlService:
    """The view's SPARQL service, started on first use from its RDF (one per view)."""
    settings = get_settings(request)
    schema = get_schema(request)
    rdf = view_rdf(view, get_queries(request), schema, settings)
    with view.lock:
        if view.sparql is None:
            view.sparql = SparqlService(
                serialize(rdf, "nquads", schema).encode(),
                timeout_s=settings.sparql_timeout_ms / 1000,
                max_rows=settings.sparql_max_rows,
                workers=settings.sparql_workers,
                memory_mb=settings.sparql_memory_mb,
            )
        return view.sparql


async def _answer(
    request: Request, params: dict[str, list[str]], body_query: str | None
) -> Response:
    if "update" in params:
        raise SparqlRefused("this endpoint is read-only: SPARQL updates are refused")
    queries = params.get("query", [])
    if body_query is not None:
        queries = [body_query]
    if len(queries) != 1 or not queries[0].strip():
        raise SparqlRefused("pass exactly one query: ?query=..., or POST it")
    query = queries[0]
    # The query is parsed by the engine that runs it, in a worker: the media types for both
    # answer forms are chosen now, and the worker takes the one its form needs.
    accept = request.headers.get("accept")
    select_media, graph_media = _acceptable(accept, SELECT_MEDIA), _acceptable(accept, GRAPH_MEDIA)
    if select_media is None and graph_media is None:
        raise NotAcceptable(
            f"SPARQL answers come as {', '.join([*SELECT_MEDIA, *GRAPH_MEDIA])}; "
            f"the request accepts none of them"
        )
    sparql = await run_in_threadpool(service, request, get_view(request))
    client = request.client.host if request.client else ""
    try:
        result = await run_in_threadpool(
            sparql.run,
            query,
            select_media,
            graph_media,
            params.get("default-graph-uri") or None,
            params.get("named-graph-uri") or None,
            client,
        )
    except SparqlNotAcceptable as err:
        raise NotAcceptable(str(err)) from None
    headers = {"Vary": "Accept"}
    if result.truncated:
        headers["X-Results-Truncated"] = "true"
    return Response(content=result.body, media_type=result.media_type, headers=headers)


def _acceptable(accept: str | None, offered: list[str]) -> str | None:
    try:
        return negotiate(accept, offered)
    except NotAcceptable:
        return None


QUERY_PARAMETERS: dict[str, Any] = {
    "parameters": [
        {
            "name": "query",
            "in": "query",
            "required": False,
            "schema": {"type": "string", "maxLength": 100_000},
            "description": "The SPARQL query (GET; for POST it may come in the body instead).",
        },
        {
            "name": "default-graph-uri",
            "in": "query",
            "required": False,
            "schema": {"type": "array", "items": {"type": "string"}},
        },
        {
            "name": "named-graph-uri",
            "in": "query",
            "required": False,
            "schema": {"type": "array", "items": {"type": "string"}},
        },
    ],
}


@router.get(
    "/sparql",
    response_class=Response,
    responses=RESPONSES,
    summary="Run a read-only SPARQL query given as ?query=",
    openapi_extra={
        "parameters": [
            {**QUERY_PARAMETERS["parameters"][0], "required": True},
            *QUERY_PARAMETERS["parameters"][1:],
        ]
    },
)
async def sparql_get(request: Request) -> Response:
    return await _answer(request, parse_qs(request.url.query), None)


@router.post(
    "/sparql",
    response_class=Response,
    responses=RESPONSES,
    summary="Run a read-only SPARQL query sent as application/sparql-query or as a form",
    openapi_extra=QUERY_PARAMETERS,
)
async def sparql_post(request: Request) -> Response:
    params = parse_qs(request.url.query)
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = (await request.body()).decode("utf-8", errors="replace")
    if content_type == "application/sparql-query":
        return await _answer(request, params, body)
    if content_type == "application/x-www-form-urlencoded":
        return await _answer(request, {**params, **parse_qs(body)}, None)
    raise SparqlRefused("send the query as application/sparql-query, or as a form with query=...")

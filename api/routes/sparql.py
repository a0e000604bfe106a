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
    summary="Run a read-only SPARQL query given as ?query= (without one: the service description)",
    openapi_extra=QUERY_PARAMETERS,
)
async def sparql_get(request: Request) -> Response:
    params = parse_qs(request.url.query, keep_blank_values=True)
    if not params:
        return _service_description(request)
    return await _answer(request, parse_qs(request.url.query), None)


SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS_W3 = "http://www.w3.org/ns/formats/"
RESULT_FORMATS = {
    "application/sparql-results+json": "SPARQL_Results_JSON",
    "text/csv": "SPARQL_Results_CSV",
    "text/tab-separated-values": "SPARQL_Results_TSV",
    "text/turtle": "Turtle",
    "application/n-triples": "N-Triples",
}


def _service_description(request: Request) -> Response:
    """The endpoint described (SPARQL 1.1 Service Description), as a GET with no query asks."""
    settings = get_settings(request)
    base = settings.base_iri if settings.base_iri.endswith("/") else settings.base_iri + "/"
    formats = " ,\n        ".join(f"<{FORMATS_W3}{name}>" for name in RESULT_FORMATS.values())
    body = (
        f"@prefix sd: <{SD}> .\n@prefix void: <http://rdfs.org/ns/void#> .\n\n"
        f"<{base}sparql> a sd:Service ;\n"
        f"    sd:endpoint <{base}sparql> ;\n"
        "    sd:supportedLanguage sd:SPARQL11Query ;\n"
        "    sd:feature sd:UnionDefaultGraph ;\n"
        f"    sd:resultFormat {formats} ;\n"
        f"    sd:defaultDataset [ a sd:Dataset ; void:inDataset <{base}dataset> ] .\n"
    )
    return Response(content=body, media_type="text/turtle", headers={"Vary": "Accept"})


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

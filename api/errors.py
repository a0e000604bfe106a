"""Errors the API answers with: 404 for what is not there, 422 for bad values, 503 for store trouble."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import JSONResponse, Response
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Route

from api.negotiation import NotAcceptable
from graph.cypher import ParameterError
from graph.sparql import SparqlRefused, SparqlUnavailable
from graph.store import StoreError


class NotFound(LookupError):
    """The caller asked for something the graph does not hold."""


class Unauthorized(PermissionError):
    """The request lacks the token an admin endpoint needs."""


DESCRIPTIONS = {
    401: "The admin token is missing or wrong.",
    400: "The request is not something this endpoint runs.",
    404: "Not in the graph (the message says what was looked for).",
    406: "None of the accepted media types can be produced.",
    413: "The request is too large.",
    422: "A parameter has the wrong type or form.",
    503: "The graph store (or the SPARQL service) could not answer; try again.",
}


def problems(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the error answers a router gives, each a Problem ({"detail": ...})."""
    return {
        code: {
            "description": DESCRIPTIONS[code],
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
        for code in codes
    }


def install(app: FastAPI) -> None:
    """Register the handlers that turn project errors into clear HTTP answers."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, err: StarletteHTTPException) -> Response:
        if err.status_code != 405:
            return await http_exception_handler(request, err)
        # Starlette names only the first route that matched the path; list every method it has.
        allowed = sorted(
            {
                method
                for route in request.app.routes
                if isinstance(route, Route | APIRoute)
                and route.path_regex.fullmatch(request.url.path)
                for method in route.methods or ()
            }
        )
        return JSONResponse(
            status_code=405, content={"detail": err.detail}, headers={"Allow": ", ".join(allowed)}
        )

    @app.exception_handler(Unauthorized)
    async def unauthorized(_: Request, err: Unauthorized) -> JSONResponse:
        return JSONResponse(
            status_code=401, content={"detail": str(err)}, headers={"WWW-Authenticate": "Bearer"}
        )

    @app.exception_handler(NotFound)
    async def not_found(_: Request, err: NotFound) -> JSONResponse:
        return JSONResponse(status_code=404, content={"detail": str(err)})

    @app.exception_handler(NotAcceptable)
    async def not_acceptable(_: Request, err: NotAcceptable) -> JSONResponse:
        return JSONResponse(status_code=406, content={"detail": str(err)})

    @app.exception_handler(SparqlRefused)
    async def sparql_refused(_: Request, err: SparqlRefused) -> JSONResponse:
        return JSONResponse(status_code=400, content={"detail": str(err)})

    @app.exception_handler(SparqlUnavailable)
    async def sparql_unavailable(_: Request, err: SparqlUnavailable) -> JSONResponse:
        return JSONResponse(status_code=503, content={"detail": str(err)})

    @app.exception_handler(ParameterError)
    async def bad_parameter(_: Request, err: ParameterError) -> JSONResponse:
        # The same shape as FastAPI's own validation errors, as the OpenAPI schema declares.
        detail = [{"loc": ["query", err.param or ""], "msg": str(err), "type": "value_error"}]
        return JSONResponse(status_code=422, content={"detail": detail})

    @app.exception_handler(StoreError)
    async def store_error(_: Request, err: StoreError) -> JSONResponse:
        return JSONResponse(
            status_code=503, content={"detail": f"the graph store could not answer: {err}"}
        )

"""Errors the API answers with: 404 for what is not there, 422 for bad values, 503 for store trouble."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.methods import allowed_methods
from api.negotiation import NotAcceptable
from graph.cypher import ParameterError
from graph.names import UnknownName
from graph.sparql import SparqlRefused, SparqlUnavailable
from graph.store import StoreError


class NotFound(LookupError):
    """The caller asked for something the graph does not hold."""


class Unauthorized(PermissionError):
    """The request lacks the token an admin endpoint needs."""


class TooManyRequests(PermissionError):
    """The client failed too often; it may try again after ``retry_after`` seconds."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


DESCRIPTIONS = {
    401: "The admin token is missing or wrong.",
    400: "The request is not something this endpoint runs.",
    404: "Not in the graph (the message says what was looked for).",
    406: "None of the accepted media types can be produced.",
    413: "The request is too large.",
    429: "Too many failed attempts from this address; the Retry-After header says when to retry.",
    422: "A parameter has the wrong type or form.",
    503: "The graph store (or the SPARQL service) could not answer; try again.",
}


PROBLEM_MEDIA = "application/problem+json"


def problem_body(status: int, detail: str) -> dict[str, Any]:
    """An RFC 9457 problem: no problem type of our own (about:blank), the status's title."""
    return {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }


def problem(status: int, detail: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(
        status_code=status,
        content=problem_body(status, detail),
        headers=headers,
        media_type=PROBLEM_MEDIA,
    )


def problems(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the error answers a router gives, each an RFC 9457 Problem."""
    return {
        code: {
            "description": DESCRIPTIONS[code],
            "content": {PROBLEM_MEDIA: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
        for code in codes
    }


def install(app: FastAPI) -> None:
    """Register the handlers that turn project errors into clear HTTP answers."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, err: StarletteHTTPException) -> Response:
        if err.status_code != 405:
            return problem(err.status_code, str(err.detail), getattr(err, "headers", None))
        # List every method the path has (the routers' own 405 leaves Allow empty).
        allowed = allowed_methods(request.app, request.scope)
        return problem(405, str(err.detail), {"Allow": ", ".join(allowed)})

    @app.exception_handler(Unauthorized)
    async def unauthorized(_: Request, err: Unauthorized) -> JSONResponse:
        return problem(401, str(err), {"WWW-Authenticate": "Bearer"})

    @app.exception_handler(TooManyRequests)
    async def too_many(_: Request, err: TooManyRequests) -> JSONResponse:
        return problem(429, str(err), {"Retry-After": str(err.retry_after)})

    @app.exception_handler(UnknownName)
    async def unknown_name(_: Request, err: UnknownName) -> JSONResponse:
        return problem(404, str(err))

    @app.exception_handler(NotFound)
    async def not_found(_: Request, err: NotFound) -> JSONResponse:
        return problem(404, str(err))

    @app.exception_handler(NotAcceptable)
    async def not_acceptable(_: Request, err: NotAcceptable) -> JSONResponse:
        return problem(406, str(err))

    @app.exception_handler(SparqlRefused)
    async def sparql_refused(_: Request, err: SparqlRefused) -> JSONResponse:
        return problem(400, str(err))

    @app.exception_handler(SparqlUnavailable)
    async def sparql_unavailable(_: Request, err: SparqlUnavailable) -> JSONResponse:
        return problem(503, str(err))

    @app.exception_handler(ParameterError)
    async def bad_parameter(_: Request, err: ParameterError) -> JSONResponse:
        # The same shape as FastAPI's own validation errors, as the OpenAPI schema declares.
        detail = [{"loc": ["query", err.param or ""], "msg": str(err), "type": "value_error"}]
        return JSONResponse(status_code=422, content={"detail": detail})

    @app.exception_handler(StoreError)
    async def store_error(_: Request, err: StoreError) -> JSONResponse:
        return problem(503, f"the graph store could not answer: {err}")

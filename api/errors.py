"""Errors the API answers with: 404 for what is not there, 422 for bad values, 503 for store trouble."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from api.negotiation import NotAcceptable
from graph.cypher import ParameterError
from graph.sparql import SparqlRefused, SparqlUnavailable
from graph.store import StoreError


class NotFound(LookupError):
    """The caller asked for something the graph does not hold."""


def install(app: FastAPI) -> None:
    """Register the handlers that turn project errors into clear HTTP answers."""

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
        return JSONResponse(status_code=422, content={"detail": str(err)})

    @app.exception_handler(StoreError)
    async def store_error(_: Request, err: StoreError) -> JSONResponse:
        return JSONResponse(
            status_code=503, content={"detail": f"the graph store could not answer: {err}"}
        )

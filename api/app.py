"""The FastAPI application: the store is opened in the lifespan and reached through dependencies."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractContextManager, asynccontextmanager

from fastapi import FastAPI

import pledgegraph
from api import errors
from api.routes import (
    commitments,
    entities,
    export,
    labs,
    linked_data,
    pages,
    pressure,
    queries,
    sparql,
    timeline,
)
from graph.cypher import QueryLibrary
from graph.store import GraphStore
from pledgegraph.settings import Settings
from pledgegraph.stores import reader
from schema import load_schema

StoreFactory = Callable[[Settings], AbstractContextManager[GraphStore]]


def create_app(settings: Settings | None = None, store_factory: StoreFactory = reader) -> FastAPI:
    """Build the app; ``store_factory`` opens the store when the app starts (default: the configured one)."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.settings = settings
        app.state.schema = load_schema()
        app.state.queries = QueryLibrary()
        app.state.export_cache = {}
        app.state.rdf = None  # the graph as RDF, built on first use
        app.state.rdf_lock = threading.Lock()
        app.state.sparql = None  # started on the first SPARQL query
        app.state.sparql_lock = threading.Lock()
        with store_factory(settings) as store:
            app.state.store = store
            try:
                yield
            finally:
                if app.state.sparql is not None:
                    app.state.sparql.close()
                app.state.store = None

    app = FastAPI(
        title="pledgegraph",
        version=pledgegraph.__version__,
        description="What AI labs promised about safety, what they dropped or weakened, who pressed them, and where it says so.",
        lifespan=lifespan,
    )
    errors.install(app)
    for router in (
        labs.router,
        commitments.router,
        pressure.router,
        timeline.router,
        entities.router,
        queries.router,
        export.router,
        linked_data.router,
        sparql.router,
        pages.router,
    ):
        app.include_router(router)
    return app

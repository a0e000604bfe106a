"""The FastAPI application: the store is opened in the lifespan and reached through dependencies."""

from __future__ import annotations

import sys
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractContextManager, ExitStack, asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi_offline import FastAPIOffline

import pledgegraph
from api import errors
from api.caching import AnswerCache
from api.compression import Compression
from api.follow import FollowStore, stamp
from api.limits import RequestSizeLimit
from api.methods import MethodsMiddleware
from api.models import Problem
from api.routes import (
    admin,
    commitments,
    entities,
    export,
    frameworks,
    health,
    labs,
    linked_data,
    pages,
    policies,
    pressure,
    queries,
    sparql,
    timeline,
)
from api.routes.admin import GRACE_S
from api.security_headers import SecurityHeaders
from api.view import View
from graph.cypher import QueryLibrary
from graph.data_version import read_version
from graph.store import GraphStore
from pledgegraph.settings import Settings
from pledgegraph.stores import serving
from schema import load_schema

StoreFactory = Callable[[Settings], AbstractContextManager[GraphStore]]


def create_app(
    settings: Settings | None = None,
    store_factory: StoreFactory = serving,
    announce: str | None = None,
) -> FastAPI:
    """Build the app; ``store_factory`` opens the store when the app starts (default: the configured
    one); ``announce`` is printed once the store is open and the app is ready."""
    settings = settings or Settings()
    # The embedded store's file is followed: a load that replaces it reaches every server process.
    follows = settings.store == "kglite" and store_factory is serving

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.settings = settings
        app.state.schema = load_schema()
        app.state.queries = QueryLibrary()
        app.state.reload_lock = threading.Lock()
        app.state.retired = []  # views replaced by a reload, closed after a grace period

        def open_view() -> View:
            stack = ExitStack()
            store = stack.enter_context(store_factory(settings))
            queries = app.state.queries
            return View(
                store, on_close=stack.close, read_version=lambda: read_version(store, queries)
            )

        app.state.open_view = open_view
        app.state.store_stamp = stamp(settings.store_path) if follows else None
        app.state.view = open_view()
        if announce:
            print(announce, file=sys.stderr, flush=True)
        try:
            yield
        finally:
            for view in [getattr(app.state, "view", None), *app.state.retired]:
                if view is not None:
                    view.close()
            app.state.view = None
            app.state.retired = []

    # Swagger UI and ReDoc from the assets fastapi-offline bundles, not from a CDN; no redirects
    # to a trailing-slash twin (they were built from the request's Host header).
    app = FastAPIOffline(
        title="pledgegraph",
        version=pledgegraph.__version__,
        description="What AI labs promised about safety, what they dropped or weakened, who pressed them, and where it says so.",
        lifespan=lifespan,
        redirect_slashes=False,
    )
    errors.install(app)
    base_openapi = app.openapi

    def openapi() -> dict[str, Any]:
        """FastAPI's document, with the Problem schema that every error answer follows."""
        schema = base_openapi()
        schemas = schema.setdefault("components", {}).setdefault("schemas", {})
        schemas.setdefault("Problem", Problem.model_json_schema())
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
    app.add_middleware(MethodsMiddleware)
    # Large bodies compressed when the client accepts gzip; the cache keeps what GZip produced.
    app.add_middleware(Compression, minimum_size=1024)
    app.add_middleware(AnswerCache, max_bytes=settings.answer_cache_mb * 1024 * 1024)
    if follows:
        app.add_middleware(
            FollowStore,
            path=settings.store_path,
            interval_s=settings.store_check_s,
            grace_s=GRACE_S,
        )
    app.add_middleware(SecurityHeaders)
    app.add_middleware(RequestSizeLimit, limit=settings.max_request_bytes)
    if settings.cors_origins:
        # Explicit: only the configured origins, only reading methods, no credentials.
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Accept", "Content-Type"],
            allow_credentials=False,
        )
    health.install(app)  # on the app itself, first: the liveness probe is matched before the rest
    for router in (
        labs.router,
        commitments.router,
        frameworks.router,
        policies.router,
        pressure.router,
        timeline.router,
        entities.router,
        queries.router,
        export.router,
        linked_data.router,
        sparql.router,
        pages.router,
        admin.router,
    ):
        app.include_router(router)
    return app

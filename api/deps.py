"""Dependencies: the store, the query library and the schema, opened once in the lifespan."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import Depends, Request

from graph.cypher import QueryLibrary
from graph.rdf import RdfBuilder, build_dataset
from graph.store import GraphStore
from pledgegraph.settings import Settings
from schema import Schema


def get_store(request: Request) -> GraphStore:
    store: GraphStore = request.app.state.store
    return store


def get_queries(request: Request) -> QueryLibrary:
    queries: QueryLibrary = request.app.state.queries
    return queries


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_schema(request: Request) -> Schema:
    schema: Schema = request.app.state.schema
    return schema


StoreDep = Annotated[GraphStore, Depends(get_store)]
QueriesDep = Annotated[QueryLibrary, Depends(get_queries)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
SchemaDep = Annotated[Schema, Depends(get_schema)]


def get_rdf(request: Request) -> RdfBuilder:
    """The whole graph as RDF, built on first use and kept for the app's lifetime (the store is
    read-only while the app runs), so every export and the SPARQL service share one build."""
    state = request.app.state
    with state.rdf_lock:
        if state.rdf is None:
            settings = get_settings(request)
            state.rdf = build_dataset(
                get_store(request),
                get_queries(request),
                get_schema(request),
                settings.base_iri,
                generated=dt.datetime.now(dt.UTC).replace(microsecond=0),
            )
    rdf: RdfBuilder = state.rdf
    return rdf


RdfDep = Annotated[RdfBuilder, Depends(get_rdf)]

"""Dependencies: the store, the query library and the schema, opened once in the lifespan."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from api.view import View
from graph.cypher import QueryLibrary
from graph.rdf import RdfBuilder, build_dataset
from graph.store import GraphStore
from pledgegraph.settings import Settings
from schema import Schema


def get_view(request: Request) -> View:
    """The view the request began with (the answer cache pins it), else the app's current one;
    taken once per request (FastAPI caches it for the request)."""
    view: View = getattr(request.state, "view", None) or request.app.state.view
    return view


ViewDep = Annotated[View, Depends(get_view)]


def get_store(view: ViewDep) -> GraphStore:
    return view.store


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


def get_rdf(
    view: ViewDep,
    queries: Annotated[QueryLibrary, Depends(get_queries)],
    schema: Annotated[Schema, Depends(get_schema)],
    settings: Annotated[Settings, Depends(get_settings)],
) -> RdfBuilder:
    """The view's graph as RDF, built on first use and kept with the view, so every export and
    the SPARQL service share one build."""
    return view_rdf(view, queries, schema, settings)


def view_rdf(view: View, queries: QueryLibrary, schema: Schema, settings: Settings) -> RdfBuilder:
    with view.lock:
        if view.rdf is None:
            view.rdf = build_dataset(view.store, queries, schema, settings.base_iri)
        return view.rdf


RdfDep = Annotated[RdfBuilder, Depends(get_rdf)]

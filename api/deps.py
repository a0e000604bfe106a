"""Dependencies: the store, the query library and the schema, opened once in the lifespan."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from graph.cypher import QueryLibrary
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

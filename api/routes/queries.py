"""The canned queries, listed and run by name with values as parameters."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Path, Request

from api.deps import QueriesDep, SettingsDep, StoreDep
from api.errors import NotFound, problems
from api.models import ParameterInfo, QueryInfo, QueryResult
from graph.cypher import ParameterError, Query, QueryError, QueryLibrary
from graph.names import resolve_parameters

MAX_VALUE = 1_000  # characters in one parameter value

router = APIRouter(prefix="/queries", tags=["queries"], responses=problems(404, 503))


def info(query: Query) -> QueryInfo:
    return QueryInfo(
        name=query.name,
        description=query.description,
        parameters=[
            ParameterInfo(name=p.name, kind=p.kind, required=p.required, description=p.description)
            for p in query.parameters
        ],
        columns=list(query.columns),
    )


def public_query(queries: QueryLibrary, name: str) -> Query:
    try:
        query = queries[name]
    except QueryError:
        query = None
    if query is None or not query.public:
        raise NotFound(f"no canned query named {name!r}; GET /queries lists them")
    return query


@router.get(
    "",
    response_model=list[QueryInfo],
    summary="The canned queries with their parameters and columns",
)
def list_queries(queries: QueriesDep) -> list[QueryInfo]:
    return [info(q) for q in queries.public()]


OPENAPI_TYPES: dict[str, dict[str, Any]] = {
    "string": {"type": "string", "maxLength": MAX_VALUE},
    "date": {"type": "string", "format": "date"},
    "integer": {"type": "integer", "minimum": 0},
    "boolean": {"type": "boolean"},
}


def _schema(kind: str, required: bool) -> dict[str, Any]:
    """A parameter's schema; an optional one may also be given empty, which means unset."""
    typed = OPENAPI_TYPES.get(kind, {"type": "string"})
    if required:
        return typed
    return {"anyOf": [typed, {"type": "string", "maxLength": 0}]}


def answer(
    request: Request, store: StoreDep, queries: QueryLibrary, query: Query, settings: SettingsDep
) -> QueryResult:
    """Run ``query`` with the request's parameters; a name that matches nothing is a 404."""
    params = dict(request.query_params)
    long = sorted(k for k, v in params.items() if len(v) > MAX_VALUE)
    if long:
        raise ParameterError(
            f"parameter {long[0]!r} is longer than {MAX_VALUE} characters", long[0]
        )
    rows = store.read(query, resolve_parameters(store, queries, query, params))
    limit = settings.max_rows
    return QueryResult(
        columns=list(query.columns),
        rows=[[row.get(c) for c in query.columns] for row in rows[:limit]],
        truncated=len(rows) > limit,
    )


def _route_for(query: Query) -> None:
    """One documented operation per canned question, with its parameters as its header declares."""

    def run(
        request: Request, store: StoreDep, queries: QueriesDep, settings: SettingsDep
    ) -> QueryResult:
        return answer(request, store, queries, query, settings)

    router.add_api_route(
        f"/{query.name}",
        run,
        methods=["GET"],
        response_model=QueryResult,
        summary=query.description,
        operation_id=f"query_{query.name}",
        responses={
            **problems(404, 503),
            422: {
                "description": "A parameter is missing or has the wrong type.",
                "content": {
                    "application/json": {
                        "schema": {"$ref": "#/components/schemas/HTTPValidationError"}
                    }
                },
            },
        },
        openapi_extra={
            "parameters": [
                {
                    "name": p.name,
                    "in": "query",
                    "required": p.required,
                    "description": p.description,
                    "schema": _schema(p.kind, p.required),
                }
                for p in query.parameters
            ]
        },
    )


for _query in QueryLibrary().public():
    _route_for(_query)


@router.get(
    "/{name}",
    response_model=QueryResult,
    summary="Run a canned query by name (each is also documented as its own operation)",
    include_in_schema=False,
)
def run_query(
    request: Request,
    store: StoreDep,
    queries: QueriesDep,
    settings: SettingsDep,
    name: str = Path(description="Query name, as GET /queries lists.", max_length=100),
) -> QueryResult:
    return answer(request, store, queries, public_query(queries, name), settings)

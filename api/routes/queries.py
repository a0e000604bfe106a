"""The canned queries, listed and run by name with values as parameters."""

from __future__ import annotations

from fastapi import APIRouter, Path, Request

from api.deps import QueriesDep, SettingsDep, StoreDep
from api.errors import NotFound, problems
from api.models import ParameterInfo, QueryInfo, QueryResult
from graph.cypher import ParameterError, Query, QueryError, QueryLibrary

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


@router.get(
    "/{name}",
    response_model=QueryResult,
    summary="Run a canned query; pass its parameters as ?name=value",
)
def run_query(
    request: Request,
    store: StoreDep,
    queries: QueriesDep,
    settings: SettingsDep,
    name: str = Path(description="Query name, as GET /queries lists.", max_length=100),
) -> QueryResult:
    query = public_query(queries, name)
    params = dict(request.query_params)
    long = sorted(k for k, v in params.items() if len(v) > MAX_VALUE)
    if long:
        raise ParameterError(
            f"parameter {long[0]!r} is longer than {MAX_VALUE} characters", long[0]
        )
    rows = store.read(query, params)
    limit = settings.max_rows
    return QueryResult(
        columns=list(query.columns),
        rows=[[row.get(c) for c in query.columns] for row in rows[:limit]],
        truncated=len(rows) > limit,
    )

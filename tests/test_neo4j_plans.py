"""Neo4j's own plans for the canned queries: a question about one thing starts from its id.

Each query anchored on an id is planned (EXPLAIN) and run (PROFILE) on a real Neo4j holding the
bundled data. Its plan must seek the anchor in a uniqueness index, and no operator may scan nodes
or relationships while it runs: a scan that stays in the plan only for a branch that the id made
unnecessary (the name and alias fallback) reads nothing and passes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import neo4j as driver_api
import pytest

from graph.cypher import QueryLibrary
from graph.loader import load_dataset
from graph.neo4j_store import Neo4jStore
from pledgegraph.pipeline import read_dataset
from pledgegraph.settings import Settings
from pledgegraph.stores import neo4j_store
from tests.test_neo4j import settings_for

# Every public query anchored on an id, with the anchor given as an id.
ANCHORED: dict[str, dict[str, Any]] = {
    "commitment": {"commitment": "anthropic-pause-or-delay-pledge"},
    "commitment_history": {"commitment": "anthropic-limited-delay-commitment"},
    "entity": {"id": "pete-hegseth"},
    "entity_statements": {"id": "pete-hegseth"},
    "lab": {"lab": "anthropic"},
    "lab_commitments": {"lab": "anthropic"},
    "lab_dropped": {"lab": "anthropic"},
    "pressers": {"target": "xai"},
    "pressure": {"target": "anthropic"},
    "signatories": {"commitment": "seoul-frontier-ai-safety-commitments"},
    "timeline": {"lab": "anthropic"},
    "regulator_actions": {"lab": "anthropic"},
    "after_pressure": {"target": "anthropic"},
}
# Questions about everything, which read every lab or entity by design.
UNANCHORED = {"counts", "framework_changes", "labs", "labs_without_framework", "search"}

SCANS = (
    "AllNodesScan",
    "NodeByLabelScan",
    "UnionNodeByLabelsScan",
    "IntersectionNodeByLabelsScan",
    "NodeIndexScan",
    "NodeIndexContainsScan",
    "NodeIndexEndsWithScan",
    "AllRelationshipsScan",
    "RelationshipTypeScan",
)


@pytest.fixture(scope="module")
def loaded(neo4j_server: Any, queries: QueryLibrary) -> Iterator[Neo4jStore]:
    settings: Settings = settings_for(neo4j_server)
    with neo4j_store(settings) as store:
        store.write([(queries["load/delete_all"], {})])
        load_dataset(store, queries, read_dataset(settings))
        yield store
        store.write([(queries["load/delete_all"], {})])


def operators(plan: Any) -> Iterator[Any]:
    yield plan
    for child in plan.get("children", []) if isinstance(plan, dict) else plan.children:
        yield from operators(child)


def kind(operator: Any) -> str:
    name = operator["operatorType"] if isinstance(operator, dict) else operator.operator_type
    return str(name).split("@")[0]


def test_every_public_query_is_classified(queries: QueryLibrary) -> None:
    public = {q.name for q in queries.all() if q.public}
    assert public == set(ANCHORED) | UNANCHORED


@pytest.mark.parametrize("name", sorted(ANCHORED))
def test_an_anchored_query_seeks_its_id(
    name: str, loaded: Neo4jStore, queries: QueryLibrary
) -> None:
    query = queries[name]
    params = query.bind(ANCHORED[name])
    anchor = next(iter(ANCHORED[name]))

    def run(prefix: str) -> Any:
        return loaded.driver.execute_query(
            driver_api.Query(prefix + query.text),  # type: ignore[arg-type]
            params,
            database_=loaded.database,
        )

    planned = list(operators(run("EXPLAIN ").summary.plan))
    seeks = [
        op
        for op in planned
        if kind(op) in ("NodeUniqueIndexSeek", "NodeIndexSeek")
        and f"${anchor}" in op["args"].get("Details", "")
    ]
    assert seeks, f"{name}: no index seek on ${anchor} in the plan"
    assert not [op for op in planned if kind(op) == "AllNodesScan"], f"{name}: AllNodesScan"

    records, summary, _ = run("PROFILE ")
    assert records, f"{name}: the example answered nothing"
    reading = [
        f"{kind(op)} {op.get('args', {}).get('Details', '')} ({op.get('rows')} rows)"
        for op in operators(summary.profile)
        if kind(op) in SCANS and (op.get("rows") or op.get("dbHits"))
    ]
    assert not reading, f"{name} scanned: {reading}"

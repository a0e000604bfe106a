"""Canned queries: well-formed headers, parameters bound by type, all of them run on the real store."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.cypher import ParameterError, QueryError, QueryLibrary, parse_query
from graph.kglite_store import KgliteStore
from pledgegraph.settings import Settings
from pledgegraph.stores import kglite_reader

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = {
    "lab": "Anthropic PBC",
    "commitment": "anthropic-pause-or-delay-pledge",
    "id": "anthropic",
    "target": "anthropic",
    "by": None,
    "as_of": None,
    "from": None,
    "to": None,
    "q": "pledge",
    "limit": None,
    "days": None,
}


def test_every_query_file_has_a_complete_header(queries: QueryLibrary) -> None:
    names = {q.name for q in queries.public()}
    assert {
        "labs",
        "lab_dropped",
        "lab_commitments",
        "commitment_history",
        "pressure",
        "entity",
    } <= names
    for query in queries.all():
        assert query.description and query.columns is not None


def test_a_header_must_declare_what_the_query_uses() -> None:
    with pytest.raises(QueryError, match="differ from those declared"):
        parse_query("x", "// X.\n// returns: a\nMATCH (n {id: $id}) RETURN n.id AS a")
    with pytest.raises(QueryError, match="returns"):
        parse_query("x", "// X.\nRETURN 1 AS a")


def test_parameters_are_checked_and_typed(queries: QueryLibrary) -> None:
    query = queries["lab_dropped"]
    with pytest.raises(ParameterError, match="needs parameter 'lab'"):
        query.bind({})
    with pytest.raises(ParameterError, match="has no parameter cypher"):
        query.bind({"lab": "x", "cypher": "MATCH (n) DETACH DELETE n"})
    assert queries["pressure"].bind({"target": "x"}) == {"target": "x", "by": None, "as_of": None}
    with pytest.raises(ParameterError, match="must be a date"):
        queries["lab_commitments"].bind({"lab": "x", "as_of": "last week"})


@pytest.fixture(scope="module")
def bundled_store(bundled_settings: Settings) -> KgliteStore:
    return kglite_reader(bundled_settings.store_path, 10_000)


@pytest.mark.parametrize("name", [q.name for q in QueryLibrary().public()])
def test_every_public_query_runs_on_the_embedded_store(
    name: str, bundled_store: KgliteStore, queries: QueryLibrary
) -> None:
    query = queries[name]
    rows = bundled_store.read(query, {p.name: EXAMPLES[p.name] for p in query.parameters})
    assert rows, f"{name} returned nothing on the bundled data"
    assert set(rows[0]) == set(query.columns)


def test_injection_through_parameters_is_just_a_value(
    bundled_store: KgliteStore, queries: QueryLibrary
) -> None:
    hostile = "anthropic' OR 1=1 WITH 1 AS x MATCH (n) DETACH DELETE n //"
    assert bundled_store.read(queries["lab"], {"lab": hostile}) == []
    assert bundled_store.read(queries["labs"])

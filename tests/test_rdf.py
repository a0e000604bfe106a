"""RDF exports, parsed back with a different RDF library (pyoxigraph)."""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.cypher import QueryLibrary
from graph.rdf import RdfBuilder
from pledgegraph.settings import Settings
from pledgegraph.stores import kglite_reader
from schema import load_schema

FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
}


@pytest.fixture(scope="module")
def client(bundled_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(bundled_settings)) as client:
        yield client


def parsed(body: bytes, fmt: str) -> ox.Store:
    store = ox.Store()
    store.load(body, format=FORMATS[fmt])
    return store


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_edge_in_the_store_appears_in_the_export(
    client: TestClient, bundled_settings: Settings, queries: QueryLibrary, fmt: str
) -> None:
    response = client.get("/export", params={"format": fmt})
    assert response.status_code == 200
    graph = parsed(response.content, fmt)
    schema = load_schema()
    store = kglite_reader(bundled_settings.store_path, 10_000)
    builder = RdfBuilder(schema, bundled_settings.base_iri)
    kinds = {
        row["id"]: builder.kind_of(row["labels"]) for row in store.read(queries["read/all_nodes"])
    }
    statements = store.read(queries["read/all_statements"])
    assert statements
    derived_from = ox.NamedNode(schema.expand("prov:wasDerivedFrom"))
    quote = ox.NamedNode(schema.expand("pg:quote"))
    for row in statements:
        subject = ox.NamedNode(str(builder.iri(kinds[row["from"]], row["from"])))
        predicate = ox.NamedNode(schema.expand(schema.edge_types[row["edge"]].rdf))
        obj = ox.NamedNode(str(builder.iri(kinds[row["to"]], row["to"])))
        assert ox.Quad(subject, predicate, obj) in graph, row
        reified = ox.NamedNode(f"{builder.base}id/statement/{row['properties']['id']}")
        source = ox.NamedNode(str(builder.iri("Source", row["properties"]["source"])))
        assert ox.Quad(reified, derived_from, source) in graph
        assert ox.Quad(reified, quote, ox.Literal(row["properties"]["quote"])) in graph


def test_content_negotiation(client: TestClient) -> None:
    for media, fmt in (
        ("text/turtle", "turtle"),
        ("application/ld+json", "jsonld"),
        ("application/n-triples", "ntriples"),
    ):
        response = client.get("/export", headers={"Accept": media})
        assert response.headers["content-type"].startswith(media)
        assert len(parsed(response.content, fmt)) > 0
    assert client.get("/export").headers["content-type"].startswith("text/turtle")


def test_dates_and_sources_are_typed(client: TestClient) -> None:
    graph = parsed(client.get("/export", params={"format": "ntriples"}).content, "ntriples")
    schema = load_schema()
    dates = [
        q.object
        for q in graph.quads_for_pattern(None, ox.NamedNode(schema.expand("pg:date")), None)
    ]
    assert dates and all(
        d.datatype == ox.NamedNode("http://www.w3.org/2001/XMLSchema#date") for d in dates
    )
    publishers = {
        q.object.value
        for q in graph.quads_for_pattern(
            None, ox.NamedNode(schema.expand("dcterms:publisher")), None
        )
    }
    assert "Cybernews" in publishers

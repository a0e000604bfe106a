"""The SPARQL 1.1 Protocol cases the endpoint answers (the ASGI app, real query workers): the
dataset a query names (FROM, FROM NAMED, default-graph-uri, named-graph-uri), the union default
graph with each triple once, and every results and graph format, parsed back."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest
import rdflib
from fastapi.testclient import TestClient

from api.app import create_app
from pledgegraph.settings import Settings

PG = "https://w3id.org/pledgegraph/vocab#"
BASE = "https://w3id.org/pledgegraph/"
MADE = f"SELECT ?c WHERE {{ <{BASE}id/lab/anthropic> <{PG}made> ?c }}"
ARTICLE = f"{BASE}graph/cybernews-anthropic-rsp-v3"


@pytest.fixture(scope="module")
def client(bundled_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(bundled_settings)) as client:
        yield client


def _rows(client: TestClient, query: str, **params: str | list[str]) -> list[dict[str, object]]:
    response = client.get("/sparql", params={"query": query, **params})
    assert response.status_code == 200, response.text
    return list(response.json()["results"]["bindings"])


def test_the_union_default_graph_holds_each_triple_once(client: TestClient) -> None:
    rows = _rows(client, MADE)
    values = [r["c"]["value"] for r in rows]  # type: ignore[index]
    assert values and len(values) == len(
        set(values)
    )  # one row per commitment, however many sources
    total = _rows(client, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    distinct = _rows(
        client, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
    )
    assert total == distinct


def test_from_builds_the_dataset_as_the_protocol_says(client: TestClient) -> None:
    everywhere = _rows(client, MADE)
    one_source = _rows(client, MADE.replace("SELECT ?c WHERE", f"SELECT ?c FROM <{ARTICLE}> WHERE"))
    assert 0 < len(one_source) < len(everywhere)
    by_parameter = _rows(client, MADE, **{"default-graph-uri": ARTICLE})
    assert by_parameter == one_source
    named = _rows(
        client,
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
        **{"named-graph-uri": ARTICLE},
    )
    assert [r["g"]["value"] for r in named] == [ARTICLE]  # type: ignore[index]
    from_named = _rows(
        client, f"SELECT DISTINCT ?g FROM NAMED <{ARTICLE}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    )
    assert from_named == named


def test_results_as_xml_csv_and_tsv(client: TestClient) -> None:
    xml = client.get(
        "/sparql", params={"query": MADE}, headers={"Accept": "application/sparql-results+xml"}
    )
    assert xml.headers["content-type"].startswith("application/sparql-results+xml")
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    root = ET.fromstring(xml.content)
    uris = [u.text for u in root.findall(".//r:binding[@name='c']/r:uri", ns)]
    assert sorted(uris) == sorted(r["c"]["value"] for r in _rows(client, MADE))  # type: ignore[index]
    ask = client.get(
        "/sparql",
        params={"query": "ASK { ?s ?p ?o }"},
        headers={"Accept": "application/sparql-results+xml"},
    )
    assert ET.fromstring(ask.content).find("r:boolean", ns).text == "true"  # type: ignore[union-attr]
    for media in ("text/csv", "text/tab-separated-values"):
        answer = client.get("/sparql", params={"query": MADE}, headers={"Accept": media})
        assert (
            answer.headers["content-type"].startswith(media) and len(answer.text.splitlines()) > 2
        )


@pytest.mark.parametrize(
    ("media", "parse_as"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_construct_and_describe_in_every_graph_format(
    client: TestClient, media: str, parse_as: str
) -> None:
    query = f"CONSTRUCT {{ <{BASE}id/lab/anthropic> <{PG}made> ?c }} WHERE {{ <{BASE}id/lab/anthropic> <{PG}made> ?c }}"
    answer = client.get("/sparql", params={"query": query}, headers={"Accept": media})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith(media)
    graph = rdflib.Graph().parse(data=answer.text, format=parse_as)  # read back by rdflib
    assert len(graph) == len(_rows(client, MADE))
    describe = client.get(
        "/sparql", params={"query": f"DESCRIBE <{BASE}id/lab/anthropic>"}, headers={"Accept": media}
    )
    assert (
        describe.status_code == 200
        and len(rdflib.Graph().parse(data=describe.text, format=parse_as)) > 5
    )

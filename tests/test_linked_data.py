"""Linked data: the vocabulary and shapes, provenance in named graphs, exports read back by two RDF
libraries, dereferenceable IRIs, the SPARQL endpoint, and parsing that never reaches out."""

from __future__ import annotations

import contextlib
import json
import socket
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pyshacl
import pytest
from fastapi.testclient import TestClient
from rdflib import OWL, RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from api.app import create_app
from graph.rdf import FORMATS, QUAD_FORMATS
from graph.rdf_parse import RdfParseError, parse_rdf
from pledgegraph.settings import Settings
from schema import load_schema
from schema.vocab import ontology, shapes, version_iri

ROOT = Path(__file__).resolve().parents[1]
BASE = "https://w3id.org/pledgegraph/"
PG = "https://w3id.org/pledgegraph/vocab#"
OX_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
}


@pytest.fixture(scope="module")
def client(bundled_settings: Settings) -> Iterator[TestClient]:
    settings = bundled_settings.model_copy(
        update={"sparql_timeout_ms": 2_000, "sparql_max_rows": 50}
    )
    with TestClient(create_app(settings)) as client:
        yield client


@pytest.fixture(scope="module")
def exports(client: TestClient) -> dict[str, bytes]:
    out = {}
    for fmt in FORMATS:
        response = client.get("/export", params={"format": fmt})
        assert response.status_code == 200, fmt
        assert response.headers["content-type"].startswith(FORMATS[fmt][1])
        out[fmt] = response.content
    return out


def _canon(term: Any) -> str:
    """One spelling of a term for both libraries (IRI, or lexical form with datatype/language)."""
    if isinstance(term, ox.NamedNode | URIRef):
        return f"<{term.value if isinstance(term, ox.NamedNode) else term}>"
    if isinstance(term, ox.Literal):
        suffix = f"@{term.language}" if term.language else f"^^{term.datatype.value}"
        return f'"{term.value}"{suffix}'
    assert isinstance(term, Literal), term
    datatype = term.datatype or "http://www.w3.org/2001/XMLSchema#string"
    suffix = f"@{term.language}" if term.language else f"^^{datatype}"
    return f'"{term}"{suffix}'


def oxigraph_triples(body: bytes, fmt: str) -> set[tuple[str, ...]]:
    quads = ox.parse(body, format=OX_FORMATS[fmt])
    if fmt in QUAD_FORMATS:
        return {
            (_canon(q.subject), _canon(q.predicate), _canon(q.object), _graph(q.graph_name))
            for q in quads
        }
    return {(_canon(q.subject), _canon(q.predicate), _canon(q.object)) for q in quads}


def _graph(name: Any) -> str:
    return "" if isinstance(name, ox.DefaultGraph) else _canon(name)


def rdflib_triples(body: bytes, fmt: str) -> set[tuple[str, ...]]:
    graph = parse_rdf(body, fmt)
    if fmt in QUAD_FORMATS:
        out = set()
        for s, p, o, g in graph.quads((None, None, None, None)):  # type: ignore[attr-defined]
            name = getattr(g, "identifier", g)
            default = name is None or str(name) == "urn:x-rdflib:default"
            out.add((_canon(s), _canon(p), _canon(o), "" if default else _canon(name)))
        return out
    return {(_canon(s), _canon(p), _canon(o)) for s, p, o in graph}


# --- vocabulary and shapes ---------------------------------------------------------------------


def test_the_vocabulary_is_a_versioned_owl_ontology() -> None:
    schema = load_schema()
    text = (ROOT / "schema" / "vocab.ttl").read_text(encoding="utf-8")
    assert text == ontology(schema)
    graph = parse_rdf(text, "turtle")
    onto = URIRef(PG.rstrip("#"))
    assert (onto, RDF.type, OWL.Ontology) in graph
    assert (onto, OWL.versionIRI, URIRef(version_iri(schema))) in graph
    assert version_iri(schema).endswith("/" + schema.version)
    own_terms = {
        t
        for t in [
            *(n.rdf for n in schema.node_types.values()),
            *(e.rdf for e in schema.edge_types.values()),
        ]
        if t.startswith("pg:")
    }
    for curie in own_terms:
        iri = URIRef(schema.expand(curie))
        assert (iri, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), None) in graph, curie
        assert (iri, URIRef("http://www.w3.org/2000/01/rdf-schema#comment"), None) in graph, curie
    made = URIRef(PG + "made")
    assert (
        made,
        URIRef("http://www.w3.org/2000/01/rdf-schema#range"),
        URIRef(PG + "Commitment"),
    ) in graph
    assert len(list(ox.parse(text.encode(), format=ox.RdfFormat.TURTLE))) == len(graph)


def test_the_export_conforms_to_the_shapes(exports: dict[str, bytes]) -> None:
    data = parse_rdf(exports["turtle"], "turtle")
    shape_graph = parse_rdf(shapes(load_schema()), "turtle")
    conforms, _, report = pyshacl.validate(data, shacl_graph=shape_graph, inference="none")
    assert conforms, report


def test_a_broken_graph_fails_the_shapes(exports: dict[str, bytes]) -> None:
    data = parse_rdf(exports["turtle"], "turtle")
    quote = URIRef(PG + "quote")
    statement = next(data.subjects(quote, None))
    data.remove((statement, quote, None))  # a statement without its quote
    verified = URIRef(PG + "verified")
    other = next(s for s in data.subjects(verified, None) if s != statement)
    data.set((other, verified, Literal("yes")))  # not a boolean
    lab = URIRef(BASE + "id/lab/anthropic")
    data.remove((lab, URIRef("https://schema.org/name"), None))  # an entity without a name
    shape_graph = parse_rdf(shapes(load_schema()), "turtle")
    conforms, report_graph, report = pyshacl.validate(
        data, shacl_graph=shape_graph, inference="none"
    )
    assert not conforms
    sh = "http://www.w3.org/ns/shacl#"
    paths = {str(p) for p in report_graph.objects(None, URIRef(sh + "resultPath"))}
    assert {PG + "quote", PG + "verified", "https://schema.org/name"} <= paths, report


# --- exports -----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_both_libraries_read_the_same_triples(exports: dict[str, bytes], fmt: str) -> None:
    assert oxigraph_triples(exports[fmt], fmt) == rdflib_triples(exports[fmt], fmt)


def test_every_format_holds_the_same_facts(exports: dict[str, bytes]) -> None:
    union = {q[:3] for q in oxigraph_triples(exports["nquads"], "nquads")}
    for fmt in ("turtle", "ntriples", "jsonld"):
        assert oxigraph_triples(exports[fmt], fmt) == union, fmt
    assert {q[:3] for q in oxigraph_triples(exports["trig"], "trig")} == union


def test_one_named_graph_per_source_described_with_prov(exports: dict[str, bytes]) -> None:
    data = parse_rdf(exports["trig"], "trig")
    graphs = {
        str(g.identifier) for g in data.graphs() if str(g.identifier).startswith(BASE + "graph/")
    }  # type: ignore[attr-defined]
    sources = set(data.subjects(RDF.type, URIRef(PG + "Source")))
    assert len(graphs) == len(sources) >= 24
    named = URIRef(BASE + "graph/cybernews-anthropic-rsp-v3")
    source = URIRef(BASE + "id/source/cybernews-anthropic-rsp-v3")
    assert (named, RDF.type, PROV.Bundle) in data
    assert (named, PROV.wasDerivedFrom, source) in data
    assert (
        named,
        URIRef("https://schema.org/url"),
        URIRef("https://cybernews.com/ai-news/anthropic-scales-back-ai-safety-pledge/"),
    ) in data
    assert (named, DCTERMS.issued, None) in data
    # No wall clock: the dataset says its version and its newest date instead (reproducible).
    assert (named, PROV.generatedAtTime, None) not in data
    dataset = URIRef(BASE + "dataset")
    assert (
        dataset,
        DCTERMS.license,
        URIRef("https://creativecommons.org/licenses/by/4.0/"),
    ) in data
    assert (dataset, OWL.versionInfo, None) in data and (dataset, DCTERMS.modified, None) in data
    assert (source, URIRef(PG + "textSha256"), None) in data  # on the source, not its bundle
    agent = data.value(named, PROV.wasAttributedTo)
    assert (
        agent is not None
        and str(data.value(agent, URIRef("https://schema.org/name"))) == "Cybernews"
    )
    # Dublin Core for the source itself.
    assert (source, DCTERMS.title, None) in data and (source, DCTERMS.publisher, None) in data
    # A verified statement sits in its source's graph with its quote and span.
    quads = oxigraph_triples(exports["nquads"], "nquads")
    in_graph = {q for q in quads if q[3] == f"<{named}>"}
    assert any(q[1] == f"<{PG}quoteStart>" for q in in_graph)
    assert any(q[1] == "<http://www.w3.org/ns/prov#wasDerivedFrom>" for q in in_graph)


def test_labs_with_a_wikidata_id_are_the_same_as_it(exports: dict[str, bytes]) -> None:
    data = parse_rdf(exports["turtle"], "turtle")
    assert (
        URIRef(BASE + "id/lab/openai"),
        OWL.sameAs,
        URIRef("http://www.wikidata.org/entity/Q21708200"),
    ) in data


# --- dereferenceable IRIs ----------------------------------------------------------------------


def test_an_entity_iri_answers_turtle_with_its_statements_and_sources(client: TestClient) -> None:
    response = client.get("/id/lab/anthropic", headers={"Accept": "text/turtle"})
    assert response.status_code == 200 and response.headers["content-type"].startswith(
        "text/turtle"
    )
    # Varies with Accept (the format) and, since answers may be compressed, Accept-Encoding.
    assert {v.strip() for v in response.headers["vary"].split(",")} == {"Accept", "Accept-Encoding"}
    assert 'rel="alternate"' in response.headers["link"]
    data = parse_rdf(response.content, "turtle")
    lab = URIRef(BASE + "id/lab/anthropic")
    assert (
        lab,
        URIRef(PG + "dropped"),
        URIRef(BASE + "id/commitment/anthropic-pause-or-delay-pledge"),
    ) in data
    statements = set(data.subjects(RDF.subject, lab)) | set(data.subjects(RDF.object, lab))
    assert statements
    for statement in statements:
        source = data.value(statement, PROV.wasDerivedFrom)
        assert source is not None and (source, RDF.type, URIRef(PG + "Source")) in data


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        ("application/ld+json", "application/ld+json"),
        ("application/n-triples", "application/n-triples"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html"),
        ("*/*", "text/turtle"),
        ("text/html;q=0.1, text/turtle;q=0.9", "text/turtle"),
    ],
)
def test_content_negotiation(client: TestClient, accept: str, media: str) -> None:
    response = client.get("/id/person/pete-hegseth", headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)
    if media == "text/html":
        assert (
            "<h1>Pete Hegseth</h1>" in response.text
            and "Pete Hegseth pressed Anthropic" in response.text
        )
    if media == "application/ld+json":
        assert parse_rdf(response.content, "jsonld")


def test_iri_errors(client: TestClient) -> None:
    wrong = client.get("/id/lab/pete-hegseth")
    assert wrong.status_code == 404 and "id/person/pete-hegseth" in wrong.json()["detail"]
    assert client.get("/id/lab/nope").status_code == 404
    assert client.get("/id/lab/anthropic", headers={"Accept": "image/png"}).status_code == 406
    html = client.get("/id/lab/anthropic?format=html")
    assert html.status_code == 200 and "<script" not in html.text


def test_a_statement_iri_answers(client: TestClient, exports: dict[str, bytes]) -> None:
    data = parse_rdf(exports["turtle"], "turtle")
    statement = next(data.subjects(RDF.type, RDF.Statement))
    path = str(statement).removeprefix(BASE.rstrip("/"))
    response = client.get(path, headers={"Accept": "application/n-triples"})
    assert response.status_code == 200
    assert (statement, RDF.type, RDF.Statement) in parse_rdf(response.content, "ntriples")


def test_vocabulary_shapes_and_context_are_served(client: TestClient) -> None:
    vocab = client.get("/vocab")
    assert vocab.headers["content-type"].startswith("text/turtle")
    assert vocab.text == (ROOT / "schema" / "vocab.ttl").read_text(encoding="utf-8")
    assert client.get("/vocab", headers={"Accept": "application/ld+json"}).json()
    assert "sh:NodeShape" in client.get("/vocab/shapes").text
    ctx = client.get("/context.jsonld")
    assert ctx.headers["content-type"].startswith("application/ld+json")
    assert ctx.json() == json.loads(
        (ROOT / "schema" / "context.jsonld").read_text(encoding="utf-8")
    )
    assert client.get(f"/context/{load_schema().version}.jsonld").json() == ctx.json()
    assert client.get("/context/0.0.0.jsonld").status_code == 404


# --- SPARQL ------------------------------------------------------------------------------------

DROPPED = """PREFIX pg: <https://w3id.org/pledgegraph/vocab#>
SELECT ?commitment WHERE { <https://w3id.org/pledgegraph/id/lab/anthropic> pg:dropped ?commitment }"""


def test_sparql_answers_what_the_api_answers(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": DROPPED})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    bindings = response.json()["results"]["bindings"]
    over_sparql = {b["commitment"]["value"].rsplit("/", 1)[1] for b in bindings}
    over_api = {
        d["commitment"]["id"] for d in client.get("/labs/anthropic/dropped").json()["dropped"]
    }
    assert over_sparql == over_api and len(over_api) >= 4


def test_sparql_protocol_forms_and_csv(client: TestClient) -> None:
    csv_text = client.get("/sparql", params={"query": DROPPED}, headers={"Accept": "text/csv"}).text
    assert csv_text.splitlines()[0] == "commitment" and len(csv_text.splitlines()) >= 5
    posted = client.post(
        "/sparql", content=DROPPED, headers={"Content-Type": "application/sparql-query"}
    )
    form = client.post("/sparql", data={"query": DROPPED})
    assert posted.json() == form.json() == client.get("/sparql", params={"query": DROPPED}).json()
    ask = client.get(
        "/sparql", params={"query": "ASK { ?s a <https://w3id.org/pledgegraph/vocab#Lab> }"}
    )
    assert ask.json()["boolean"] is True
    graph = client.get(
        "/sparql",
        params={"query": "CONSTRUCT WHERE { ?s a <https://w3id.org/pledgegraph/vocab#Lab> } "},
        headers={"Accept": "text/turtle"},
    )
    assert graph.headers["content-type"].startswith("text/turtle") and parse_rdf(
        graph.content, "turtle"
    )
    by_graph = client.get(
        "/sparql",
        params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"},
    ).json()["results"]["bindings"]
    assert len(by_graph) >= 24


def test_sparql_limits_results(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert response.status_code == 200 and response.headers["x-results-truncated"] == "true"
    assert len(response.json()["results"]["bindings"]) == 50


@pytest.mark.parametrize(
    ("request_args", "fragment"),
    [
        ({"params": {"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}}, "read-only"),
        ({"params": {"query": "DELETE WHERE { ?s ?p ?o }"}}, "read-only"),
        ({"params": {"query": "SELEKT * { ?s ?p ?o }"}}, "not a valid SPARQL"),
        (
            {"params": {"query": ""}},
            "exactly one query",
        ),  # no query at all: the service description
    ],
)
def test_sparql_refuses_updates_and_nonsense(
    client: TestClient, request_args: dict[str, Any], fragment: str
) -> None:
    response = client.get("/sparql", **request_args)
    assert response.status_code == 400 and fragment in response.json()["detail"]
    form = client.post("/sparql", data={"update": "DROP ALL"})
    assert form.status_code == 400 and "read-only" in form.json()["detail"]


def test_sparql_never_calls_another_endpoint(client: TestClient) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(1.5)
    port = listener.getsockname()[1]
    connections: list[object] = []

    def accept() -> None:
        with contextlib.suppress(OSError):
            connections.append(listener.accept())

    thread = threading.Thread(target=accept)
    thread.start()
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
    response = client.get("/sparql", params={"query": query})
    thread.join()
    listener.close()
    assert response.status_code == 400 and "SERVICE is refused" in response.json()["detail"]
    assert connections == []


def test_a_runaway_query_is_stopped_and_the_endpoint_recovers(client: TestClient) -> None:
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z . ?d ?s ?w }"
    response = client.get("/sparql", params={"query": heavy})
    assert response.status_code == 503 and "time limit" in response.json()["detail"]
    again = client.get("/sparql", params={"query": DROPPED})  # a fresh worker takes over
    assert again.status_code == 200


# --- parsing never reaches out -----------------------------------------------------------------


class _Watch:
    """Records network and file activity while on (audit hooks cannot be removed, only muted)."""

    def __init__(self) -> None:
        self.on = False
        self.events: list[tuple[str, tuple[Any, ...]]] = []
        sys.addaudithook(self)

    def __call__(self, event: str, args: tuple[Any, ...]) -> None:
        if self.on and event in ("urllib.Request", "socket.connect", "socket.getaddrinfo", "open"):
            if event == "open" and not str(args[0]).startswith(("/etc", "file:")):
                return
            self.events.append((event, args))


_WATCH = _Watch()


@pytest.fixture
def watch() -> _Watch:
    _WATCH.events.clear()
    return _WATCH


@pytest.mark.parametrize(
    "ctx",
    [
        "https://evil.example/context.jsonld",
        "file:///etc/hostname",
        ["https://evil.example/a.jsonld"],
    ],
)
def test_remote_and_file_contexts_are_refused_without_a_fetch(watch: _Watch, ctx: Any) -> None:
    doc = json.dumps({"@context": ctx, "@id": "urn:x", "name": "x"})
    nested = (
        json.dumps({"@context": {"@import": ctx}, "@id": "urn:x"}) if isinstance(ctx, str) else doc
    )
    watch.on = True
    try:
        for text in (doc, nested):
            with pytest.raises(RdfParseError, match="never fetched"):
                parse_rdf(text, "jsonld")
    finally:
        watch.on = False
    assert watch.events == []


def test_the_watch_would_see_a_fetch(watch: _Watch) -> None:
    """rdflib left to itself does try to fetch a remote context: the watch above would notice."""
    doc = json.dumps({"@context": "http://127.0.0.1:9/ctx.jsonld", "@id": "urn:x", "urn:p": "x"})
    watch.on = True
    try:
        with pytest.raises(Exception):  # noqa: B017 - any failure: the point is the attempt
            Graph().parse(data=doc, format="json-ld")
    finally:
        watch.on = False
    assert any(event in ("urllib.Request", "socket.connect") for event, _ in watch.events)


def test_the_projects_own_context_is_used_from_the_local_copy(watch: _Watch) -> None:
    doc = json.dumps({"@context": BASE + "context.jsonld", "@id": BASE + "id/lab/x", "name": "X"})
    watch.on = True
    try:
        graph = parse_rdf(doc, "jsonld")
    finally:
        watch.on = False
    assert watch.events == []
    assert (URIRef(BASE + "id/lab/x"), URIRef("https://schema.org/name"), Literal("X")) in graph

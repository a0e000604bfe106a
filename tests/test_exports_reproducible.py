"""Exports are reproducible: the same data gives the same bytes in every format, with no line
twice, and the dataset describes itself (licence, version, newest date) from the data alone."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib

from pledgegraph.cli import main
from pledgegraph.settings import Settings

LINE_FORMATS = ("ntriples", "nquads")


def _export(settings: Settings, fmt: str, out: Path) -> bytes:
    assert (
        main(
            [
                "export",
                "--format",
                fmt,
                "--output",
                str(out),
                "--store-path",
                str(settings.store_path),
            ]
        )
        == 0
    )
    return out.read_bytes()


@pytest.mark.parametrize("fmt", ["turtle", "ntriples", "trig", "nquads", "jsonld"])
def test_two_exports_of_unchanged_data_are_the_same_bytes(
    bundled_settings: Settings, tmp_path: Path, fmt: str
) -> None:
    first = _export(bundled_settings, fmt, tmp_path / f"a.{fmt}")
    second = _export(bundled_settings, fmt, tmp_path / f"b.{fmt}")
    assert first == second and len(first) > 10_000


@pytest.mark.parametrize("fmt", LINE_FORMATS)
def test_no_line_is_written_twice(bundled_settings: Settings, tmp_path: Path, fmt: str) -> None:
    lines = _export(bundled_settings, fmt, tmp_path / f"x.{fmt}").decode("utf-8").splitlines()
    repeated = (
        sorted({line for line in lines if lines.count(line) > 1}) if len(lines) < 200_000 else []
    )
    assert repeated == []


def test_turtle_holds_each_triple_once_and_parses_in_rdflib(
    bundled_settings: Settings, tmp_path: Path
) -> None:
    """Parsed back with a different library than the one that wrote it (pyoxigraph writes)."""
    text = _export(bundled_settings, "turtle", tmp_path / "x.ttl").decode("utf-8")
    graph = rdflib.Graph().parse(data=text, format="turtle")
    nt = _export(bundled_settings, "ntriples", tmp_path / "x.nt").decode("utf-8").splitlines()
    assert len(graph) == len([line for line in nt if line.strip()])
    dataset = rdflib.URIRef("https://w3id.org/pledgegraph/dataset")
    assert (dataset, rdflib.RDF.type, rdflib.URIRef("http://rdfs.org/ns/void#Dataset")) in graph
    assert str(graph.value(dataset, rdflib.OWL.versionInfo))  # the data's version


def test_the_dataset_and_the_versioned_vocabulary_dereference(bundled_settings: Settings) -> None:
    from fastapi.testclient import TestClient

    from api.app import create_app

    with TestClient(create_app(bundled_settings)) as client:
        for path in ("/dataset", "/.well-known/void"):
            turtle = client.get(path)
            assert turtle.status_code == 200 and turtle.headers["content-type"].startswith(
                "text/turtle"
            )
            graph = rdflib.Graph().parse(data=turtle.text, format="turtle")
            dataset = rdflib.URIRef("https://w3id.org/pledgegraph/dataset")
            assert (
                dataset,
                rdflib.DCTERMS.license,
                rdflib.URIRef("https://creativecommons.org/licenses/by/4.0/"),
            ) in graph
            assert (dataset, rdflib.URIRef("http://rdfs.org/ns/void#sparqlEndpoint"), None) in graph
            jsonld = client.get(path, headers={"Accept": "application/ld+json"})
            assert jsonld.headers["content-type"].startswith("application/ld+json")
            assert client.head(path).status_code == 200
        vocab = client.get("/vocab/0.1.0")
        assert vocab.status_code == 200 and "owl:versionIRI" in vocab.text
        assert client.get("/vocab/9.9.9").status_code == 404


def test_the_vocabulary_and_the_data_agree_under_rdfs_inference(
    bundled_settings: Settings, tmp_path: Path
) -> None:
    """pyshacl with the vocabulary as the ontology and RDFS inference: a bundle stays a bundle
    (no property whose domain is pg:Source is said of it); the whole export conforms, and so does
    each named graph alone."""
    import pyshacl

    root = Path(__file__).resolve().parents[1] / "schema"
    data = rdflib.Dataset()
    data.parse(
        data=_export(bundled_settings, "trig", tmp_path / "x.trig").decode("utf-8"), format="trig"
    )
    union = rdflib.Graph()
    for graph in data.graphs():
        for triple in graph:
            union.add(triple)
    conforms, _, report = pyshacl.validate(
        union,
        shacl_graph=rdflib.Graph().parse(root / "shapes.ttl"),
        ont_graph=rdflib.Graph().parse(root / "vocab.ttl"),
        inference="rdfs",
    )
    assert conforms, report[:2000]
    # Each source's named graph read alone: it carries the cards of the nodes it mentions.
    failing = []
    for graph in data.graphs():
        if len(graph) == 0 or str(graph.identifier) == "urn:x-rdflib:default":
            continue
        alone, _, _ = pyshacl.validate(
            graph,
            shacl_graph=rdflib.Graph().parse(root / "shapes.ttl"),
            ont_graph=rdflib.Graph().parse(root / "vocab.ttl"),
            inference="rdfs",
        )
        if not alone:
            failing.append(str(graph.identifier))
    assert failing == []


def test_evidence_selects_which_facts_are_plain_triples(tmp_path: Path) -> None:
    """verified: only facts whose quote was found; preferred: an event's preferred statement
    where it has one, never a deprecated one; the reified statements always stay."""
    from tests.fixtures import write_fixture

    data, texts = write_fixture(tmp_path)
    claims = data / "sources" / "fx-other" / "claims.yaml"
    claims.write_text(
        claims.read_text(encoding="utf-8")
        + """- from: jane-roe
  edge: PRESSURED
  to: example-lab
  date: 2024-05-01
  rank: preferred
  event: fx-conflict
  evidence:
  - quote: Example Lab pledged to halt training when tests fail.
    support: Test data.
- from: jane-roe
  edge: PRESSURED
  to: halt-pledge-owner
  date: 2024-05-01
  rank: normal
  event: fx-conflict
  evidence:
  - quote: Example Lab pledged to halt training when tests fail.
    support: Test data.
""",
        encoding="utf-8",
    )
    entities = data / "entities.yaml"
    entities.write_text(
        entities.read_text(encoding="utf-8")
        + "- id: halt-pledge-owner\n  kind: Company\n  name: Another Company\n",
        encoding="utf-8",
    )
    store = tmp_path / "g.kgl"
    assert (
        main(["ingest", "--data", str(data), "--texts", str(texts), "--store-path", str(store)])
        == 0
    )

    def triples(evidence: str) -> rdflib.Graph:
        out = tmp_path / f"{evidence}.nt"
        args = ["export", "--format", "ntriples", "--evidence", evidence, "--output", str(out)]
        assert main([*args, "--store-path", str(store)]) == 0
        return rdflib.Graph().parse(out, format="nt")

    lab = rdflib.URIRef("https://w3id.org/pledgegraph/id/lab/example-lab")
    other = rdflib.URIRef("https://w3id.org/pledgegraph/id/company/halt-pledge-owner")
    roe = rdflib.URIRef("https://w3id.org/pledgegraph/id/person/jane-roe")
    pressured = rdflib.URIRef("https://w3id.org/pledgegraph/vocab#pressured")
    dropped = rdflib.URIRef("https://w3id.org/pledgegraph/vocab#dropped")
    every = triples("all")
    assert (roe, pressured, lab) in every and (roe, pressured, other) in every
    preferred = triples("preferred")
    assert (roe, pressured, lab) in preferred and (roe, pressured, other) not in preferred
    verified = triples("verified")
    assert (lab, dropped, None) in verified  # the fixture article's quotes are verified
    assert (roe, pressured, other) not in verified  # fx-other has no archived text
    statement = rdflib.URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement")
    for graph in (preferred, verified):
        assert len(set(graph.subjects(rdflib.RDF.type, statement))) == len(
            set(every.subjects(rdflib.RDF.type, statement))
        )


def test_the_server_exports_with_the_same_selection(bundled_settings: Settings) -> None:
    from fastapi.testclient import TestClient

    from api.app import create_app

    with TestClient(create_app(bundled_settings)) as client:
        every = client.get("/export", params={"format": "ntriples"}).text.splitlines()
        verified = client.get("/export", params={"format": "ntriples", "evidence": "verified"})
        assert verified.status_code == 200
        lines = verified.text.splitlines()
        assert 0 < len(lines) < len(every)
        again = client.get("/export", params={"format": "ntriples", "evidence": "verified"})
        assert again.text == verified.text
        assert client.get("/export", params={"evidence": "some"}).status_code == 422


def test_terms_read_as_words_and_link_outside_and_publishers_are_their_entities(
    bundled_settings: Settings, tmp_path: Path
) -> None:
    root = Path(__file__).resolve().parents[1] / "schema"
    vocab = rdflib.Graph().parse(root / "vocab.ttl")
    pg = rdflib.Namespace("https://w3id.org/pledgegraph/vocab#")
    assert str(vocab.value(pg.supersededBy, rdflib.RDFS.label)) == "superseded by"
    assert str(vocab.value(pg.supersededBy, rdflib.SKOS.notation)) == "SUPERSEDED_BY"
    assert (pg.supersededBy, rdflib.RDFS.subPropertyOf, rdflib.DCTERMS.isReplacedBy) in vocab
    assert (pg.partOf, rdflib.RDFS.subPropertyOf, rdflib.DCTERMS.isPartOf) in vocab
    assert str(vocab.value(pg.datePrecision, rdflib.RDFS.label)) == "date precision"
    # Allowed values as SKOS concept schemes, the data's literal as each concept's notation.
    scheme = vocab.value(pg.change, rdflib.RDFS.seeAlso)
    assert (scheme, rdflib.RDF.type, rdflib.SKOS.ConceptScheme) in vocab
    notations = {
        str(vocab.value(c, rdflib.SKOS.notation))
        for c in vocab.subjects(rdflib.SKOS.inScheme, scheme)
    }
    assert notations == {"weakened", "strengthened", "replaced"}
    data = rdflib.Graph().parse(
        _export(bundled_settings, "ntriples", tmp_path / "x.nt"), format="nt"
    )
    base = "https://w3id.org/pledgegraph/id/"
    assert (
        rdflib.URIRef(base + "agent/openai"),
        rdflib.OWL.sameAs,
        rdflib.URIRef(base + "lab/openai"),
    ) in data


def test_quotes_are_web_annotations_and_roles_are_org_memberships(tmp_path: Path) -> None:
    """Each quote: an oa:Annotation whose target is the source, selected by the exact words with
    the text around them, and (verified) by their position, which holds in the archived text."""
    from ingest.quotes import normalise_quote
    from tests.fixtures import TEXT, write_fixture

    data, texts = write_fixture(tmp_path)
    store = tmp_path / "g.kgl"
    assert (
        main(["ingest", "--data", str(data), "--texts", str(texts), "--store-path", str(store)])
        == 0
    )
    out = tmp_path / "x.ttl"
    assert (
        main(["export", "--format", "turtle", "--output", str(out), "--store-path", str(store)])
        == 0
    )
    graph = rdflib.Graph().parse(out, format="turtle")
    oa = rdflib.Namespace("http://www.w3.org/ns/oa#")
    source = rdflib.URIRef("https://w3id.org/pledgegraph/id/source/fx-article")
    positions = list(graph.subjects(rdflib.RDF.type, oa.TextPositionSelector))
    assert positions
    for position in positions:
        start, end = int(graph.value(position, oa.start)), int(graph.value(position, oa.end))
        target = graph.value(None, oa.hasSelector, position)
        assert graph.value(target, oa.hasSource) == source
        quote = next(q for q in graph.objects(target, oa.hasSelector) if q != position)
        exact = str(graph.value(quote, oa.exact))
        prefix, suffix = (
            str(graph.value(quote, oa.prefix) or ""),
            str(graph.value(quote, oa.suffix) or ""),
        )
        assert (
            TEXT[start - len(prefix) : start] == prefix and TEXT[end : end + len(suffix)] == suffix
        )
        # The span holds the quote (typographic quotes and whitespace aside, as ingest compares).
        assert normalise_quote(TEXT[start:end]) == normalise_quote(exact)
        annotation = graph.value(None, oa.hasTarget, target)
        assert (annotation, rdflib.RDF.type, oa.Annotation) in graph
        assert (annotation, oa.hasBody, None) in graph


def test_roles_are_org_memberships(bundled_settings: Settings, tmp_path: Path) -> None:
    graph = rdflib.Graph().parse(
        _export(bundled_settings, "ntriples", tmp_path / "r.nt"), format="nt"
    )
    org = rdflib.Namespace("http://www.w3.org/ns/org#")
    hegseth = rdflib.URIRef("https://w3id.org/pledgegraph/id/person/pete-hegseth")
    memberships = list(graph.subjects(org.member, hegseth))
    assert memberships
    role = graph.value(memberships[0], org.role)
    assert graph.value(memberships[0], org.organization) is not None
    assert str(graph.value(role, rdflib.SKOS.prefLabel))


@pytest.mark.parametrize("fmt", LINE_FORMATS)
def test_the_line_formats_are_what_pyoxigraph_writes(
    bundled_settings: Settings, tmp_path: Path, fmt: str
) -> None:
    """N-Triples and N-Quads are written line by line from the terms; pyoxigraph's serialiser,
    given the same terms, writes the same bytes (and parses them back)."""
    import pyoxigraph as ox

    ours = _export(bundled_settings, fmt, tmp_path / f"x.{fmt}")
    rdf_format = ox.RdfFormat.N_QUADS if fmt == "nquads" else ox.RdfFormat.N_TRIPLES
    parsed = list(ox.parse(ours, format=rdf_format))
    theirs = ox.serialize(parsed, format=rdf_format)
    assert theirs == ours and len(parsed) > 1_000

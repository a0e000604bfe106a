"""Vocabulary versions: each released version is kept as it was and served at its version IRI,
the next version names it as its owl:priorVersion, and a change under a released version is
refused with what to do."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib
from fastapi.testclient import TestClient

import schema.vocab as vocab
from api.app import create_app
from pledgegraph.cli import main
from pledgegraph.settings import Settings
from schema import load_schema
from schema.generate import generated_files, released_drift

OWL = rdflib.OWL


@pytest.fixture
def client(bundled_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(bundled_settings)) as client:
        yield client


def test_the_current_vocabulary_is_released_as_generated() -> None:
    schema = load_schema()
    assert schema.version in vocab.released_versions()
    released = vocab.released_file(schema.version).read_text(encoding="utf-8")
    assert released == vocab.ontology(schema)
    assert main(["generate", "--check"]) == 0


def test_a_change_under_a_released_version_is_refused(tmp_path: Path) -> None:
    files = generated_files()
    version = load_schema().version
    released = tmp_path / "schema" / "versions" / f"vocab-{version}.ttl"
    released.parent.mkdir(parents=True)
    released.write_text("# an earlier vocabulary under the same version\n", encoding="utf-8")
    why = released_drift(files, tmp_path)
    assert why is not None
    assert f"version {version} of the vocabulary is released" in why
    assert "Raise `version` in schema/model.yaml" in why


def _ontology_of(text: str) -> rdflib.Graph:
    return rdflib.Graph().parse(data=text, format="turtle")


def test_the_next_version_names_the_newest_earlier_release(tmp_path: Path) -> None:
    for old in ("0.0.5", "0.1.0", "0.10.0"):
        (tmp_path / f"vocab-{old}.ttl").write_text("", encoding="utf-8")
    schema = load_schema()
    base = vocab.ontology_iri(schema)
    nxt = dataclasses.replace(schema, version="0.2.0")
    graph = _ontology_of(vocab.ontology(nxt, tmp_path))
    assert set(graph.objects(rdflib.URIRef(base), OWL.priorVersion)) == {
        rdflib.URIRef(f"{base}/0.1.0")  # 0.10.0 is later than 0.2.0
    }
    first = dataclasses.replace(schema, version="0.0.5")
    assert not set(_ontology_of(vocab.ontology(first, tmp_path)).objects(None, OWL.priorVersion))


def test_each_released_version_is_served_at_its_version_iri(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    schema = load_schema()
    current = client.get(f"/vocab/{schema.version}", headers={"Accept": "text/turtle"})
    assert current.status_code == 200 and "owl:versionIRI" in current.text
    earlier = '<https://example.org/old> <http://www.w3.org/2000/01/rdf-schema#label> "old" .\n'
    (tmp_path / "vocab-0.0.9.ttl").write_text(earlier, encoding="utf-8")
    (tmp_path / f"vocab-{schema.version}.ttl").write_text(current.text, encoding="utf-8")
    monkeypatch.setattr(vocab, "RELEASED", tmp_path)
    old = client.get("/vocab/0.0.9", headers={"Accept": "text/turtle"})
    assert old.status_code == 200 and old.text == earlier
    as_jsonld = client.get("/vocab/0.0.9", headers={"Accept": "application/ld+json"})
    assert as_jsonld.status_code == 200
    assert len(rdflib.Graph().parse(data=as_jsonld.text, format="json-ld")) == 1
    missing = client.get("/vocab/9.9.9")
    assert missing.status_code == 404 and "0.0.9" in missing.json()["detail"]

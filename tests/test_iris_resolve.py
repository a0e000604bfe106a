"""Every IRI the export mints dereferences on the running server (a real uvicorn, over HTTP):
entities, statements, sources' named graphs, publishers, the dataset, the vocabulary and the
SPARQL endpoint (which describes itself when asked with no query)."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import rdflib

from tests.server import running_server

BASE = "https://w3id.org/pledgegraph/"


def test_a_crawl_of_every_minted_iri_answers_200(tmp_path: Path) -> None:
    with (
        running_server(tmp_path / "graph.kgl") as url,
        httpx.Client(base_url=url, timeout=30) as client,
    ):
        dump = client.get("/export", params={"format": "nquads"})
        assert dump.status_code == 200
        iris = set(re.findall(r"<(" + re.escape(BASE) + r"[^>]*)>", dump.text))
        paths = sorted({"/" + iri[len(BASE) :].split("#")[0] for iri in iris})
        kinds = {
            p.split("/")[1] if not p.startswith("/id/") else "id/" + p.split("/")[2] for p in paths
        }
        assert {
            "graph",
            "id/agent",
            "id/statement",
            "id/lab",
            "dataset",
            "vocab",
            "sparql",
        } <= kinds
        failed = []
        for path in paths:
            response = client.get(path, follow_redirects=True)
            if response.status_code != 200:
                failed.append((path, response.status_code))
        assert failed == [], failed[:20]
        assert len(paths) > 1000


def test_a_graph_an_agent_and_the_service_answer_in_rdf(tmp_path: Path) -> None:
    with (
        running_server(tmp_path / "graph.kgl") as url,
        httpx.Client(base_url=url, timeout=30) as client,
    ):
        trig = client.get("/graph/cybernews-anthropic-rsp-v3")
        assert trig.headers["content-type"].startswith("application/trig")
        data = rdflib.Dataset()
        data.parse(data=trig.text, format="trig")
        named = rdflib.URIRef(BASE + "graph/cybernews-anthropic-rsp-v3")
        assert len(data.graph(named)) > 50  # the source's statements, in its graph
        nquads = client.get(
            "/graph/cybernews-anthropic-rsp-v3", headers={"Accept": "application/n-quads"}
        )
        assert nquads.headers["content-type"].startswith("application/n-quads")
        page = client.get(
            "/graph/cybernews-anthropic-rsp-v3",
            headers={"Accept": "text/html"},
            follow_redirects=True,
        )
        assert page.history and page.history[0].status_code == 303
        assert page.url.path == "/id/source/cybernews-anthropic-rsp-v3"
        agent = rdflib.Graph().parse(data=client.get("/id/agent/cybernews").text, format="turtle")
        me = rdflib.URIRef(BASE + "id/agent/cybernews")
        assert str(agent.value(me, rdflib.URIRef("https://schema.org/name"))) == "Cybernews"
        assert (None, rdflib.PROV.wasAttributedTo, me) in agent
        service = rdflib.Graph().parse(data=client.get("/sparql").text, format="turtle")
        sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
        assert (rdflib.URIRef(BASE + "sparql"), rdflib.RDF.type, sd.Service) in service
        assert client.head("/graph/cybernews-anthropic-rsp-v3").status_code == 200
        assert client.get("/graph/no-such-source").status_code == 404

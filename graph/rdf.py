"""The graph as RDF: entities with their classes and properties, and every statement with its provenance.

The pattern (documented in README, "Linked data"):

- Each entity is ``{base}id/{kind}/{id}``, typed with its type and its ancestors' RDF classes
  (schema.org classes where they fit), with ``owl:sameAs`` its Wikidata item where known.
- Each statement lives in the named graph of its source, ``{base}graph/{source}``, twice: as the
  direct triple (``<lab> pg:dropped <commitment>``) and as a reified ``rdf:Statement``
  ``{base}id/statement/{id}`` with subject, predicate and object, carrying the statement's source
  (``prov:wasDerivedFrom``), verbatim quote, quote span and text sha256, verification and facts.
- The default graph holds the entities, the sources (Dublin Core: title, publisher, issued, source)
  and one ``prov:Bundle`` description per named graph: what it was derived from, the document's
  address, publisher (``prov:wasAttributedTo`` an agent), dates and the text's sha256.

TriG and N-Quads keep the named graphs; Turtle, N-Triples and JSON-LD merge them into one graph, in
which every reified statement still names its source. All terms come from schema/model.yaml.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import quote

from rdflib import OWL, RDF, XSD, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SDO
from rdflib.term import Node

from graph.cypher import QueryLibrary
from graph.store import GraphStore
from schema import Schema
from schema.generate import context, kind_slug
from schema.model import Property

FORMATS = {
    "turtle": ("turtle", "text/turtle"),
    "jsonld": ("json-ld", "application/ld+json"),
    "ntriples": ("nt", "application/n-triples"),
    "trig": ("trig", "application/trig"),
    "nquads": ("nquads", "application/n-quads"),
}
QUAD_FORMATS = frozenset({"trig", "nquads"})
DEFAULT_BASE = "https://w3id.org/pledgegraph/"
WIKIDATA = "http://www.wikidata.org/entity/"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "unknown"


class RdfBuilder:
    """Builds an rdflib Dataset from node and statement rows, naming everything under ``base``."""

    def __init__(
        self, schema: Schema, base: str = DEFAULT_BASE, generated: dt.datetime | None = None
    ) -> None:
        self.schema = schema
        self.base = base if base.endswith("/") else base + "/"
        self.generated = generated
        self.dataset = Dataset()
        self.default = self.dataset.default_graph
        for prefix, iri in schema.prefixes.items():
            self.dataset.bind(prefix, Namespace(iri))
        self.dataset.bind("owl", OWL)
        self.dataset.bind("id", Namespace(self.base + "id/"))
        self._kinds: dict[str, str] = {}

    # --- names -------------------------------------------------------------------------------

    def iri(self, kind: str, entity_id: str) -> URIRef:
        return URIRef(f"{self.base}id/{kind_slug(kind)}/{quote(entity_id, safe='')}")

    def statement_iri(self, statement_id: str) -> URIRef:
        return URIRef(f"{self.base}id/statement/{quote(statement_id, safe='')}")

    def graph_iri(self, source_id: str) -> URIRef:
        return URIRef(f"{self.base}graph/{quote(source_id, safe='')}")

    def agent_iri(self, name: str) -> URIRef:
        return URIRef(f"{self.base}id/agent/{_slug(name)}")

    def term(self, curie: str) -> URIRef:
        return URIRef(self.schema.expand(curie))

    def kind_of(self, labels: Iterable[str]) -> str:
        """The most specific node type among a node's labels."""
        return self.schema.node_type_of(labels).name

    # --- values ------------------------------------------------------------------------------

    def _literal(self, prop: Property, value: Any) -> Node:
        if prop.kind == "url":
            return URIRef(str(value))
        if prop.kind == "date":
            return Literal(
                value.isoformat() if isinstance(value, dt.date) else str(value), datatype=XSD.date
            )
        if prop.kind == "datetime":
            return Literal(
                value.isoformat() if isinstance(value, dt.datetime) else str(value),
                datatype=XSD.dateTime,
            )
        if prop.kind == "boolean":
            return Literal(bool(value))
        if prop.kind == "integer":
            return Literal(int(value))
        return Literal(str(value))

    def _add_properties(
        self,
        graph: Graph,
        subject: URIRef,
        props: Mapping[str, Property],
        values: Mapping[str, Any],
        also: Mapping[str, tuple[str, ...]] | None = None,
    ) -> None:
        for name, prop in props.items():
            value = values.get(name)
            if value is None:
                continue
            predicates = [self.term(prop.rdf), *(self.term(t) for t in (also or {}).get(name, ()))]
            for item in value if prop.kind == "string_list" else [value]:
                for predicate in predicates:
                    graph.add((subject, predicate, self._literal(prop, item)))

    # --- content -----------------------------------------------------------------------------

    def add_node(self, row: Mapping[str, Any]) -> URIRef:
        kind = self.kind_of(row["labels"])
        self._kinds[row["id"]] = kind
        node_type = self.schema.node_types[kind]
        node = self.iri(kind, row["id"])
        for label in node_type.labels:
            self.default.add((node, RDF.type, self.term(self.schema.node_types[label].rdf)))
        props = row["properties"]
        self._add_properties(self.default, node, node_type.properties, props, node_type.rdf_also)
        wikidata = props.get("wikidata")
        if wikidata:
            self.default.add((node, OWL.sameAs, URIRef(WIKIDATA + str(wikidata))))
        if kind == "Source":
            self._describe_source_graph(node, row["id"], props)
        return node

    def _describe_source_graph(
        self, source: URIRef, source_id: str, props: Mapping[str, Any]
    ) -> None:
        """The named graph of a source's statements, described with PROV-O and Dublin Core."""
        graph = self.graph_iri(source_id)
        d = self.default
        d.add((graph, RDF.type, PROV.Bundle))
        d.add((graph, PROV.wasDerivedFrom, source))
        d.add((graph, DCTERMS.source, source))
        if props.get("url"):
            d.add((graph, SDO.url, URIRef(str(props["url"]))))
        if props.get("publisher"):
            agent = self.agent_iri(str(props["publisher"]))
            d.add((agent, RDF.type, PROV.Agent))
            d.add((agent, SDO.name, Literal(str(props["publisher"]))))
            d.add((graph, PROV.wasAttributedTo, agent))
            d.add((source, PROV.wasAttributedTo, agent))
        source_props = self.schema.node_types["Source"].properties
        for name in ("published", "published_precision", "retrieved", "text_sha256"):
            if props.get(name) is not None:
                d.add(
                    (
                        graph,
                        self.term(source_props[name].rdf),
                        self._literal(source_props[name], props[name]),
                    )
                )
        if self.generated is not None:
            d.add((graph, PROV.generatedAtTime, Literal(self.generated, datatype=XSD.dateTime)))

    def add_statement(self, row: Mapping[str, Any]) -> URIRef:
        edge = self.schema.edge_types[row["edge"]]
        props = dict(row["properties"])
        subject = self.iri(self._kinds[row["from"]], row["from"])
        obj = self.iri(self._kinds[row["to"]], row["to"])
        predicate = self.term(edge.rdf)
        source = props.pop("source", None)
        graph = (
            self.dataset.graph(self.graph_iri(str(source))) if source is not None else self.default
        )
        graph.add((subject, predicate, obj))
        statement = self.statement_iri(str(props["id"]))
        graph.add((statement, RDF.type, RDF.Statement))
        graph.add((statement, RDF.subject, subject))
        graph.add((statement, RDF.predicate, predicate))
        graph.add((statement, RDF.object, obj))
        if source is not None:
            graph.add(
                (
                    statement,
                    self.term(self.schema.statement_properties["source"].rdf),
                    self.iri("Source", str(source)),
                )
            )
        self._add_properties(graph, statement, self.schema.edge_properties(edge.name), props)
        return statement

    def union(self) -> Graph:
        """Every triple of every graph in one graph, with the prefixes bound."""
        merged = Graph()
        for prefix, namespace in self.dataset.namespaces():
            merged.bind(prefix, namespace)
        for s, p, o, _ in self.dataset.quads((None, None, None, None)):
            merged.add((s, p, o))
        return merged


def build_dataset(
    store: GraphStore,
    queries: QueryLibrary,
    schema: Schema,
    base: str = DEFAULT_BASE,
    generated: dt.datetime | None = None,
) -> RdfBuilder:
    """The whole store as RDF: entities, sources and one named graph of statements per source."""
    builder = RdfBuilder(schema, base, generated)
    for row in store.read(queries["read/all_nodes"]):
        builder.add_node(row)
    for row in store.read(queries["read/all_statements"]):
        builder.add_statement(row)
    return builder


def build_graph(
    store: GraphStore, queries: QueryLibrary, schema: Schema, base: str = DEFAULT_BASE
) -> Graph:
    """The whole store as one rdflib graph (named graphs merged)."""
    return build_dataset(store, queries, schema, base).union()


def serialize(builder: RdfBuilder | Graph, fmt: str, schema: Schema) -> str:
    """Serialise in one of FORMATS; JSON-LD is compacted with the project's own context, inline."""
    rdflib_format, _ = FORMATS[fmt]
    if isinstance(builder, RdfBuilder):
        if fmt in QUAD_FORMATS:
            return builder.dataset.serialize(format=rdflib_format)
        graph = builder.union()
    else:
        if fmt in QUAD_FORMATS:
            raise ValueError(f"{fmt} needs named graphs: pass the RdfBuilder, not a graph")
        graph = builder
    if fmt == "jsonld":
        return graph.serialize(
            format="json-ld", context=context(schema)["@context"], auto_compact=True
        )
    return graph.serialize(format=rdflib_format)


__all__ = ["FORMATS", "QUAD_FORMATS", "RdfBuilder", "build_dataset", "build_graph", "serialize"]

"""The graph as RDF: entities with their classes and properties, and every statement with its provenance.

Each edge becomes a direct triple (``<lab> pg:dropped <commitment>``) and a reified statement
(``rdf:Statement`` with subject, predicate and object) that carries the edge's properties: its
source (``prov:wasDerivedFrom``), quote, span, verification and facts. All terms come from
schema/model.yaml.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import quote

from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.term import Node

from graph.cypher import QueryLibrary
from graph.store import GraphStore
from schema import Schema
from schema.generate import context, snake
from schema.model import Property

FORMATS = {
    "turtle": ("turtle", "text/turtle"),
    "jsonld": ("json-ld", "application/ld+json"),
    "ntriples": ("nt", "application/n-triples"),
}
DEFAULT_BASE = "https://w3id.org/pledgegraph/"


class RdfBuilder:
    """Builds an rdflib graph from node and statement rows, naming everything under ``base``."""

    def __init__(self, schema: Schema, base: str = DEFAULT_BASE) -> None:
        self.schema = schema
        self.base = base if base.endswith("/") else base + "/"
        self.graph = Graph()
        for prefix, iri in schema.prefixes.items():
            self.graph.bind(prefix, Namespace(iri))
        self.graph.bind("id", Namespace(self.base + "id/"))
        self._kinds: dict[str, str] = {}

    def iri(self, kind: str, entity_id: str) -> URIRef:
        return URIRef(f"{self.base}id/{snake(kind).replace('_', '-')}/{quote(entity_id, safe='')}")

    def term(self, curie: str) -> URIRef:
        return URIRef(self.schema.expand(curie))

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
        self, subject: URIRef, props: Mapping[str, Property], values: Mapping[str, Any]
    ) -> None:
        for name, prop in props.items():
            value = values.get(name)
            if value is None:
                continue
            predicate = self.term(prop.rdf)
            for item in value if prop.kind == "string_list" else [value]:
                self.graph.add((subject, predicate, self._literal(prop, item)))

    def kind_of(self, labels: Iterable[str]) -> str:
        """The most specific node type among a node's labels."""
        return self.schema.node_type_of(labels).name

    def add_node(self, row: Mapping[str, Any]) -> None:
        kind = self.kind_of(row["labels"])
        self._kinds[row["id"]] = kind
        node = self.iri(kind, row["id"])
        for label in self.schema.node_types[kind].labels:
            self.graph.add((node, RDF.type, self.term(self.schema.node_types[label].rdf)))
        self._add_properties(node, self.schema.node_types[kind].properties, row["properties"])

    def add_statement(self, row: Mapping[str, Any]) -> None:
        edge = self.schema.edge_types[row["edge"]]
        props = dict(row["properties"])
        subject = self.iri(self._kinds[row["from"]], row["from"])
        obj = self.iri(self._kinds[row["to"]], row["to"])
        predicate = self.term(edge.rdf)
        self.graph.add((subject, predicate, obj))
        statement = URIRef(f"{self.base}id/statement/{quote(str(props['id']), safe='')}")
        self.graph.add((statement, RDF.type, RDF.Statement))
        self.graph.add((statement, RDF.subject, subject))
        self.graph.add((statement, RDF.predicate, predicate))
        self.graph.add((statement, RDF.object, obj))
        source = props.pop("source", None)
        if source is not None:
            self.graph.add(
                (
                    statement,
                    self.term(self.schema.statement_properties["source"].rdf),
                    self.iri("Source", str(source)),
                )
            )
        self._add_properties(statement, self.schema.edge_properties(edge.name), props)


def build_graph(
    store: GraphStore, queries: QueryLibrary, schema: Schema, base: str = DEFAULT_BASE
) -> Graph:
    """The whole store as an rdflib graph."""
    builder = RdfBuilder(schema, base)
    for row in store.read(queries["read/all_nodes"]):
        builder.add_node(row)
    for row in store.read(queries["read/all_statements"]):
        builder.add_statement(row)
    return builder.graph


def serialize(graph: Graph, fmt: str, schema: Schema) -> str:
    """Serialise in one of FORMATS; JSON-LD is compacted with the project's own context."""
    rdflib_format, _ = FORMATS[fmt]
    if fmt == "jsonld":
        return graph.serialize(
            format="json-ld", context=context(schema)["@context"], auto_compact=True
        )
    return graph.serialize(format=rdflib_format)


__all__ = ["FORMATS", "RdfBuilder", "build_graph", "serialize"]

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
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import starmap
from typing import IO, Any
from urllib.parse import quote

import pyoxigraph as ox
from rdflib import OWL, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SDO

from graph.cypher import QueryLibrary
from graph.data_version import read_version
from graph.memory import paused_gc
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
# The formats pyoxigraph writes (streaming, in Rust); JSON-LD is compacted by rdflib.
_OX_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
}
DEFAULT_BASE = "https://w3id.org/pledgegraph/"
WIKIDATA = "http://www.wikidata.org/entity/"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_STRING = ox.NamedNode(_XSD + "string")
_DATATYPES = {
    "date": ox.NamedNode(_XSD + "date"),
    "datetime": ox.NamedNode(_XSD + "dateTime"),
    "boolean": ox.NamedNode(_XSD + "boolean"),
    "integer": ox.NamedNode(_XSD + "integer"),
}
_TYPE = ox.NamedNode(str(RDF.type))
_STATEMENT = ox.NamedNode(str(RDF.Statement))
_SUBJECT = ox.NamedNode(str(RDF.subject))
_PREDICATE = ox.NamedNode(str(RDF.predicate))
_OBJECT = ox.NamedNode(str(RDF.object))
_SAFE = re.compile(r"[A-Za-z0-9_.~-]+")


def _segment(text: str) -> str:
    """``text`` as one IRI path segment (percent-encoded where needed)."""
    return text if _SAFE.fullmatch(text) else quote(text, safe="")


_DEFAULT = ox.DefaultGraph()
EVIDENCE = ("all", "verified", "preferred")  # which statements' facts are asserted as plain triples
VOID = "http://rdfs.org/ns/void#"
OA = "http://www.w3.org/ns/oa#"
ORG = "http://www.w3.org/ns/org#"
DCAT = "http://www.w3.org/ns/dcat#"
LICENCE = "https://creativecommons.org/licenses/by/4.0/"  # the curated data; see the README
DESCRIPTION = (
    "What AI labs promised about safety, what they dropped or weakened, who pressed them, and "
    "where it says so: every fact a statement with its source and a verbatim quote."
)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "unknown"


def _lexical(kind: str, value: Any) -> str:
    if kind in ("date", "datetime") and isinstance(value, dt.date):
        return value.isoformat()
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "integer":
        return str(int(value))
    return str(value)


def _literal_maker(prop: Property) -> Callable[[Any], ox.NamedNode | ox.Literal]:
    """A function turning a property's value into its RDF term."""
    if prop.kind == "url":
        return lambda value: ox.NamedNode(str(value))
    datatype = _DATATYPES.get(prop.kind)
    if datatype is None:
        return lambda value: ox.Literal(str(value))
    kind = prop.kind
    return lambda value: ox.Literal(_lexical(kind, value), datatype=datatype)


PropertyPlan = dict[str, tuple[bool, tuple[ox.NamedNode, ...], Callable[[Any], Any]]]
# A quad as a plain tuple (subject, predicate, object, graph): cheaper to make than ox.Quad, and
# turned into an ox.Quad or ox.Triple once, by whoever writes it.
Spog = tuple[Any, Any, Any, Any]


class RdfBuilder:
    """Collects the quads of nodes and statements, naming everything under ``base``.

    Quads are pyoxigraph terms, written by pyoxigraph's serialisers; ``dataset`` gives the same
    quads as an rdflib Dataset (built on first use) for JSON-LD and for code that wants rdflib.
    """

    def __init__(
        self, schema: Schema, base: str = DEFAULT_BASE, version: str | None = None
    ) -> None:
        self.schema = schema
        self.base = base if base.endswith("/") else base + "/"
        self.version = version  # the data's version, said on the dataset's description
        self._agents: dict[str, str] = {}  # publishers already described: IRI -> name
        self._organisations: dict[str, ox.NamedNode] = {}  # an organisation's names -> its IRI
        self._newest: dt.date | None = None  # the newest date a statement carries
        self.prefixes = {**schema.prefixes, "owl": str(OWL), "id": self.base + "id/"}
        self.quads: list[ox.Quad] = []
        self._repeated: set[int] = set()  # direct triples already stated in another graph
        self._facts: dict[int, Mapping[str, Any]] = {}  # direct quad -> its statement's properties
        self._cards: dict[str, list[tuple[Any, Any]]] = {}  # node id -> its card (see node_quads)
        self._carded: set[tuple[str, str]] = set()  # (graph, node id) cards already written
        self._card_quads: set[int] = set()  # indices of card quads (left out of merged formats)
        self._direct: set[tuple[Any, Any, Any]] = set()
        self._direct_quads: set[Spog] = set()
        self._kinds: dict[str, str] = {}
        self._slugs: dict[str, str] = {}
        self._terms: dict[str, ox.NamedNode] = {}
        self._entities: dict[str, ox.NamedNode] = {}
        self._graphs: dict[str, ox.NamedNode] = {}
        self._plans: dict[str, PropertyPlan] = {}
        self._dataset: Dataset | None = None

    # --- names -------------------------------------------------------------------------------

    def iri(self, kind: str, entity_id: str) -> URIRef:
        slug = self._slugs.get(kind) or self._slugs.setdefault(kind, kind_slug(kind))
        return URIRef(f"{self.base}id/{slug}/{_segment(entity_id)}")

    def statement_iri(self, statement_id: str) -> URIRef:
        return URIRef(f"{self.base}id/statement/{_segment(statement_id)}")

    def graph_iri(self, source_id: str) -> URIRef:
        return URIRef(f"{self.base}graph/{_segment(source_id)}")

    def agent_iri(self, name: str) -> URIRef:
        return URIRef(f"{self.base}id/agent/{_slug(name)}")

    def term(self, curie: str) -> URIRef:
        return URIRef(self.schema.expand(curie))

    def kind_of(self, labels: Iterable[str]) -> str:
        """The most specific node type among a node's labels."""
        return self.schema.node_type_of(labels).name

    def _term(self, curie_or_iri: str) -> ox.NamedNode:
        node = self._terms.get(curie_or_iri)
        if node is None:
            iri = curie_or_iri if "://" in curie_or_iri else self.schema.expand(curie_or_iri)
            node = self._terms[curie_or_iri] = ox.NamedNode(iri)
        return node

    def _entity(self, kind: str, entity_id: str) -> ox.NamedNode:
        key = f"{kind}\0{entity_id}"
        node = self._entities.get(key)
        if node is None:
            node = self._entities[key] = ox.NamedNode(str(self.iri(kind, entity_id)))
        return node

    def _graph(self, source_id: str) -> ox.NamedNode:
        node = self._graphs.get(source_id)
        if node is None:
            node = self._graphs[source_id] = ox.NamedNode(str(self.graph_iri(source_id)))
        return node

    # --- values ------------------------------------------------------------------------------

    def _plan(
        self,
        key: str,
        props: Mapping[str, Property],
        also: Mapping[str, tuple[str, ...]] | None = None,
    ) -> PropertyPlan:
        """For each property name: whether it holds a list, its predicates, its term maker."""
        plan = self._plans.get(key)
        if plan is None:
            plan = self._plans[key] = {
                name: (
                    prop.kind == "string_list",
                    (self._term(prop.rdf), *(self._term(t) for t in (also or {}).get(name, ()))),
                    _literal_maker(prop),
                )
                for name, prop in props.items()
            }
        return plan

    def _property_quads(
        self,
        graph: ox.NamedNode | ox.DefaultGraph,
        subject: ox.NamedNode,
        plan: PropertyPlan,
        values: Mapping[str, Any],
    ) -> Iterator[Spog]:
        """A triple for each value that ``plan`` knows (in the order of ``values``)."""
        for name, value in values.items():
            entry = plan.get(name)
            if entry is None or value is None:
                continue
            many, predicates, make = entry
            for item in value if many else (value,):
                term = make(item)
                for predicate in predicates:
                    yield subject, predicate, term, graph

    # --- content -----------------------------------------------------------------------------

    def add_node(self, row: Mapping[str, Any]) -> URIRef:
        """Add a node (a row of read/nodes) and, for a source, its named graph's description."""
        self.quads.extend(starmap(ox.Quad, self.node_quads(row)))
        self._dataset = None
        return URIRef(self._entity(self._kinds[row["id"]], row["id"]).value)

    def add_statement(self, row: Mapping[str, Any]) -> URIRef:
        """Add a statement (a row of read/all_statements): direct triple and reified statement."""
        start = len(self.quads)
        for index, spog in enumerate(self.statement_quads(row)):
            if index == 0:
                if self.repeats_in_graph(spog):
                    continue  # the same fact twice in one source's graph is one quad
                if self.repeats(spog):
                    self._repeated.add(start)
                self._facts[start] = row["properties"]
            self.quads.append(ox.Quad(*spog))
        for spog in self.card_quads(row):
            self._card_quads.add(len(self.quads))
            self.quads.append(ox.Quad(*spog))
        self._dataset = None
        return self.statement_iri(str(row["properties"]["id"]))

    def card_quads(self, row: Mapping[str, Any]) -> Iterator[Spog]:
        """The cards of a statement's ends and source in its source's graph, each once per graph
        (TriG and N-Quads carry them; the merged formats leave them out, being the same triples
        as the default graph's)."""
        source = row["properties"].get("source")
        if source is None:
            return
        graph = self._graph(str(source))
        for node_id in (row["from"], row["to"], str(source)):
            if (str(source), node_id) in self._carded or node_id not in self._cards:
                continue
            self._carded.add((str(source), node_id))
            node = self._entity(self._kinds[node_id], node_id)
            for predicate, obj in self._cards[node_id]:
                yield (node, predicate, obj, graph)

    def repeats(self, direct: Spog) -> bool:
        """Whether a direct triple was already given by another statement (remembers it)."""
        key = direct[:3]
        if key in self._direct:
            return True
        self._direct.add(key)
        return False

    def repeats_in_graph(self, direct: Spog) -> bool:
        """Whether a direct triple was already given in the same graph (two statements of one
        source stating one fact, each with its own quote); remembers it."""
        if direct in self._direct_quads:
            return True
        self._direct_quads.add(direct)
        return False

    def node_quads(self, row: Mapping[str, Any]) -> Iterator[Spog]:
        """A node's quads, in the default graph."""
        kind = self.kind_of(row["labels"])
        self._kinds[row["id"]] = kind
        node_type = self.schema.node_types[kind]
        node = self._entity(kind, row["id"])
        default = ox.DefaultGraph()
        for label in node_type.labels:
            yield (node, _TYPE, self._term(self.schema.node_types[label].rdf), default)
        props = row["properties"]
        if "Organisation" in node_type.labels:
            for name in (props.get("name"), *(props.get("aliases") or [])):
                if name:
                    self._organisations.setdefault(str(name).casefold(), node)
        plan = self._plan(f"node {kind}", node_type.properties, node_type.rdf_also)
        # A node's card: its types and required properties, which every named graph that
        # mentions it repeats, so a graph read alone says what its nodes are.
        required = {self._term(p.rdf).value for p in node_type.properties.values() if p.required}
        card = [
            (_TYPE, self._term(self.schema.node_types[label].rdf)) for label in node_type.labels
        ]
        for spog in self._property_quads(default, node, plan, props):
            if spog[1].value in required:
                card.append((spog[1], spog[2]))
            yield spog
        self._cards[row["id"]] = card
        wikidata = props.get("wikidata")
        if wikidata:
            yield (
                node,
                self._term(str(OWL.sameAs)),
                ox.NamedNode(WIKIDATA + str(wikidata)),
                _DEFAULT,
            )
        if kind == "Source":
            yield from self._source_graph_quads(node, row["id"], props)

    def _source_graph_quads(
        self, source: ox.NamedNode, source_id: str, props: Mapping[str, Any]
    ) -> Iterator[Spog]:
        """The named graph of a source's statements, described with PROV-O and Dublin Core."""
        graph = self._graph(source_id)
        t = self._term
        yield (graph, _TYPE, t(str(PROV.Bundle)), _DEFAULT)
        yield (graph, t(str(PROV.wasDerivedFrom)), source, _DEFAULT)
        yield (graph, t(str(DCTERMS.source)), source, _DEFAULT)
        if props.get("url"):
            yield (graph, t(str(SDO.url)), ox.NamedNode(str(props["url"])), _DEFAULT)
        if props.get("publisher"):
            agent = ox.NamedNode(str(self.agent_iri(str(props["publisher"]))))
            if agent.value not in self._agents:  # one description per publisher, not per source
                self._agents[agent.value] = str(props["publisher"])
                yield (agent, _TYPE, t(str(PROV.Agent)), _DEFAULT)
                yield (agent, t(str(SDO.name)), ox.Literal(str(props["publisher"])), _DEFAULT)
            yield (graph, t(str(PROV.wasAttributedTo)), agent, _DEFAULT)
            yield (source, t(str(PROV.wasAttributedTo)), agent, _DEFAULT)
        # Only terms without a domain of their own go on the bundle (its source, which it is
        # derived from, holds the rest): with RDFS inference the bundle stays a bundle.
        source_props = self.schema.node_types["Source"].properties
        bundle = {n: source_props[n] for n in ("published",)}
        yield from self._property_quads(
            ox.DefaultGraph(), graph, self._plan("bundle", bundle), props
        )

    def statement_quads(self, row: Mapping[str, Any]) -> Iterator[Spog]:
        """A statement's quads in its source's graph: the direct triple first, then the reified
        statement. Both ends must have been added (or streamed) as nodes before."""
        edge = self.schema.edge_types[row["edge"]]
        props = row["properties"]
        subject = self._entity(self._kinds[row["from"]], row["from"])
        obj = self._entity(self._kinds[row["to"]], row["to"])
        predicate = self._term(edge.rdf)
        source = props.get("source")
        graph: ox.NamedNode | ox.DefaultGraph = (
            self._graph(str(source)) if source is not None else ox.DefaultGraph()
        )
        yield (subject, predicate, obj, graph)
        when = props.get("date")
        if isinstance(when, dt.date) and (self._newest is None or when > self._newest):
            self._newest = when
        statement = ox.NamedNode(str(self.statement_iri(str(props["id"]))))
        yield (statement, _TYPE, _STATEMENT, graph)
        yield (statement, _SUBJECT, subject, graph)
        yield (statement, _PREDICATE, predicate, graph)
        yield (statement, _OBJECT, obj, graph)
        if source is not None:
            derived = self._term(self.schema.statement_properties["source"].rdf)
            yield (statement, derived, self._entity("Source", str(source)), graph)
        plan = self._plans.get(edge.name) or self._plan(
            edge.name,
            {k: v for k, v in self.schema.edge_properties(edge.name).items() if k != "source"},
        )
        yield from self._property_quads(graph, statement, plan, props)
        if source is not None and props.get("quote"):
            yield from self._annotation_quads(
                statement, self._entity("Source", str(source)), props, graph
            )
        if row["edge"] == "HOLDS_ROLE" and props.get("role"):
            yield from self._membership_quads(statement, subject, obj, str(props["role"]), graph)

    def _annotation_quads(
        self, statement: ox.NamedNode, source: ox.NamedNode, props: Mapping[str, Any], graph: Any
    ) -> Iterator[Spog]:
        """The quote as a W3C Web Annotation: the statement is the body; the target is the source,
        selected by the exact words (with the text around them when it was at hand) and, when
        verified, by their position in the archived text."""
        t = self._term
        note = ox.NamedNode(statement.value + "#annotation")
        target = ox.NamedNode(statement.value + "#target")
        quote = ox.NamedNode(statement.value + "#quote")
        yield (note, _TYPE, t(OA + "Annotation"), graph)
        yield (note, t(OA + "motivatedBy"), t(OA + "describing"), graph)
        yield (note, t(OA + "hasBody"), statement, graph)
        yield (note, t(OA + "hasTarget"), target, graph)
        yield (target, _TYPE, t(OA + "SpecificResource"), graph)
        yield (target, t(OA + "hasSource"), source, graph)
        yield (target, t(OA + "hasSelector"), quote, graph)
        yield (quote, _TYPE, t(OA + "TextQuoteSelector"), graph)
        yield (quote, t(OA + "exact"), ox.Literal(str(props["quote"])), graph)
        for key, term in (("quote_prefix", "prefix"), ("quote_suffix", "suffix")):
            if props.get(key):
                yield (quote, t(OA + term), ox.Literal(str(props[key])), graph)
        if props.get("quote_start") is not None and props.get("quote_end") is not None:
            position = ox.NamedNode(statement.value + "#position")
            yield (target, t(OA + "hasSelector"), position, graph)
            yield (position, _TYPE, t(OA + "TextPositionSelector"), graph)
            for key, term in (("quote_start", "start"), ("quote_end", "end")):
                yield (
                    position,
                    t(OA + term),
                    ox.Literal(
                        str(int(props[key])), datatype=ox.NamedNode(_XSD + "nonNegativeInteger")
                    ),
                    graph,
                )

    def _membership_quads(
        self,
        statement: ox.NamedNode,
        person: ox.NamedNode,
        organisation: ox.NamedNode,
        role: str,
        graph: Any,
    ) -> Iterator[Spog]:
        """A role as a W3C ORG membership, derived from the statement that reports it."""
        t = self._term
        membership = ox.NamedNode(statement.value + "#membership")
        label = ox.NamedNode(statement.value + "#role")
        yield (membership, _TYPE, t(ORG + "Membership"), graph)
        yield (membership, t(ORG + "member"), person, graph)
        yield (membership, t(ORG + "organization"), organisation, graph)
        yield (membership, t(ORG + "role"), label, graph)
        yield (membership, t(str(PROV.wasDerivedFrom)), statement, graph)
        yield (label, _TYPE, t(ORG + "Role"), graph)
        yield (
            label,
            t("http://www.w3.org/2004/02/skos/core#prefLabel"),
            ox.Literal(role, language="en"),
            graph,
        )

    def dataset_iri(self) -> str:
        return f"{self.base}dataset"

    def description_quads(self) -> Iterator[Spog]:
        """The dataset described with VoID and DCAT: its licence, version, newest date, where to
        query it and where to download it. From the data alone, so two exports of the same data
        are the same bytes (no wall clock)."""
        t = self._term
        # A publisher that is an organisation the graph knows is that organisation.
        for agent, name in sorted(self._agents.items()):
            same = self._organisations.get(name.casefold())
            if same is not None:
                yield (ox.NamedNode(agent), t(str(OWL.sameAs)), same, _DEFAULT)
        me = ox.NamedNode(self.dataset_iri())
        yield (me, _TYPE, t(VOID + "Dataset"), _DEFAULT)
        yield (me, _TYPE, t(DCAT + "Dataset"), _DEFAULT)
        yield (me, t(str(DCTERMS.title)), ox.Literal("pledgegraph", language="en"), _DEFAULT)
        yield (me, t(str(DCTERMS.description)), ox.Literal(DESCRIPTION, language="en"), _DEFAULT)
        yield (me, t(str(DCTERMS.license)), ox.NamedNode(LICENCE), _DEFAULT)
        yield (me, t(VOID + "uriSpace"), ox.Literal(f"{self.base}id/"), _DEFAULT)
        yield (me, t(VOID + "sparqlEndpoint"), ox.NamedNode(f"{self.base}sparql"), _DEFAULT)
        yield (me, t(VOID + "dataDump"), ox.NamedNode(f"{self.base}export?format=nquads"), _DEFAULT)
        yield (me, t(VOID + "vocabulary"), ox.NamedNode(self.schema.vocab), _DEFAULT)
        if self.version:
            yield (me, t(str(OWL.versionInfo)), ox.Literal(self.version), _DEFAULT)
        if self._newest is not None:
            yield (
                me,
                t(str(DCTERMS.modified)),
                ox.Literal(self._newest.isoformat(), datatype=_DATATYPES["date"]),
                _DEFAULT,
            )

    def describe(self) -> None:
        """Add the dataset's description (after every statement: it names the newest date)."""
        self.quads.extend(ox.Quad(*spog) for spog in self.description_quads())
        self._dataset = None

    # --- output ------------------------------------------------------------------------------

    def selected(self, mode: str) -> RdfBuilder:
        """The same RDF with only the facts ``mode`` asserts as plain triples (see asserts)."""
        if mode == "all":
            return self
        preferred = {
            str(p.get("event")) for p in self._facts.values() if p.get("rank") == "preferred"
        }
        part = RdfBuilder(self.schema, self.base, self.version)
        kept: dict[tuple[Any, Any, Any], int] = {}
        for index, quad in enumerate(self.quads):
            props = self._facts.get(index)
            if props is not None and not asserts(mode, props, preferred):
                continue
            if index in self._card_quads:
                part._card_quads.add(len(part.quads))
            if props is not None:
                key = (quad.subject, quad.predicate, quad.object)
                if key in kept:
                    part._repeated.add(len(part.quads))
                kept.setdefault(key, len(part.quads))
            part.quads.append(quad)
        return part

    def triples(self) -> Iterator[ox.Triple]:
        """Every quad's triple, named graphs merged (a fact stated by two sources once)."""
        repeated = self._repeated | self._card_quads
        for index, q in enumerate(self.quads):
            if index not in repeated:
                yield ox.Triple(q.subject, q.predicate, q.object)

    @property
    def dataset(self) -> Dataset:
        """The quads as an rdflib Dataset, one named graph per source (built on first use)."""
        if self._dataset is None:
            dataset = Dataset()
            for prefix, iri in self.prefixes.items():
                dataset.bind(prefix, iri)
            graphs: dict[str, Graph] = {}
            for q in self.quads:
                if isinstance(q.graph_name, ox.DefaultGraph):
                    graph = dataset.default_graph
                else:
                    name = q.graph_name.value
                    graph = graphs.get(name) or graphs.setdefault(name, dataset.graph(URIRef(name)))
                graph.add((_to_rdflib(q.subject), _to_rdflib(q.predicate), _to_rdflib(q.object)))
            self._dataset = dataset
        return self._dataset

    def union(self) -> Graph:
        """Every triple of every graph in one rdflib graph, with the prefixes bound."""
        merged = Graph()
        for prefix, iri in self.prefixes.items():
            merged.bind(prefix, iri)
        for t in self.triples():
            merged.add((_to_rdflib(t.subject), _to_rdflib(t.predicate), _to_rdflib(t.object)))
        return merged


def preferred_events(rows: Iterable[Mapping[str, Any]]) -> set[str]:
    """The events that have a statement ranked preferred (their other statements are not)."""
    return {
        str(r["properties"].get("event"))
        for r in rows
        if r["properties"].get("rank") == "preferred"
    }


def asserts(mode: str, props: Mapping[str, Any], preferred: set[str]) -> bool:
    """Whether a statement's fact is stated as a plain triple under ``mode`` (the reified
    statement, with its verification state and rank, is always there): ``all``; ``verified``,
    only facts whose quote was found in the archived text; ``preferred``, no deprecated fact and,
    where an event has a preferred statement, only that one."""
    if mode == "verified":
        return bool(props.get("verified"))
    if mode == "preferred":
        rank = props.get("rank")
        if rank == "deprecated":
            return False
        return rank == "preferred" or str(props.get("event")) not in preferred
    return True


def _to_rdflib(term: Any) -> Any:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype == _STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"unexpected RDF term {term!r}")


def build_dataset(
    store: GraphStore, queries: QueryLibrary, schema: Schema, base: str = DEFAULT_BASE
) -> RdfBuilder:
    """The whole store as RDF: entities, sources, one named graph of statements per source, and
    the dataset's description (with the data's version)."""
    builder = RdfBuilder(schema, base, read_version(store, queries))
    for row in store.read(queries["read/all_nodes"]):
        builder.add_node(row)
    for row in store.read(queries["read/all_statements"]):
        builder.add_statement(row)
    builder.describe()
    return builder


def build_graph(
    store: GraphStore, queries: QueryLibrary, schema: Schema, base: str = DEFAULT_BASE
) -> Graph:
    """The whole store as one rdflib graph (named graphs merged)."""
    return build_dataset(store, queries, schema, base).union()


def _prefixes(builder: RdfBuilder, fmt: str) -> dict[str, str] | None:
    """The prefixes to write: Turtle and TriG abbreviate IRIs, the line formats do not."""
    return builder.prefixes if fmt in ("turtle", "trig") else None


def write_export(
    store: GraphStore,
    queries: QueryLibrary,
    schema: Schema,
    fmt: str,
    output: IO[bytes],
    base: str = DEFAULT_BASE,
    evidence: str = "all",
) -> int:
    """Stream the whole store as RDF to ``output`` without holding the quads; returns how many
    triples (or quads) were written. JSON-LD, which rdflib compacts as a whole, is built first."""
    if fmt == "jsonld":
        text = serialize(
            build_dataset(store, queries, schema, base).selected(evidence), fmt, schema
        )
        output.write(text.encode("utf-8"))
        return -1
    builder = RdfBuilder(schema, base, read_version(store, queries))
    quads = fmt in QUAD_FORMATS
    count = 0

    def spogs() -> Iterator[Spog]:
        nonlocal count
        for row in store.read(queries["read/all_nodes"]):
            for spog in builder.node_quads(row):
                count += 1
                yield spog
        rows = store.read(queries["read/all_statements"])
        preferred = preferred_events(rows) if evidence == "preferred" else set()
        for row in rows:
            statement = builder.statement_quads(row)
            direct = next(statement)
            stated = asserts(evidence, row["properties"], preferred)
            if stated and (
                (quads and not builder.repeats_in_graph(direct))
                or (not quads and not builder.repeats(direct))
            ):
                count += 1
                yield direct
            for spog in statement:
                count += 1
                yield spog
            if quads:
                for spog in builder.card_quads(row):
                    count += 1
                    yield spog
        for spog in builder.description_quads():
            count += 1
            yield spog

    with paused_gc():
        if fmt in LINE_FORMATS:
            write_lines(spogs(), output, named=quads)
            return count
        if quads:
            stream: Iterator[Any] = starmap(ox.Quad, spogs())
        else:
            stream = (ox.Triple(s, p, o) for s, p, o, _ in spogs())
        ox.serialize(stream, output, format=_OX_FORMATS[fmt], prefixes=_prefixes(builder, fmt))
    return count


LINE_FORMATS = ("ntriples", "nquads")


def write_lines(spogs: Iterable[Spog], output: IO[bytes], named: bool, batch: int = 8192) -> None:
    """N-Triples (or, with ``named``, N-Quads) written line by line from the terms' own N-Triples
    form (pyoxigraph's, so the bytes are what its serialiser writes) without building a Triple or
    Quad object per line, which cost more than the rest of the writing."""
    lines: list[str] = []
    for s, p, o, g in spogs:
        if named and type(g) is not ox.DefaultGraph:
            lines.append(f"{s} {p} {o} {g} .\n")
        else:
            lines.append(f"{s} {p} {o} .\n")
        if len(lines) >= batch:
            output.write("".join(lines).encode("utf-8"))
            lines.clear()
    output.write("".join(lines).encode("utf-8"))


def serialize(builder: RdfBuilder | Graph, fmt: str, schema: Schema) -> str:
    """Serialise in one of FORMATS; JSON-LD is compacted with the project's own context, inline."""
    if isinstance(builder, RdfBuilder) and fmt != "jsonld":
        data: Iterable[Any] = builder.quads if fmt in QUAD_FORMATS else builder.triples()
        out = ox.serialize(data, format=_OX_FORMATS[fmt], prefixes=_prefixes(builder, fmt))
        return out.decode("utf-8") if out is not None else ""
    rdflib_format, _ = FORMATS[fmt]
    if isinstance(builder, RdfBuilder):
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


__all__ = [
    "EVIDENCE",
    "FORMATS",
    "QUAD_FORMATS",
    "RdfBuilder",
    "build_dataset",
    "build_graph",
    "serialize",
    "write_export",
]

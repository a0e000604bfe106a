"""Load ``schema/model.yaml`` into typed, resolved objects (inheritance applied)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

SCHEMA_FILE = Path(__file__).with_name("model.yaml")
KINDS = frozenset(
    {"string", "text", "url", "date", "datetime", "boolean", "enum", "string_list", "integer"}
)
RESERVED = frozenset({"title", "type"})
SET_IN = frozenset({"fact", "evidence", "ingest"})


class SchemaError(ValueError):
    """The schema declaration itself is inconsistent."""


@dataclass(frozen=True)
class Property:
    """One property of a node or edge type."""

    name: str
    kind: str
    rdf: str
    description: str = ""
    required: bool = False
    values: tuple[str, ...] = ()
    pattern: str | None = None
    set_in: str = "fact"
    judgement: bool = False  # a reading (curators' or source's), not a reported fact
    rdf_sub_of: tuple[str, ...] = ()  # outside terms this one narrows (rdfs:subPropertyOf)

    def check(self, value: Any) -> str | None:
        """Return why ``value`` does not fit this property, or None when it does."""
        from schema.values import check_value

        return check_value(self, value)


@dataclass(frozen=True)
class NodeType:
    """A node type with its inherited properties and Neo4j labels (most specific first)."""

    name: str
    description: str
    rdf: str
    abstract: bool
    parent: str | None
    labels: tuple[str, ...]
    properties: dict[str, Property] = field(hash=False)
    colour: str | None = None
    rdf_also: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class EdgeType:
    """An edge type: allowed endpoint types and its own properties."""

    name: str
    description: str
    rdf: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    own_properties: dict[str, Property] = field(hash=False)
    colour: str | None = None
    # With the type and the two ends, the fact properties that tell one event from another.
    event_key: tuple[str, ...] = ()
    rdf_sub_of: tuple[str, ...] = ()  # outside terms this one narrows (rdfs:subPropertyOf)


@dataclass(frozen=True)
class Schema:
    """The resolved model."""

    version: str
    vocab: str
    prefixes: dict[str, str]
    node_types: dict[str, NodeType]
    edge_types: dict[str, EdgeType]
    statement_properties: dict[str, Property]

    @property
    def concrete_node_types(self) -> list[NodeType]:
        return [t for t in self.node_types.values() if not t.abstract]

    def edge_properties(self, edge: str) -> dict[str, Property]:
        """Statement properties plus the edge type's own, in declaration order."""
        return {**self.statement_properties, **self.edge_types[edge].own_properties}

    def settable(self, edge: str, where: str) -> dict[str, Property]:
        """The properties a claims file may set on a fact (``where="fact"``) or its evidence."""
        return {n: p for n, p in self.edge_properties(edge).items() if p.set_in == where}

    def node_type_of(self, labels: Iterable[str]) -> NodeType:
        """The most specific node type among a node's labels."""
        known = [self.node_types[label] for label in labels if label in self.node_types]
        return max(known, key=lambda n: len(n.labels))

    def is_a(self, node_type: str, ancestor: str) -> bool:
        return ancestor in self.node_types[node_type].labels

    def expand(self, curie: str) -> str:
        """Turn ``prefix:local`` into a full IRI."""
        prefix, _, local = curie.partition(":")
        if prefix not in self.prefixes:
            raise SchemaError(f"unknown RDF prefix {prefix!r} in {curie!r}")
        return self.prefixes[prefix] + local


def _properties(raw: dict[str, Any] | None, where: str) -> dict[str, Property]:
    out: dict[str, Property] = {}
    for name, spec in (raw or {}).items():
        if name in RESERVED:
            raise SchemaError(f"{where}.{name}: property name is reserved by the embedded store")
        if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
            raise SchemaError(f"{where}.{name}: property names are snake_case")
        kind = spec.get("kind")
        if kind not in KINDS:
            raise SchemaError(f"{where}.{name}: kind {kind!r} is not one of {sorted(KINDS)}")
        if kind == "enum" and not spec.get("values"):
            raise SchemaError(f"{where}.{name}: an enum needs values")
        if spec.get("set_in", "fact") not in SET_IN:
            raise SchemaError(f"{where}.{name}: set_in must be one of {sorted(SET_IN)}")
        if "rdf" not in spec:
            raise SchemaError(f"{where}.{name}: every property names its RDF term")
        out[name] = Property(
            name=name,
            kind=kind,
            rdf=spec["rdf"],
            description=spec.get("description", ""),
            required=bool(spec.get("required", False)),
            values=tuple(spec.get("values", ())),
            pattern=spec.get("pattern"),
            set_in=spec.get("set_in", "fact"),
            judgement=bool(spec.get("judgement", False)),
            rdf_sub_of=tuple(spec.get("rdf_sub_of") or ()),
        )
    return out


def _rdf_also(
    spec: dict[str, Any], props: dict[str, Property], where: str
) -> dict[str, tuple[str, ...]]:
    raw = spec.get("rdf_also") or {}
    unknown = sorted(set(raw) - set(props))
    if unknown:
        raise SchemaError(f"{where}.rdf_also: no such properties {unknown}")
    return {name: tuple(terms) for name, terms in raw.items()}


def _colour(spec: dict[str, Any], where: str) -> str | None:
    colour = spec.get("colour")
    if colour is not None and not re.fullmatch(r"#[0-9A-Fa-f]{6}", str(colour)):
        raise SchemaError(f"{where}.colour: {colour!r} is not a #RRGGBB colour")
    return None if colour is None else str(colour)


def parse_schema(raw: dict[str, Any]) -> Schema:
    """Build a resolved :class:`Schema` from the YAML document."""
    declared = raw["node_types"]
    resolved: dict[str, NodeType] = {}

    def resolve(name: str, seen: tuple[str, ...] = ()) -> NodeType:
        if name in resolved:
            return resolved[name]
        if name in seen:
            raise SchemaError(f"node type {name}: inheritance cycle {' -> '.join(seen)}")
        if name not in declared:
            raise SchemaError(f"unknown node type {name!r}")
        spec = declared[name]
        parent_name = spec.get("extends")
        own = _properties(spec.get("properties"), f"node_types.{name}")
        if parent_name:
            parent = resolve(parent_name, (*seen, name))
            props = {**parent.properties, **own}
            labels = (name, *parent.labels)
        else:
            props, labels = own, (name,)
        node = NodeType(
            name=name,
            description=spec.get("description", ""),
            rdf=spec["rdf"],
            abstract=bool(spec.get("abstract", False)),
            parent=parent_name,
            labels=labels,
            properties=props,
            colour=_colour(spec, f"node_types.{name}"),
            rdf_also=_rdf_also(spec, props, f"node_types.{name}"),
        )
        resolved[name] = node
        return node

    for name in declared:
        resolve(name)
    edges: dict[str, EdgeType] = {}
    for name, spec in raw["edge_types"].items():
        if not re.fullmatch(r"[A-Z][A-Z_]*", name):
            raise SchemaError(f"edge type {name}: edge types are UPPER_SNAKE_CASE")
        for end in (*spec["from"], *spec["to"]):
            if end not in resolved:
                raise SchemaError(f"edge type {name}: unknown node type {end!r}")
        edges[name] = EdgeType(
            name=name,
            description=spec.get("description", ""),
            rdf=spec["rdf"],
            sources=tuple(spec["from"]),
            targets=tuple(spec["to"]),
            own_properties=_properties(spec.get("properties"), f"edge_types.{name}"),
            colour=_colour(spec, f"edge_types.{name}"),
            event_key=tuple(spec.get("event_key") or ()),
            rdf_sub_of=tuple(spec.get("rdf_sub_of") or ()),
        )
    statement = _properties(raw["statement_properties"], "statement_properties")
    for edge in edges.values():
        clash = set(edge.own_properties) & set(statement)
        if clash:
            raise SchemaError(f"edge type {edge.name}: redeclares statement properties {clash}")
        settable = {**statement, **edge.own_properties}
        for key in edge.event_key:
            if key not in settable or settable[key].set_in != "fact":
                raise SchemaError(
                    f"edge type {edge.name}: event_key {key!r} is not a fact property"
                )
        if any(p.judgement for p in edge.own_properties.values()) and not {
            "judged_by",
            "basis",
        } <= set(statement):
            raise SchemaError(f"edge type {edge.name}: judgements need judged_by and basis")
    terms: dict[str, str] = {}
    for where, prop in [
        *((f"statement_properties.{n}", p) for n, p in statement.items()),
        *(
            (f"node_types.{t.name}.{n}", p)
            for t in resolved.values()
            for n, p in t.properties.items()
        ),
        *(
            (f"edge_types.{e.name}.{n}", p)
            for e in edges.values()
            for n, p in e.own_properties.items()
        ),
    ]:
        if terms.setdefault(prop.name, prop.rdf) != prop.rdf:
            raise SchemaError(
                f"{where}: maps {prop.name!r} to {prop.rdf}, elsewhere to {terms[prop.name]}; "
                "a property name needs one RDF term"
            )
    return Schema(
        version=str(raw["version"]),
        vocab=raw["rdf"]["vocab"],
        prefixes=dict(raw["rdf"]["prefixes"]),
        node_types=resolved,
        edge_types=edges,
        statement_properties=statement,
    )


@cache
def load_schema(path: Path = SCHEMA_FILE) -> Schema:
    """Read and resolve the schema file (cached: it does not change while running)."""
    with path.open(encoding="utf-8") as handle:
        return parse_schema(yaml.safe_load(handle))

"""The published vocabulary (OWL) and the SHACL shapes of the data, written from the schema.

Both are Turtle written line by line, so the files are stable and diff well. Only the project's
own terms (the ``pg:`` namespace) are defined; reused terms (schema.org, PROV-O, Dublin Core, SKOS)
are used as they are. A term used by several types gets ``schema:domainIncludes`` /
``schema:rangeIncludes`` for each, rather than an OWL union, so no reasoner is misled.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from schema.model import Property, Schema

XSD_TYPES = {
    "string": "xsd:string",
    "text": "xsd:string",
    "enum": "xsd:string",
    "string_list": "xsd:string",
    "date": "xsd:date",
    "datetime": "xsd:dateTime",
    "boolean": "xsd:boolean",
    "integer": "xsd:integer",
}
# Terms the RDF export uses beyond the schema's properties (graph descriptions).
EXTRA_PREFIXES = {
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "sh": "http://www.w3.org/ns/shacl#",
}


def ontology_iri(schema: Schema) -> str:
    return schema.vocab.rstrip("#/")


def version_iri(schema: Schema) -> str:
    return f"{ontology_iri(schema)}/{schema.version}"


RELEASED = Path(__file__).resolve().parent / "versions"  # vocab-<version>.ttl, one per release


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split(".") if part.isdigit())


def released_versions(folder: Path | None = None) -> list[str]:
    """The vocabulary versions released so far (their files kept in ``folder``, by default
    schema/versions), oldest first."""
    folder = folder or RELEASED
    names = (p.name.removeprefix("vocab-").removesuffix(".ttl") for p in folder.glob("vocab-*.ttl"))
    return sorted(names, key=_version_key)


def released_file(version: str, folder: Path | None = None) -> Path:
    return (folder or RELEASED) / f"vocab-{version}.ttl"


def prior_version(schema: Schema, folder: Path | None = None) -> str | None:
    """The newest released version before the schema's own, if any."""
    older = [v for v in released_versions(folder) if _version_key(v) < _version_key(schema.version)]
    return older[-1] if older else None


def shapes_iri(schema: Schema) -> str:
    return f"{ontology_iri(schema)}/shapes"


def _string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return f'"{escaped}"'


def _prefixes(schema: Schema, extra: dict[str, str]) -> list[str]:
    prefixes = {**schema.prefixes, **EXTRA_PREFIXES, **extra}
    return [f"@prefix {p}: <{iri}> ." for p, iri in sorted(prefixes.items())] + [""]


def _own(curie: str) -> bool:
    return curie.startswith("pg:")


def _all_properties(schema: Schema) -> list[tuple[str, Property]]:
    """(domain class, property) for every declared property, statements on rdf:Statement."""
    out: list[tuple[str, Property]] = []
    for node in schema.node_types.values():
        parent = schema.node_types[node.parent].properties if node.parent else {}
        out += [(node.rdf, p) for n, p in node.properties.items() if n not in parent]
    out += [("rdf:Statement", p) for p in schema.statement_properties.values()]
    for edge in schema.edge_types.values():
        out += [("rdf:Statement", p) for p in edge.own_properties.values()]
    return out


def ontology(schema: Schema, released: Path | None = None) -> str:
    """vocab.ttl: the owl:Ontology with its version IRI (and the version before it, when one was
    released: ``released`` holds them), classes and properties."""
    prior = prior_version(schema, released)
    out = [
        f"# The pledgegraph vocabulary, version {schema.version}. Generated from schema/model.yaml",
        "# by `pledgegraph generate`; do not edit.",
        *_prefixes(schema, {}),
        f"<{ontology_iri(schema)}> a owl:Ontology ;",
        f"    owl:versionIRI <{version_iri(schema)}> ;",
        f"    owl:versionInfo {_string(schema.version)} ;",
        *([f"    owl:priorVersion <{ontology_iri(schema)}/{prior}> ;"] if prior else []),
        '    rdfs:label "pledgegraph vocabulary"@en ;',
        '    dcterms:creator "the pledgegraph project"@en ;',
        "    dcterms:license <https://creativecommons.org/licenses/by/4.0/> ;",
        "    dcterms:description "
        + _string(
            "Terms for AI labs' safety commitments, their changes, the pressure on labs, and the "
            "provenance of every fact: its source, verbatim quote and where the quote sits in the text."
        )
        + "@en .",
        "",
    ]
    for node in schema.node_types.values():
        if not _own(node.rdf):
            continue
        lines = [f"{node.rdf} a owl:Class ;", f"    rdfs:label {_string(node.name)}@en ;"]
        if node.parent:
            lines.append(f"    rdfs:subClassOf {schema.node_types[node.parent].rdf} ;")
        lines.append(f"    rdfs:comment {_string(node.description)}@en ;")
        lines.append(f"    rdfs:isDefinedBy <{ontology_iri(schema)}> .")
        out += [*lines, ""]

    domains: dict[str, set[str]] = defaultdict(set)
    props: dict[str, Property] = {}
    for domain, prop in _all_properties(schema):
        domains[prop.rdf].add(domain)
        props.setdefault(prop.rdf, prop)
    for term in sorted(t for t in props if _own(t)):
        prop = props[term]
        kind = "owl:ObjectProperty" if prop.kind == "url" else "owl:DatatypeProperty"
        lines = [
            f"{term} a {kind} ;",
            f"    rdfs:label {_string(prop.name.replace('_', ' '))}@en ;",
            f"    skos:notation {_string(prop.name)} ;",
        ]
        lines += [f"    rdfs:subPropertyOf {sup} ;" for sup in prop.rdf_sub_of]
        if prop.description:
            lines.append(f"    rdfs:comment {_string(prop.description)}@en ;")
        lines += _domain_lines(sorted(domains[term]))
        if prop.kind != "url":
            lines.append(f"    rdfs:range {XSD_TYPES[prop.kind]} ;")
        if prop.values:
            lines.append(f"    rdfs:seeAlso {term}Values ;")
        lines.append(f"    rdfs:isDefinedBy <{ontology_iri(schema)}> .")
        out += [*lines, ""]
        if prop.values:
            out += _concept_scheme(schema, term, prop)

    for edge in schema.edge_types.values():
        if not _own(edge.rdf):
            continue
        lines = [
            f"{edge.rdf} a owl:ObjectProperty ;",
            f"    rdfs:label {_string(edge.name.lower().replace('_', ' '))}@en ;",
            f"    skos:notation {_string(edge.name)} ;",
            *(f"    rdfs:subPropertyOf {sup} ;" for sup in edge.rdf_sub_of),
            f"    rdfs:comment {_string(edge.description)}@en ;",
            *_domain_lines(sorted(schema.node_types[s].rdf for s in edge.sources)),
        ]
        targets = sorted(schema.node_types[t].rdf for t in edge.targets)
        if len(targets) == 1:
            lines.append(f"    rdfs:range {targets[0]} ;")
        else:
            lines += [f"    schema:rangeIncludes {t} ;" for t in targets]
        lines.append(f"    rdfs:isDefinedBy <{ontology_iri(schema)}> .")
        out += [*lines, ""]
    return "\n".join(out)


def _concept_scheme(schema: Schema, term: str, prop: Property) -> list[str]:
    """A property's allowed values as a SKOS concept scheme: each value a concept whose
    skos:notation is the literal the data carries."""
    words = prop.name.replace("_", " ")
    out = [
        f"{term}Values a skos:ConceptScheme ;",
        f"    rdfs:label {_string(f'values of {words}')}@en ;",
        f"    rdfs:isDefinedBy <{ontology_iri(schema)}> .",
        "",
    ]
    for value in prop.values:
        out += [
            f"{term}Values-{value} a skos:Concept ;",
            f"    skos:inScheme {term}Values ;",
            f"    skos:prefLabel {_string(value.replace('_', ' '))}@en ;",
            f"    skos:notation {_string(value)} .",
            "",
        ]
    return out


def _domain_lines(domains: list[str]) -> list[str]:
    if len(domains) == 1:
        return [f"    rdfs:domain {domains[0]} ;"]
    return [f"    schema:domainIncludes {d} ;" for d in domains]


def _property_shape(prop: Property, required: bool, single: bool) -> list[str]:
    lines = [f"        sh:path {prop.rdf} ;", f"        sh:name {_string(prop.name)} ;"]
    if prop.kind == "url":
        lines.append("        sh:nodeKind sh:IRI ;")
    else:
        lines.append(f"        sh:datatype {XSD_TYPES[prop.kind]} ;")
    if required:
        lines.append("        sh:minCount 1 ;")
    if single:
        lines.append("        sh:maxCount 1 ;")
    if prop.values:
        lines.append("        sh:in ( " + " ".join(_string(v) for v in prop.values) + " ) ;")
    if prop.pattern:
        lines.append(f"        sh:pattern {_string(prop.pattern)} ;")
    lines[-1] = lines[-1].removesuffix(" ;")
    return ["    sh:property [", *lines, "    ] ;"]


def shapes(schema: Schema) -> str:
    """shapes.ttl: a node shape per type and one for statements; exports must conform."""
    out = [
        f"# SHACL shapes for pledgegraph data, schema version {schema.version}. Generated from",
        "# schema/model.yaml by `pledgegraph generate`; do not edit.",
        *_prefixes(schema, {"pgsh": shapes_iri(schema) + "#"}),
    ]
    for node in schema.node_types.values():
        parent = schema.node_types[node.parent].properties if node.parent else {}
        own = [p for n, p in node.properties.items() if n not in parent]
        lines = [f"pgsh:{node.name}Shape a sh:NodeShape ;", f"    sh:targetClass {node.rdf} ;"]
        for prop in own:
            lines += _property_shape(prop, prop.required, prop.kind != "string_list")
        lines[-1] = lines[-1].removesuffix(" ;") + " ."
        out += [*lines, ""]
    # Every statement: one subject, predicate and object, a source, a quote; the edge types' own
    # properties are checked for their types wherever they appear.
    lines = [
        "pgsh:StatementShape a sh:NodeShape ;",
        "    sh:targetClass rdf:Statement ;",
        *(
            line
            for path in ("rdf:subject", "rdf:predicate", "rdf:object")
            for line in (
                "    sh:property [",
                f"        sh:path {path} ;",
                "        sh:nodeKind sh:IRI ;",
                "        sh:minCount 1 ;",
                "        sh:maxCount 1",
                "    ] ;",
            )
        ),
    ]
    for name, prop in schema.statement_properties.items():
        if name in ("id", "source"):
            continue
        lines += _property_shape(prop, prop.required, prop.kind != "string_list")
    lines += [
        "    sh:property [",
        f"        sh:path {schema.statement_properties['source'].rdf} ;",
        "        sh:class pg:Source ;",
        "        sh:minCount 1 ;",
        "        sh:maxCount 1",
        "    ] ;",
    ]
    seen: set[str] = set()
    for edge in schema.edge_types.values():
        for prop in edge.own_properties.values():
            if prop.rdf not in seen:
                seen.add(prop.rdf)
                lines += _property_shape(prop, False, True)
    lines[-1] = lines[-1].removesuffix(" ;") + " ."
    out += [*lines, ""]
    return "\n".join(out)

"""Write the files derived from schema/model.yaml: loader Cypher, constraints, the JSON-LD context,
the OWL vocabulary and SHACL shapes, docs, and the Neo4j Browser style and guide.

`pledgegraph generate` writes them; a test fails when a committed file differs from what this
module would write now.
"""

from __future__ import annotations

import json
from pathlib import Path

from schema.model import Schema, load_schema

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "queries" / "_templates"
XSD = {
    "date": "xsd:date",
    "datetime": "xsd:dateTime",
    "boolean": "xsd:boolean",
    "integer": "xsd:integer",
}


def _template(name: str, **values: str) -> str:
    text = (TEMPLATES / f"{name}.cypher.in").read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace(f"@{key}@", value)
    return text


def snake(name: str) -> str:
    """``PolicyVersion`` -> ``policy_version``; ``SUPERSEDED_BY`` -> ``superseded_by``."""
    out = "".join(
        f"_{c.lower()}" if c.isupper() and i and not name.isupper() else c.lower()
        for i, c in enumerate(name)
    )
    return out.replace("a_i", "ai")


def kind_slug(kind: str) -> str:
    """A node type as it stands in IRIs and paths: ``PolicyVersion`` -> ``policy-version``."""
    return snake(kind).replace("_", "-")


def loader_files(schema: Schema) -> dict[str, str]:
    """queries/load/*.cypher and queries/schema/constraints.cypher, by path relative to ROOT."""
    files: dict[str, str] = {}
    for node in schema.concrete_node_types:
        extra = "".join(f":{label}" for label in node.labels[1:])
        files[f"queries/load/merge_node_{snake(node.name)}.cypher"] = _template(
            "merge_node", LABEL=node.name, EXTRA_LABELS=extra
        )
    for edge in schema.edge_types.values():
        for template in ("merge_edge", "create_edge"):
            files[f"queries/load/{template}_{snake(edge.name)}.cypher"] = _template(
                template, EDGE=edge.name
            )
    labels = [n.name for n in schema.node_types.values() if n.name == "Entity" or not n.abstract]
    node_lines = "".join(
        _template("node_constraint", NAME=f"{snake(label)}_id", LABEL=label) for label in labels
    )
    edge_lines = "".join(
        _template("edge_constraint", NAME=f"{snake(e)}_id", EDGE=e) for e in schema.edge_types
    )
    files["queries/schema/constraints.cypher"] = _template(
        "constraints",
        NODE_CONSTRAINTS=node_lines.rstrip("\n"),
        EDGE_CONSTRAINTS=edge_lines.rstrip("\n"),
    )
    return files


def context(schema: Schema) -> dict[str, object]:
    """The JSON-LD context: every property and edge type as a term of the vocabulary."""
    terms: dict[str, object] = {"@version": 1.1, "@vocab": schema.vocab}
    terms.update({prefix: iri for prefix, iri in schema.prefixes.items()})
    props = {**schema.statement_properties}
    for node in schema.node_types.values():
        props.update(node.properties)
    for edge in schema.edge_types.values():
        props.update(edge.own_properties)
    for name, prop in sorted(props.items()):
        if name == "id":
            continue
        term: dict[str, object] = {"@id": prop.rdf}
        if prop.kind in XSD:
            term["@type"] = XSD[prop.kind]
        elif prop.kind == "url" or name == "source":
            term["@type"] = "@id"
        if prop.kind == "string_list":
            term["@container"] = "@set"
        terms[name] = term
    for node in schema.node_types.values():
        terms[node.name] = node.rdf
    for edge in schema.edge_types.values():
        terms[edge.name] = {"@id": edge.rdf, "@type": "@id"}
    return {"@context": terms}


def _props_table(props: dict[str, object]) -> list[str]:
    from schema.model import Property

    lines = ["| property | kind | required | RDF | description |", "|---|---|---|---|---|"]
    for prop in props.values():
        assert isinstance(prop, Property)
        kind = f"enum: {', '.join(prop.values)}" if prop.kind == "enum" else prop.kind
        lines.append(
            f"| `{prop.name}` | {kind} | {'yes' if prop.required else ''} | `{prop.rdf}` | {prop.description} |"
        )
    return lines


def docs(schema: Schema) -> str:
    """docs/schema.md: every node and edge type with its properties."""
    out = [
        "# The data model",
        "",
        f"Generated from `schema/model.yaml` (version {schema.version}) by `pledgegraph generate`; do not edit.",
        "",
        "## Node types",
        "",
        "Every node carries the `Entity` label, its own label and its ancestors' labels (a `Lab` is also an `Organisation`).",
        "",
    ]
    for node in schema.node_types.values():
        parent = f" (extends `{node.parent}`)" if node.parent else ""
        out += [
            f"### {node.name}{parent}",
            "",
            node.description,
            "",
            f"Labels: {', '.join(f'`{label}`' for label in node.labels)}. RDF class: `{node.rdf}`.",
            "",
        ]
        own = {
            k: v
            for k, v in node.properties.items()
            if not node.parent or k not in schema.node_types[node.parent].properties
        }
        if own:
            out += [*_props_table(dict(own)), ""]
    out += [
        "## Statements",
        "",
        "Every edge is a statement: one fact from one source, with one verbatim quote. Each carries these properties:",
        "",
        *_props_table(dict(schema.statement_properties)),
        "",
        "## Edge types",
        "",
        "| edge | from | to | RDF | description |",
        "|---|---|---|---|---|",
    ]
    for edge in schema.edge_types.values():
        out.append(
            f"| `{edge.name}` | {', '.join(edge.sources)} | {', '.join(edge.targets)} | `{edge.rdf}` | {edge.description} |"
        )
    out.append("")
    for edge in schema.edge_types.values():
        if edge.own_properties:
            out += [f"### {edge.name}", "", *_props_table(dict(edge.own_properties)), ""]
    return "\n".join(out)


def generated_files(schema: Schema | None = None) -> dict[str, str]:
    """Every derived file, by path relative to the project root."""
    schema = schema or load_schema()
    files = loader_files(schema)
    files["schema/context.jsonld"] = (
        json.dumps(context(schema), indent=2, ensure_ascii=False) + "\n"
    )
    files["docs/schema.md"] = docs(schema)
    from schema.vocab import ontology, shapes

    files["schema/vocab.ttl"] = ontology(schema)
    # The vocabulary as released under its version IRI (/vocab/<version>): written once, then
    # kept; `released_drift` refuses a different one under the same version.
    files[f"schema/versions/vocab-{schema.version}.ttl"] = files["schema/vocab.ttl"]
    files["schema/shapes.ttl"] = shapes(schema)
    # The Neo4j Browser style and query guide derive from the schema and the canned queries.
    from graph.browser import browser_files
    from graph.cypher import QueryLibrary

    files.update(browser_files(schema, QueryLibrary(ROOT / "queries")))
    return files


class ReleasedVocabularyChanged(Exception):
    """The schema's vocabulary differs from the one released under the same version."""


def released_drift(files: dict[str, str], root: Path = ROOT) -> str | None:
    """Why ``files`` may not be written: the released vocabulary of this version would change."""
    for rel, text in files.items():
        if not rel.startswith("schema/versions/"):
            continue
        path = root / rel
        if path.is_file() and path.read_text(encoding="utf-8") != text:
            version = rel.removeprefix("schema/versions/vocab-").removesuffix(".ttl")
            return (
                f"{rel}: version {version} of the vocabulary is released, and the schema now "
                f"gives other terms or labels. Raise `version` in schema/model.yaml, then run "
                f"`pledgegraph generate`: {version} stays served at /vocab/{version} and the new "
                "version names it as its owl:priorVersion"
            )
    return None


def write_generated(root: Path = ROOT, files: dict[str, str] | None = None) -> list[str]:
    """Write every derived file that changed (``files``, by default `generated_files`); return
    their paths. Stale loader files are removed. Raises ReleasedVocabularyChanged rather than
    rewrite a released vocabulary."""
    files = files if files is not None else generated_files()
    drift = released_drift(files, root)
    if drift:
        raise ReleasedVocabularyChanged(drift)
    written = []
    for stale in (root / "queries" / "load").glob("merge_*.cypher"):
        if stale.relative_to(root).as_posix() not in files:
            stale.unlink()
            written.append(stale.relative_to(root).as_posix())
    for rel, text in files.items():
        path = root / rel
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            written.append(rel)
    return written

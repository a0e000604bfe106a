"""Parse RDF text without ever reaching out: no remote JSON-LD contexts, no file:// reads.

rdflib resolves a JSON-LD ``@context`` (or ``@import``) given as an address by fetching it, from
the web or from the file system. Here such a reference is refused, except the project's own context
(any address ending ``context.jsonld`` or ``context/{version}.jsonld`` under the base IRI), which is
replaced by the local copy. Other formats are parsed from the text given, never from a location.
"""

from __future__ import annotations

import json
from typing import Any

from rdflib import Dataset, Graph

from schema import Schema, load_schema
from schema.generate import context

PARSE_FORMATS = {
    "turtle": "turtle",
    "ntriples": "nt",
    "jsonld": "json-ld",
    "trig": "trig",
    "nquads": "nquads",
}


class RdfParseError(ValueError):
    """The text is not RDF of the given format, or it asks for something that is refused."""


def _own_context(iri: str, base: str, schema: Schema) -> bool:
    return iri in {f"{base}context.jsonld", f"{base}context/{schema.version}.jsonld"}


def _local_contexts(node: Any, base: str, schema: Schema) -> Any:
    """Replace references to the project's context by its content; refuse any other reference."""
    if isinstance(node, list):
        return [_local_contexts(item, base, schema) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in ("@context", "@import"):
            out[key] = _resolve(value, base, schema)
        else:
            out[key] = _local_contexts(value, base, schema)
    return out


def _resolve(value: Any, base: str, schema: Schema) -> Any:
    if isinstance(value, list):
        return [_resolve(item, base, schema) for item in value]
    if isinstance(value, str):
        if _own_context(value, base, schema):
            return context(schema)["@context"]
        raise RdfParseError(
            f"refused to load the JSON-LD context {value!r}: remote and file contexts are never "
            "fetched; embed the context in the document"
        )
    if isinstance(value, dict):
        return _local_contexts(value, base, schema)
    return value


def parse_rdf(
    text: str | bytes,
    fmt: str,
    base: str = "https://w3id.org/pledgegraph/",
    schema: Schema | None = None,
) -> Graph:
    """Parse ``text`` as ``fmt`` (turtle, ntriples, jsonld, trig, nquads); quads keep their graphs."""
    schema = schema or load_schema()
    if fmt not in PARSE_FORMATS:
        raise RdfParseError(f"unknown RDF format {fmt!r}; use one of {', '.join(PARSE_FORMATS)}")
    data = text.decode("utf-8") if isinstance(text, bytes) else text
    if fmt == "jsonld":
        try:
            doc = json.loads(data)
        except json.JSONDecodeError as err:
            raise RdfParseError(f"not JSON: {err}") from err
        data = json.dumps(_local_contexts(doc, base, schema))
    graph: Graph = Dataset() if fmt in ("trig", "nquads") else Graph()
    try:
        graph.parse(data=data, format=PARSE_FORMATS[fmt])
    except RdfParseError:
        raise
    except Exception as err:  # rdflib raises many kinds for bad input
        raise RdfParseError(f"not valid {fmt}: {err}") from err
    return graph

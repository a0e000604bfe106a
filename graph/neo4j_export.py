"""The graph in the two forms an empty Neo4j takes it: a Cypher script, or neo4j-admin CSV files.

The Cypher script is what the Neo4j Browser or ``cypher-shell -f`` runs: the constraints, then per
node and edge type ``:param rows => [...]`` batches, each followed by the project's own loader
query from queries/load/ (the same text that the linter checks and the embedded store runs).

The CSV files follow the header format of ``neo4j-admin database import full``: one file per node
type and per edge type, typed columns, labels in ``:LABEL``, and an ``import.sh`` with the command.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.cypher import QueryLibrary
from graph.store import GraphStore
from schema import Schema
from schema.generate import snake
from schema.model import Property

BATCH = 1_000
ARRAY_DELIMITER = ";"
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_ESCAPES = {
    "\\": "\\\\",
    "'": "\\'",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
}
# Column types neo4j-admin reads, by schema property kind (string is the default, left unnamed).
ADMIN_TYPES = {
    "integer": "long",
    "boolean": "boolean",
    "date": "date",
    "datetime": "localdatetime",
    "string_list": "string[]",
}


class ExportError(ValueError):
    """The graph holds a value the chosen format cannot carry."""


def cypher_string(text: str) -> str:
    """A Cypher string literal (single-quoted, escaped)."""
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return "'" + "".join(out) + "'"


def cypher_literal(value: Any) -> str:
    """A Cypher expression for a property value (dates as ``date('...')``)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return cypher_string(value)
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            return f"datetime({cypher_string(value.isoformat())})"
        return f"localdatetime({cypher_string(value.isoformat())})"
    if isinstance(value, dt.date):
        return f"date({cypher_string(value.isoformat())})"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{_key(k)}: {cypher_literal(v)}" for k, v in value.items()) + "}"
    raise ExportError(f"cannot write {type(value).__name__} as a Cypher literal: {value!r}")


def _key(name: str) -> str:
    return name if _IDENTIFIER.fullmatch(name) else "`" + name.replace("`", "``") + "`"


@dataclass
class GraphRows:
    """A store's content grouped the way the loader queries take it."""

    nodes: dict[str, list[dict[str, Any]]]
    edges: dict[str, list[dict[str, Any]]]

    @property
    def counts(self) -> tuple[int, int]:
        return (
            sum(len(rows) for rows in self.nodes.values()),
            sum(len(rows) for rows in self.edges.values()),
        )


def read_rows(store: GraphStore, queries: QueryLibrary, schema: Schema) -> GraphRows:
    """Every node (by most specific type) and statement (by edge type), as loader rows."""
    nodes: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in store.read(queries["read/all_nodes"]):
        kind = schema.node_type_of(row["labels"]).name
        props = {k: v for k, v in row["properties"].items() if v is not None}
        nodes[kind].append({"id": row["id"], "props": props})
    edges: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in store.read(queries["read/all_statements"]):
        props = {k: v for k, v in row["properties"].items() if v is not None}
        edges[row["edge"]].append(
            {"from": row["from"], "to": row["to"], "id": props["id"], "props": props}
        )
    return GraphRows(dict(sorted(nodes.items())), dict(sorted(edges.items())))


def cypher_script(rows: GraphRows, queries: QueryLibrary, batch: int = BATCH) -> Iterator[str]:
    """The script, in pieces: constraints, then batched ``:param rows`` and loader statements."""
    nodes, statements = rows.counts
    yield (
        f"// pledgegraph: {nodes} nodes and {statements} statements.\n"
        "// Load into an empty Neo4j database with `cypher-shell -f FILE`, or paste into the\n"
        "// Neo4j Browser with its multi-statement query editor enabled. Constraints come first;\n"
        "// each `:param rows` batch is followed by the loader query that upserts it by id.\n"
    )
    constraints = queries["schema/constraints"]
    yield f"\n// {constraints.description}\n"
    for statement in constraints.statements():
        yield f"{statement};\n"
    for kind, node_rows in rows.nodes.items():
        yield from _batches(queries, f"load/merge_node_{snake(kind)}", node_rows, batch)
    for edge, edge_rows in rows.edges.items():
        yield from _batches(queries, f"load/merge_edge_{snake(edge)}", edge_rows, batch)
    yield "\n:param rows => [];\n"


def _batches(
    queries: QueryLibrary, name: str, rows: list[dict[str, Any]], batch: int
) -> Iterator[str]:
    query = queries[name]
    [statement] = query.statements()
    yield f"\n// {query.description.split(' (generated')[0]}: {len(rows)} row(s)\n"
    for start in range(0, len(rows), batch):
        chunk = rows[start : start + batch]
        yield ":param rows => [\n"
        yield ",\n".join("  " + cypher_literal(row) for row in chunk)
        yield "\n];\n"
        yield f"{statement};\n"


def _admin_header(name: str, prop: Property) -> str:
    kind = ADMIN_TYPES.get(prop.kind)
    return f"{name}:{kind}" if kind else name


def _admin_value(prop: Property, value: Any, where: str) -> str:
    if value is None:
        return ""
    if prop.kind == "string_list":
        items = [str(v) for v in value]
        bad = [v for v in items if ARRAY_DELIMITER in v]
        if bad:
            raise ExportError(
                f"{where}: list item {bad[0]!r} holds the array delimiter {ARRAY_DELIMITER!r}"
            )
        return ARRAY_DELIMITER.join(items)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)


def write_admin_import(
    rows: GraphRows, schema: Schema, queries: QueryLibrary, out: Path
) -> list[Path]:
    """Write the CSV files, ``constraints.cypher`` and ``import.sh`` into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    constraints = out / "constraints.cypher"
    constraints.write_text(queries["schema/constraints"].text, encoding="utf-8")
    written: list[Path] = [constraints]
    node_files: list[str] = []
    for kind, node_rows in rows.nodes.items():
        node_type = schema.node_types[kind]
        props = {n: p for n, p in node_type.properties.items() if n != "id"}
        path = out / f"nodes_{kind}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(["id:ID", *(_admin_header(n, p) for n, p in props.items()), ":LABEL"])
            for row in node_rows:
                where = f"{kind} {row['id']}"
                writer.writerow(
                    [
                        row["id"],
                        *(_admin_value(p, row["props"].get(n), where) for n, p in props.items()),
                        ARRAY_DELIMITER.join(node_type.labels),
                    ]
                )
        written.append(path)
        node_files.append(path.name)
    edge_files: list[str] = []
    for edge, edge_rows in rows.edges.items():
        props = schema.edge_properties(edge)
        path = out / f"relationships_{edge}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(
                [":START_ID", ":END_ID", ":TYPE", *(_admin_header(n, p) for n, p in props.items())]
            )
            for row in edge_rows:
                where = f"{edge} statement {row['id']}"
                writer.writerow(
                    [
                        row["from"],
                        row["to"],
                        edge,
                        *(_admin_value(p, row["props"].get(n), where) for n, p in props.items()),
                    ]
                )
        written.append(path)
        edge_files.append(path.name)
    script = out / "import.sh"
    script.write_text(_import_script(node_files, edge_files), encoding="utf-8")
    written.append(script)
    return written


def _import_script(node_files: list[str], edge_files: list[str]) -> str:
    args = [f'  --nodes="$here/{name}" \\' for name in node_files]
    args += [f'  --relationships="$here/{name}" \\' for name in edge_files]
    return "\n".join(
        [
            "#!/usr/bin/env sh",
            "# Import these files into a new, stopped Neo4j database (default: neo4j), then start it",
            "# and create the constraints: cypher-shell -f constraints.cypher",
            "set -eu",
            'here="$(cd "$(dirname "$0")" && pwd)"',
            'neo4j-admin database import full "${1:-neo4j}" \\',
            "  --overwrite-destination=true \\",
            f"  --array-delimiter='{ARRAY_DELIMITER}' \\",
            "  --multiline-fields=true \\",
            *args,
            "  --verbose",
            "",
        ]
    )

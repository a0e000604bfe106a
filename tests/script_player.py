"""Play a Cypher script the way cypher-shell does: statements split at `;`, `// comments`
skipped, and `:param name => expression` evaluated by the store itself (`RETURN expression`, as
the Neo4j Browser and cypher-shell evaluate it)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

Run = Callable[[str, Mapping[str, Any]], list[dict[str, Any]]]

_PARAM = re.compile(r":param\s+(\w+)\s*=>\s*(.*)", re.DOTALL)


def split_statements(script: str) -> Iterator[str]:
    """Statements and client commands, split at `;` outside strings, backticks and comments."""
    current: list[str] = []
    i, n = 0, len(script)
    while i < n:
        char = script[i]
        if char in "'\"`":
            end = i + 1
            while end < n and script[end] != char:
                end += 2 if script[end] == "\\" and char != "`" else 1
            current.append(script[i : end + 1])
            i = end + 1
        elif script.startswith("//", i):
            end = script.find("\n", i)
            i = n if end < 0 else end + 1
        elif char == ";":
            text = "".join(current).strip()
            if text:
                yield text
            current = []
            i += 1
        else:
            current.append(char)
            i += 1
    text = "".join(current).strip()
    if text:
        yield text


def play(run: Run, script: str) -> int:
    """Run every statement of ``script`` with ``run``; returns how many Cypher statements ran."""
    params: dict[str, Any] = {}
    ran = 0
    for statement in split_statements(script):
        match = _PARAM.fullmatch(statement)
        if match:
            name, expression = match.groups()
            [row] = run(f"RETURN {expression} AS value", {})
            params[name] = row["value"]
            continue
        run(statement, params)
        ran += 1
    return ran


def kglite_runner(graph: Any) -> Run:
    """Run statements on an embedded kglite graph."""
    return lambda text, params: list(graph.cypher(text, params=dict(params)).to_list())

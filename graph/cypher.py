"""Canned Cypher: the .cypher files under queries/, their headers and parameter binding.

A file starts with a header of ``//`` comment lines::

    // What a lab dropped, with what replaced it and the evidence.
    // param lab: string - lab id, name or alias (case-insensitive)
    // param as_of: date? - optional: a trailing ? makes a parameter optional (null by default)
    // example lab: anthropic
    // returns: lab, commitment, change, date, replaced_by, evidence

The first line describes the query; ``example`` lines give a value to try for a parameter (the
Neo4j Browser guide and the tests use them). Values reach the query only as ``$parameters``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, LiteralString, cast

PARAM_TYPES = ("string", "date", "integer", "boolean", "list")
_PARAM = re.compile(r"param\s+(\w+)\s*:\s*(\w+)(\?)?\s*(?:-\s*(.*))?")
_EXAMPLE = re.compile(r"example\s+(\w+)\s*:\s*(.+)")
PUBLIC = re.compile(r"[a-z][a-z0-9_]*")


class QueryError(ValueError):
    """A query file or a call to one is wrong."""


class ParameterError(QueryError):
    """A caller's parameter is missing, unknown or of the wrong type."""

    def __init__(self, message: str, param: str | None = None) -> None:
        super().__init__(message)
        self.param = param


@dataclass(frozen=True)
class Parameter:
    name: str
    kind: str
    required: bool
    description: str


@dataclass(frozen=True)
class Query:
    """One canned query: its name (path under queries/ without .cypher), header and text."""

    name: str
    description: str
    parameters: tuple[Parameter, ...]
    columns: tuple[str, ...]
    text: LiteralString
    examples: tuple[tuple[str, str], ...] = ()

    @property
    def public(self) -> bool:
        """Top-level queries are questions users may ask; sub-folders hold internal ones."""
        return bool(PUBLIC.fullmatch(self.name))

    def statements(self) -> list[LiteralString]:
        """The file's statements (schema files hold several, separated by ``;``)."""
        body = "\n".join(
            line for line in self.text.splitlines() if not line.strip().startswith("//")
        )
        parts = [p.strip() for p in body.split(";")]
        return [cast(LiteralString, p) for p in parts if p]  # type: ignore[redundant-cast]

    def example_params(self) -> dict[str, Any]:
        """The header's example values (a list parameter's example is written as JSON)."""
        kinds = {p.name: p.kind for p in self.parameters}
        return {
            name: json.loads(value) if kinds[name] == "list" else value
            for name, value in self.examples
        }

    def bind(self, given: Mapping[str, Any]) -> dict[str, Any]:
        """Check ``given`` against the header and convert values to their declared types."""
        declared = {p.name: p for p in self.parameters}
        unknown = sorted(set(given) - set(declared))
        if unknown:
            raise ParameterError(
                f"query {self.name!r} has no parameter {', '.join(unknown)}; it takes {', '.join(declared) or 'none'}",
                unknown[0],
            )
        bound: dict[str, Any] = {}
        for param in self.parameters:
            value = given.get(param.name)
            if value is None or value == "":
                if param.required:
                    raise ParameterError(
                        f"query {self.name!r} needs parameter {param.name!r} ({param.kind})",
                        param.name,
                    )
                bound[param.name] = None
                continue
            bound[param.name] = _convert(param, value)
        return bound


def _convert(param: Parameter, value: Any) -> Any:
    try:
        if param.kind == "string":
            if not isinstance(value, str):
                raise TypeError
            return value
        if param.kind == "date":
            return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
        if param.kind == "integer":  # counts and limits: never negative
            if isinstance(value, bool) or int(value) < 0:
                raise ValueError
            return int(value)
        if param.kind == "boolean":
            if isinstance(value, bool):
                return value
            text = str(value).lower()
            if text not in {"true", "false"}:
                raise ValueError
            return text == "true"
        if not isinstance(value, list):
            raise TypeError
        return value
    except (TypeError, ValueError) as err:
        raise ParameterError(
            f"parameter {param.name!r} must be a "
            f"{'non-negative integer' if param.kind == 'integer' else param.kind}, got {value!r}",
            param.name,
        ) from err


def parse_query(name: str, text: str) -> Query:
    """Read a query file's header; raise QueryError when it is incomplete."""
    header: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("//"):
            break
        header.append(stripped[2:].strip())
    if not header:
        raise QueryError(f"{name}: a query file starts with a // header")
    params: list[Parameter] = []
    examples: list[tuple[str, str]] = []
    columns: tuple[str, ...] | None = None
    for line in header[1:]:
        if line.startswith("param "):
            match = _PARAM.fullmatch(line)
            if not match or match.group(2) not in PARAM_TYPES:
                raise QueryError(
                    f"{name}: bad header line {line!r} (param NAME: {'|'.join(PARAM_TYPES)}[?] - text)"
                )
            pname, kind, optional, desc = match.groups()
            params.append(Parameter(pname, kind, optional is None, (desc or "").strip()))
        elif line.startswith("example "):
            match = _EXAMPLE.fullmatch(line)
            if not match:
                raise QueryError(f"{name}: bad header line {line!r} (example NAME: value)")
            examples.append((match.group(1), match.group(2).strip()))
        elif line.startswith("returns:"):
            columns = tuple(
                c.strip() for c in line.removeprefix("returns:").split(",") if c.strip()
            )
    if columns is None:
        raise QueryError(f"{name}: the header needs a `// returns: col, ...` line (may be empty)")
    used = set(re.findall(r"\$(\w+)", text))
    declared = {p.name for p in params}
    if used != declared:
        raise QueryError(
            f"{name}: parameters used {sorted(used)} differ from those declared {sorted(declared)}"
        )
    unknown = sorted({e for e, _ in examples} - declared)
    if unknown:
        raise QueryError(f"{name}: example for undeclared parameter(s) {unknown}")
    # The one audited cast: query text comes from the project's own files, never from a caller.
    text_ = cast(LiteralString, text)  # type: ignore[redundant-cast]
    return Query(name, header[0], tuple(params), columns, text_, tuple(examples))


def queries_dir() -> Path:
    """The queries/ folder shipped with the project."""
    return Path(str(resources.files("queries")))


class QueryLibrary:
    """Every .cypher file under a folder, by name."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root or queries_dir()
        self._queries: dict[str, Query] = {}
        for path in sorted(self.root.rglob("*.cypher")):
            name = path.relative_to(self.root).with_suffix("").as_posix()
            self._queries[name] = parse_query(name, path.read_text(encoding="utf-8"))

    def __getitem__(self, name: str) -> Query:
        try:
            return self._queries[name]
        except KeyError:
            raise QueryError(f"no canned query named {name!r}") from None

    def __contains__(self, name: object) -> bool:
        return name in self._queries

    def all(self) -> list[Query]:
        return list(self._queries.values())

    def public(self) -> list[Query]:
        return [q for q in self._queries.values() if q.public]

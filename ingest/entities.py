"""Entity declarations and name resolution: every name or alias leads to one canonical id."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ingest.problems import Problem
from ingest.yamlfile import line_of
from schema import Schema
from schema.records import EntityRecord
from schema.values import convert, partial_date

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*")


@dataclass
class Declared:
    """An entity and where it was declared."""

    record: EntityRecord
    file: Path
    line: int | None


def parse_entity(
    schema: Schema, raw: Any, file: Path, where: str, problems: list[Problem]
) -> EntityRecord | None:
    """Check one entity declaration (``id``, ``kind``, properties) against the schema."""
    line = line_of(raw)
    if not isinstance(raw, dict):
        problems.append(
            Problem(
                file,
                line,
                where,
                "expected a mapping with id, kind and name",
                "write the entity as `- id: ...`",
            )
        )
        return None
    kinds = [t.name for t in schema.concrete_node_types if t.name != "Source"]
    kind = raw.get("kind")
    entity_id = raw.get("id")
    ok = True
    if not isinstance(entity_id, str) or not ID_PATTERN.fullmatch(entity_id):
        problems.append(
            Problem(
                file,
                line_of(raw, "id") or line,
                f"{where}.id",
                f"id {entity_id!r} is not a slug",
                "use lower-case letters, digits and hyphens, e.g. `anthropic`",
            )
        )
        ok = False
    if kind not in kinds:
        problems.append(
            Problem(
                file,
                line_of(raw, "kind") or line,
                f"{where}.kind",
                f"unknown kind {kind!r}",
                f"use one of {', '.join(kinds)}",
            )
        )
        return None
    node_type = schema.node_types[kind]
    props: dict[str, Any] = {}
    for key, value in raw.items():
        if key in ("kind", "review"):
            continue
        field = f"{where}.{key}"
        key_line = line_of(raw, key) or line
        prop = node_type.properties.get(key)
        if prop is None:
            allowed = ", ".join(p for p in node_type.properties)
            problems.append(
                Problem(
                    file,
                    key_line,
                    field,
                    f"{kind} has no property {key!r}",
                    f"use one of {allowed}",
                )
            )
            ok = False
            continue
        if prop.kind == "date":
            value, precision = partial_date(value)
            if (
                precision
                and f"{key}_precision" in node_type.properties
                and f"{key}_precision" not in raw
            ):
                props[f"{key}_precision"] = precision
        why = prop.check(value)
        if why:
            problems.append(Problem(file, key_line, field, why, f"give {key} as {prop.kind}"))
            ok = False
            continue
        props[key] = convert(prop, value)
    for name, prop in node_type.properties.items():
        if prop.required and name not in raw:
            problems.append(
                Problem(
                    file,
                    line,
                    f"{where}.{name}",
                    f"{kind} requires {name!r}",
                    f"add `{name}:` to the entity",
                )
            )
            ok = False
    if not ok:
        return None
    return EntityRecord(kind=kind, id=str(entity_id), properties=props)


class Resolver:
    """Maps ids, names and aliases (case-insensitive) to entities."""

    def __init__(self) -> None:
        self.entities: dict[str, Declared] = {}
        self._keys: dict[str, str] = {}

    def add(self, declared: Declared, where: str, problems: list[Problem]) -> None:
        record = declared.record
        if record.id in self.entities:
            first = self.entities[record.id]
            if first.record != record:
                problems.append(
                    Problem(
                        declared.file,
                        declared.line,
                        where,
                        f"duplicate id {record.id!r} (first declared at {first.file}:{first.line})",
                        "give each entity its own id, or declare it once",
                    )
                )
            return
        self.entities[record.id] = declared
        names = [
            record.id,
            record.properties.get("name", ""),
            *record.properties.get("aliases", []),
        ]
        for name in names:
            key = str(name).casefold()
            if not key:
                continue
            other = self._keys.setdefault(key, record.id)
            if other != record.id:
                problems.append(
                    Problem(
                        declared.file,
                        declared.line,
                        where,
                        f"name {name!r} already names {other!r}",
                        "remove the alias from one of the two entities",
                    )
                )

    def copy(self) -> Resolver:
        """A resolver that knows the same names, to extend without changing this one."""
        other = Resolver()
        other.entities = dict(self.entities)
        other._keys = dict(self._keys)
        return other

    def resolve(self, name: Any) -> str | None:
        if not isinstance(name, str):
            return None
        return self._keys.get(name.strip().casefold())

    def suggest(self, name: str) -> str:
        close = difflib.get_close_matches(name.casefold(), list(self._keys), n=6, cutoff=0.6)
        ids = list(dict.fromkeys(self._keys[c] for c in close))[:3]
        if ids:
            return "did you mean " + ", ".join(repr(i) for i in ids) + "?"
        return "declare the entity in entities.yaml or in the claims file's `entities:`"

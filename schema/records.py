"""The records that flow from ingest to the store: entities and statements."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any


def _canonical(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in sorted(value.items())}
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    return value


def content_id(prefix: str, *parts: Any) -> str:
    """A stable id: ``prefix`` + the first 24 hex digits of the sha256 of the parts as JSON."""
    payload = json.dumps(_canonical(list(parts)), ensure_ascii=False, separators=(",", ":"))
    return f"{prefix}-{hashlib.sha256(payload.encode('utf-8')).hexdigest()[:24]}"


def at_precision(value: dt.date, precision: str | None) -> str:
    """A date as far as its precision goes: ``2026-02-24``, ``2026-02`` or ``2026``.

    An approximate date counts at its month."""
    if precision == "by":
        return f"by {value.isoformat()}"
    if precision == "year":
        return f"{value.year:04d}"
    if precision in ("month", "approximate"):
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def event_id(
    edge: str,
    from_id: str,
    to_id: str,
    facts: dict[str, Any],
    key: tuple[str, ...],
    explicit: str | None = None,
) -> str:
    """The id of the event a fact reports: from its explicit ``event:`` key when it has one,
    else from the edge type, its ends and the ``key`` properties (dates at their precision)."""
    if explicit is not None:
        return content_id("ev", "key", explicit)
    values: list[Any] = []
    for name in key:
        value = facts.get(name)
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            value = at_precision(value, facts.get(f"{name}_precision"))
        values.append(value)
    return content_id("ev", edge, from_id, to_id, *values)


@dataclass(frozen=True)
class EntityRecord:
    """A node: its most specific type, its id and its properties (``id`` included)."""

    kind: str
    id: str
    properties: dict[str, Any] = field(hash=False)


@dataclass(frozen=True)
class StatementRecord:
    """An edge: one fact from one source with one quote.

    ``facts`` are the edge's own properties (date, change, demand...); ``evidence`` holds the
    statement's provenance (source, quote, span, verification); ``event`` is the id of the
    real-world event it reports (see :func:`event_id`; ``explicit_event`` is the fact's own key). The id hashes the edge type, its ends, the
    facts, the event, the source and the quote, so the same statement always gets the same id.
    """

    edge: str
    source_id: str
    target_id: str
    facts: dict[str, Any] = field(hash=False)
    evidence: dict[str, Any] = field(hash=False)
    origin: str = field(default="", compare=False)
    where: str = field(default="", compare=False)  # the evidence item in its claims file
    explicit_event: str | None = None  # the fact's `event:` key, when it gives one

    @property
    def source(self) -> str:
        return str(self.evidence["source"])

    @cached_property
    def event(self) -> str:
        from schema.model import load_schema

        key = load_schema().edge_types[self.edge].event_key
        return event_id(
            self.edge, self.source_id, self.target_id, self.facts, key, self.explicit_event
        )

    @cached_property
    def id(self) -> str:
        return content_id(
            "st",
            self.edge,
            self.source_id,
            self.target_id,
            self.facts,
            self.evidence["source"],
            self.evidence["quote"],
            self.event,
        )

    def properties(self) -> dict[str, Any]:
        """Everything the edge stores: id, event, provenance and facts."""
        return {"id": self.id, "event": self.event, **self.evidence, **self.facts}


@dataclass
class Dataset:
    """Entities and statements ready to load, with the ids of the sources they come from."""

    entities: list[EntityRecord] = field(default_factory=list)
    statements: list[StatementRecord] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    def add_source(
        self, source_id: str, statements: list[StatementRecord], entity: EntityRecord
    ) -> None:
        """One source's statements and its node."""
        self.statements.extend(statements)
        self.sources.append(source_id)
        self.entities.append(entity)

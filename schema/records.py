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
    statement's provenance (source, quote, span, verification). The id hashes the edge type, its
    ends, the facts, the source and the quote, so the same statement always gets the same id.
    """

    edge: str
    source_id: str
    target_id: str
    facts: dict[str, Any] = field(hash=False)
    evidence: dict[str, Any] = field(hash=False)
    origin: str = field(default="", compare=False)

    @property
    def source(self) -> str:
        return str(self.evidence["source"])

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
        )

    def properties(self) -> dict[str, Any]:
        """Everything the edge stores: id, provenance and facts."""
        return {"id": self.id, **self.evidence, **self.facts}


@dataclass
class Dataset:
    """Entities and statements ready to load, with the ids of the sources they come from."""

    entities: list[EntityRecord] = field(default_factory=list)
    statements: list[StatementRecord] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

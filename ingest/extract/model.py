"""What an extractor produces: proposed entities and facts, each resting on a span of the text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Protocol

from schema.records import EntityRecord


@dataclass(frozen=True)
class SourceText:
    """The text to draft claims from, and what is known about it."""

    source_id: str
    text: str
    published: dt.date | None
    sha256: str | None = None  # set when the text is the archived one quotes are checked against


@dataclass
class Proposed:
    """An entity the registry does not know, proposed with a kind."""

    id: str
    kind: str
    name: str
    properties: dict[str, Any] = field(default_factory=dict)
    span: tuple[int, int] | None = None


@dataclass
class Finding:
    """One drafted fact: subject, edge type, object, properties, the spans it rests on."""

    edge: str
    from_id: str
    to_id: str
    spans: list[tuple[int, int]]
    confidence: float
    properties: dict[str, Any] = field(default_factory=dict)
    rules: list[str] = field(default_factory=list)

    @property
    def triple(self) -> tuple[str, str, str]:
        return (self.from_id, self.edge, self.to_id)


@dataclass
class Draft:
    """Everything drafted from one text."""

    source: SourceText
    facts: list[Finding] = field(default_factory=list)
    proposed: list[Proposed] = field(default_factory=list)

    def quote(self, span: tuple[int, int]) -> str:
        """The text at ``span``, line breaks and runs of spaces read as one space (as quotes are
        compared)."""
        return " ".join(self.source.text[span[0] : span[1]].split())


class Extractor(Protocol):
    """Drafts facts from a text, resolving names against the registry's entities."""

    def extract(self, source: SourceText, registry: list[EntityRecord]) -> Draft: ...

"""What a draft claims file would add to the graph if a reviewer accepted all it proposes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.corpus import CLAIMS_FILE, SOURCES_DIR, Corpus, declare_entities, parse_fact
from ingest.problems import IngestError, Problem
from ingest.review import state
from ingest.yamlfile import line_of, read_yaml
from schema import Schema, load_schema
from schema.records import Dataset


@dataclass
class FactChange:
    """One drafted fact and how it relates to what the graph holds."""

    edge: str
    from_id: str
    to_id: str
    properties: dict[str, Any]
    review: str
    confidence: float | None
    quotes: list[str]
    line: int | None
    held_by: list[str] = field(default_factory=list)  # sources that already state this triple
    differs: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # property: (draft, graph)

    @property
    def status(self) -> str:
        if self.review == "rejected":
            return "rejected"
        if not self.held_by:
            return "new"
        return "changed" if self.differs else "held"


@dataclass
class DraftDiff:
    """A draft compared with the graph: new entities, new facts, facts already held."""

    file: Path
    source_id: str
    entities: list[dict[str, Any]] = field(default_factory=list)
    facts: list[FactChange] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)

    def count(self, status: str) -> int:
        return sum(f.status == status for f in self.facts)

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": str(self.file),
            "source": self.source_id,
            "new_entities": self.entities,
            "facts": [
                {
                    "status": f.status,
                    "review": f.review,
                    "confidence": f.confidence,
                    "from": f.from_id,
                    "edge": f.edge,
                    "to": f.to_id,
                    "properties": {k: _plain(v) for k, v in f.properties.items()},
                    "quotes": f.quotes,
                    "line": f.line,
                    "held_by": f.held_by,
                    "differs": {k: [_plain(a), _plain(b)] for k, (a, b) in f.differs.items()},
                }
                for f in self.facts
            ],
        }

    def text(self) -> str:
        def name(entity_id: str) -> str:
            label = self.names.get(entity_id, entity_id)
            return label if label == entity_id else f"{label} ({entity_id})"

        lines = [
            f"draft {self.file} for source {self.source_id}: {len(self.facts)} fact(s); "
            f"{self.count('new')} new, {self.count('changed')} held with other values, "
            f"{self.count('held')} already held, {self.count('rejected')} rejected; "
            f"{len(self.entities)} new entit{'y' if len(self.entities) == 1 else 'ies'}"
        ]
        for entity in self.entities:
            lines.append(
                f"+ entity {entity['kind']} {entity['id']}: {entity['name']} [{entity['review']}]"
            )
        marks = {"new": "+", "changed": "~", "held": "=", "rejected": "x"}
        for status in ("new", "changed", "held", "rejected"):
            for f in (f for f in self.facts if f.status == status):
                conf = f" {f.confidence:.2f}" if f.confidence is not None else ""
                props = ", ".join(f"{k}: {_plain(v)}" for k, v in f.properties.items())
                lines.append(
                    f"{marks[status]} {name(f.from_id)} -[{f.edge}]-> {name(f.to_id)}"
                    f"  [{f.review}{conf}; line {f.line}]" + (f"\n    {props}" if props else "")
                )
                for quote in f.quotes:
                    lines.append(f'    "{quote}"')
                if f.held_by:
                    lines.append(f"    already stated by: {', '.join(f.held_by)}")
                for key, (mine, theirs) in f.differs.items():
                    lines.append(f"    {key}: draft {_plain(mine)} / graph {_plain(theirs)}")
        return "\n".join(lines) + "\n"


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def source_of(file: Path, data: Path) -> str | None:
    """The source id of a claims file inside the data folder's sources/."""
    try:
        rel = file.resolve().relative_to((data / SOURCES_DIR).resolve())
    except ValueError:
        return None
    return rel.parts[0] if len(rel.parts) == 2 and rel.name == CLAIMS_FILE else None


def diff_draft(
    file: Path,
    source_id: str,
    corpus: Corpus,
    dataset: Dataset,
    schema: Schema | None = None,
) -> DraftDiff:
    """Compare a draft with the graph built from ``corpus``/``dataset`` (the data folder)."""
    schema = schema or load_schema()
    doc = read_yaml(file)
    problems: list[Problem] = []
    if not isinstance(doc, dict) or not isinstance(doc.get("facts"), list):
        raise IngestError(
            [Problem(file, None, "facts", "expected a claims file with a `facts:` list", "")]
        )
    resolver = corpus.resolver.copy()
    drafted = [e for e in doc.get("entities") or [] if isinstance(e, dict)]
    fresh = [
        {k: v for k, v in e.items() if k != "review"} | {"review": state(e)}
        for e in drafted
        if state(e) != "rejected" and e.get("id") not in resolver.entities
    ]
    declare_entities(
        schema,
        resolver,
        [{k: v for k, v in e.items() if k != "review"} for e in fresh],
        file,
        "entities",
        problems,
    )
    names = {i: str(d.record.properties.get("name", i)) for i, d in resolver.entities.items()}
    held: dict[tuple[str, str, str], list[Any]] = {}
    for st in dataset.statements:
        held.setdefault((st.source_id, st.edge, st.target_id), []).append(st)
    out = DraftDiff(file, source_id, fresh, names=names)
    for number, fact in enumerate(doc["facts"]):
        where = f"facts[{number}]"
        line = line_of(fact) or line_of(doc["facts"], number)
        parsed = parse_fact(schema, resolver, fact, file, where, line, problems)
        if parsed is None:
            continue
        edge, a, b, props = parsed
        quotes = [
            str(e.get("quote"))
            for e in (fact.get("evidence") or [])
            if isinstance(e, dict) and e.get("quote")
        ]
        confidence = fact.get("confidence")
        change = FactChange(
            edge,
            a,
            b,
            props,
            state(fact),
            float(confidence) if isinstance(confidence, int | float) else None,
            quotes,
            line,
        )
        for st in held.get((a, edge, b), []):
            if st.source not in change.held_by:
                change.held_by.append(st.source)
            for key, value in props.items():
                theirs = st.facts.get(key)
                if theirs is not None and theirs != value and key not in change.differs:
                    change.differs[key] = (value, theirs)
        out.facts.append(change)
    if problems:
        raise IngestError(problems)
    return out

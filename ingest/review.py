"""Review state of drafted facts and entities: only accepted ones reach the graph.

A claims file item may carry ``review: proposed | accepted | rejected`` (and, when drafted,
``confidence``). An item without ``review`` was written by a curator and counts as accepted.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ingest.problems import Problem
from ingest.yamlfile import line_of

REVIEW = "review"
CONFIDENCE = "confidence"
STATES = ("proposed", "accepted", "rejected")
REVIEW_KEYS = (REVIEW, CONFIDENCE)


def state(item: Any) -> str:
    """The item's review state; hand-written items (no ``review``) are accepted."""
    if isinstance(item, dict):
        value = item.get(REVIEW, "accepted")
        return value if value in STATES else "accepted"
    return "accepted"


def accepted(item: Any) -> bool:
    return state(item) == "accepted"


def check(item: Any, file: Path, where: str, line: int | None, problems: list[Problem]) -> bool:
    """Whether ``review`` and ``confidence`` are well formed (problems say what to fix)."""
    if not isinstance(item, dict):
        return True
    ok = True
    if REVIEW in item and item[REVIEW] not in STATES:
        problems.append(
            Problem(
                file,
                line_of(item, REVIEW) or line,
                f"{where}.{REVIEW}",
                f"unknown review state {item[REVIEW]!r}",
                f"use one of {', '.join(STATES)} (no `review:` means accepted)",
            )
        )
        ok = False
    if CONFIDENCE in item:
        value = item[CONFIDENCE]
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            problems.append(
                Problem(
                    file,
                    line_of(item, CONFIDENCE) or line,
                    f"{where}.{CONFIDENCE}",
                    f"confidence {value!r} is not a number from 0 to 1",
                    "leave the drafted value, or delete the line",
                )
            )
            ok = False
    return ok


@dataclass(frozen=True)
class Pending:
    """How many drafted items of one claims file wait for review."""

    file: Path
    facts: int
    entities: int


def pending(claims: Any, file: Path) -> Pending | None:
    """Proposed items in one claims document (None when there are none)."""
    if not isinstance(claims, dict):
        return None
    facts = sum(state(f) == "proposed" for f in claims.get("facts") or [])
    entities = sum(state(e) == "proposed" for e in claims.get("entities") or [])
    return Pending(file, facts, entities) if facts or entities else None


@dataclass
class Marked:
    """What `review` changed in one claims file."""

    facts: dict[str, int]  # new state: how many facts now carry it
    entities: dict[str, int]


def parse_selection(spec: str, facts: int) -> tuple[set[int], set[str]]:
    """``all``, fact numbers and ranges (1-based: ``1,3-5``) and entity ids, comma-separated."""
    numbers: set[int] = set()
    ids: set[str] = set()
    for part in (p.strip() for p in spec.split(",") if p.strip()):
        if part == "all":
            numbers.update(range(1, facts + 1))
            ids.add("*")
        elif part.replace("-", "").isdigit() and not part.startswith("-"):
            low, _, high = part.partition("-")
            first, last = int(low), int(high or low)
            if not 1 <= first <= last <= facts:
                raise ValueError(f"no facts {part} (the file has {facts})")
            numbers.update(range(first, last + 1))
        else:
            ids.add(part)
    return numbers, ids


def mark(path: Path, accept: str = "", reject: str = "") -> Marked:
    """Set ``review`` on the chosen facts and entities of a claims file, keeping its comments."""
    from ingest.yamlfile import read_yaml, write_yaml

    doc = read_yaml(path, round_trip=True)
    facts = doc.get("facts") or [] if isinstance(doc, dict) else []
    entities = doc.get("entities") or [] if isinstance(doc, dict) else []
    known = {str(e.get("id")) for e in entities if isinstance(e, dict)}
    for spec, value in ((accept, "accepted"), (reject, "rejected")):
        numbers, ids = parse_selection(spec, len(facts))
        unknown = ids - known - {"*"}
        if unknown:
            raise ValueError(
                f"no entity {', '.join(sorted(unknown))} in the file's `entities:` "
                f"(give fact numbers, entity ids or all)"
            )
        for number in numbers:
            _set_review(facts[number - 1], value)
        for entity in entities:
            if isinstance(entity, dict) and ("*" in ids or str(entity.get("id")) in ids):
                _set_review(entity, value)
    write_yaml(path, doc)
    return Marked(_count(facts), _count(entities))


def _count(items: list[Any]) -> dict[str, int]:
    return {s: sum(state(i) == s for i in items) for s in STATES}


def _set_review(item: Any, value: str) -> None:
    """Set ``review`` where it stands, or add it before the evidence."""
    if REVIEW in item:
        item[REVIEW] = value
        return
    keys = list(item)
    at = keys.index("evidence") if "evidence" in keys else len(keys)
    item.insert(at, REVIEW, value)

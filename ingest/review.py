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

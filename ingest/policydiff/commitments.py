"""Which of the registry's commitments a passage states: compared by what they say (rapidfuzz),
among the commitments of the policy and of the organisation that publishes it."""

from __future__ import annotations

from rapidfuzz import fuzz

from ingest.policydiff.passages import Passage, normalise
from schema.records import EntityRecord

MATCH = 70.0  # token-set score (0-100) from which a passage is taken to state a commitment


def commitment_texts(registry: list[EntityRecord]) -> dict[str, str]:
    """Every commitment's id and what it says (name and text)."""
    return {
        r.id: normalise(f"{r.properties.get('name', '')}. {r.properties.get('text', '')}")
        for r in registry
        if r.kind == "Commitment"
    }


def match(
    passage: Passage, commitments: dict[str, str], among: set[str] | None = None
) -> tuple[str, float] | None:
    """The commitment ``passage`` states best, with its score, when it scores at least MATCH."""
    best: tuple[str, float] | None = None
    for cid, text in commitments.items():
        if among is not None and cid not in among:
            continue
        score = fuzz.token_set_ratio(passage.key, text)
        if score >= MATCH and (best is None or score > best[1]):
            best = (cid, score)
    return best

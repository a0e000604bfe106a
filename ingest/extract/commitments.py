"""Which known commitment a phrase describes: weighted word overlap with the registry's texts.

Commitments are rarely named the same way twice, so they are matched by what they say: the
content words of the phrase (crudely stemmed) against each registry commitment's name and text,
each word weighted by how rare it is among commitments.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from schema.records import EntityRecord

STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "nor",
        "but",
        "if",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "into",
        "onto",
        "over",
        "under",
        "about",
        "as",
        "its",
        "it",
        "their",
        "they",
        "them",
        "this",
        "that",
        "these",
        "those",
        "be",
        "is",
        "are",
        "was",
        "were",
        "been",
        "being",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "not",
        "no",
        "any",
        "all",
        "some",
        "more",
        "most",
        "less",
        "than",
        "then",
        "so",
        "such",
        "also",
        "only",
        "which",
        "who",
        "whom",
        "whose",
        "what",
        "when",
        "where",
        "while",
        "whether",
        "up",
        "out",
        "its",
        "own",
        "other",
        "others",
        "new",
        "previous",
        "company",
        "companies",
        "firm",
        "lab",
        "labs",
        "ai",
        "model",
        "models",
        "commitment",
        "commitments",
        "pledge",
        "pledges",
        "promise",
        "promises",
        "policy",
        "use",
        "used",
        "using",
        "certain",
        "under",
        "circumstance",
        "circumstances",
        "said",
        "says",
        "say",
    ]
)
_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def stem(word: str) -> str:
    """A crude English stem: enough to meet 'reports'/'report', 'publishing'/'publish'."""
    for suffix, keep in (
        ("ities", "ity"),
        ("ies", "y"),
        ("ings", ""),
        ("ing", ""),
        ("ied", "y"),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
        ("ly", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)] + keep
            break
    return word.rstrip("e") if len(word) > 4 else word


def words(text: str) -> list[str]:
    """Content-word stems of ``text``."""
    out = []
    for raw in _WORD.findall(text.lower().replace("’", "'")):
        for part in raw.split("-"):
            if len(part) > 2 and part not in STOP:
                out.append(stem(part))
    return out


@dataclass(frozen=True)
class Match:
    """The best registry commitment for a phrase, and how well it fits (0-1)."""

    entity_id: str
    score: float


class CommitmentIndex:
    """Registry commitments, ready to be matched against phrases."""

    def __init__(self, commitments: list[EntityRecord], org_names: dict[str, list[str]]):
        self._bags: dict[str, Counter[str]] = {}
        self._names: dict[str, set[str]] = {}
        self._mentions: dict[str, set[str]] = {}
        for record in commitments:
            props = record.properties
            self._names[record.id] = set(words(str(props.get("name", ""))))
            self._bags[record.id] = Counter(
                words(f"{props.get('name', '')} {props.get('text', '')}")
            )
            text = f" {props.get('name', '')} {props.get('text', '')} ".lower()
            self._mentions[record.id] = {
                org
                for org, names in org_names.items()
                if any(re.search(rf"\b{re.escape(n.lower())}\b", text) for n in names)
            }
        df: Counter[str] = Counter()
        for bag in self._bags.values():
            df.update(set(bag))
        total = max(len(self._bags), 1)
        self._idf = {w: math.log(1 + total / n) for w, n in df.items()}
        self._unseen = math.log(1 + total)

    def words_of(self, entity_id: str) -> set[str]:
        """The content-word stems of a registry commitment's name and text."""
        return set(self._bags.get(entity_id, {}))

    def weight(self, word: str) -> float:
        return self._idf.get(word, self._unseen)

    def best(self, phrase: str, owner: str | None = None) -> Match | None:
        """The commitment that ``phrase`` most likely describes (None when nothing fits)."""
        stems = set(words(phrase))
        if not stems:
            return None
        total = sum(self.weight(w) for w in stems)
        best: Match | None = None
        for entity_id, bag in self._bags.items():
            named = self._mentions[entity_id]
            if owner is not None and named and owner not in named:
                continue  # the commitment's own text names another organisation
            shared = stems & set(bag)
            if len(shared) < 2:
                continue
            gained = sum(self.weight(w) for w in shared)
            bag_total = sum(self.weight(w) for w in set(bag))
            # How much of the phrase the commitment explains, and of the commitment the phrase says.
            recall = gained / total
            precision = gained / bag_total
            # F2: what the phrase says counts twice as much as what the registry text adds.
            score = 5 * recall * precision / (4 * precision + recall)
            score += (
                0.1 * len(shared & self._names[entity_id]) / max(len(self._names[entity_id]), 1)
            )
            if owner is not None and owner in named:
                score += 0.05
            if best is None or score > best.score:
                best = Match(entity_id, min(score, 1.0))
        return best

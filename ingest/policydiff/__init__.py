"""Two versions of one policy, aligned passage by passage, each change classified by named rules,
and drafted as facts for review (`pledgegraph policy-diff`)."""

from __future__ import annotations

from dataclasses import dataclass

from ingest.policydiff.align import Change, align
from ingest.policydiff.passages import Passage, split_passages
from ingest.policydiff.rules import Classified, classify

DIFFERENT_POLICIES = 0.35  # below this share of aligned passages, the versions read as two policies


@dataclass
class PolicyDiff:
    old_text: str
    new_text: str
    old: list[Passage]
    new: list[Passage]
    changes: list[Classified]

    @property
    def similarity(self) -> float:
        """Share of passages (of both versions) that are unchanged, moved or edited (0-1)."""
        total = len(self.old) + len(self.new)
        if total == 0:
            return 1.0
        paired = sum(
            2 for c in self.changes if c.change.old is not None and c.change.new is not None
        )
        return paired / total

    @property
    def changed(self) -> list[Classified]:
        return [c for c in self.changes if c.change.kind != "unchanged"]

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for c in self.changes:
            out[c.change.kind] = out.get(c.change.kind, 0) + 1
        return out


def diff_texts(old_text: str, new_text: str) -> PolicyDiff:
    """Align two versions' passages and classify every change."""
    old, new = split_passages(old_text), split_passages(new_text)
    changes: list[Change] = align(old, new)
    return PolicyDiff(old_text, new_text, old, new, [classify(c) for c in changes])

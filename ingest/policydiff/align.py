"""Two versions' passages aligned: unchanged, moved, edited, removed and added.

Identical passages in the same order are found with difflib's sequence matcher; an identical
passage elsewhere is moved; what is left is paired by similarity (rapidfuzz) into edits, best pairs
first, and the rest is removed or added.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher

from rapidfuzz import fuzz

from ingest.policydiff.passages import Passage

_NUMBERED = re.compile(r"^(?:section\s+)?(\d+(?:\.\d+)*)\.?\s", re.I)
EDIT_SIMILARITY = (
    55.0  # rapidfuzz score (0-100) above which a removed and an added passage are one edit
)


@dataclass(frozen=True)
class Change:
    kind: str  # unchanged, moved, edited, removed, added
    old: Passage | None
    new: Passage | None
    similarity: float  # 0-100: 100 for unchanged and moved

    @property
    def position(self) -> tuple[int, int]:
        """Where the change reads in a side-by-side view: by the new version, removals in place."""
        if self.new is not None:
            return (self.new.index, 1)
        assert self.old is not None
        return (self.old.index, 0)


def similarity(a: str, b: str) -> float:
    """How alike two passages read (0-100): word order and small edits both count."""
    return max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b) - 5)


def align(old: list[Passage], new: list[Passage]) -> list[Change]:
    """Every passage of both versions in exactly one change, in reading order of the new version
    (a removed passage stands after the passage that preceded it in the old one)."""
    matcher = SequenceMatcher(None, [p.key for p in old], [p.key for p in new], autojunk=False)
    changes: list[Change] = []
    left_old: list[Passage] = []
    left_new: list[Passage] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            changes += [
                Change("unchanged", old[i], new[j], 100.0)
                for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
            ]
        else:
            left_old += old[i1:i2]
            left_new += new[j1:j2]
    # Moved: the same words elsewhere.
    by_key: dict[str, list[Passage]] = {}
    for p in left_new:
        by_key.setdefault(p.key, []).append(p)
    still_old: list[Passage] = []
    taken: set[int] = set()
    for p in left_old:
        twins = [q for q in by_key.get(p.key, []) if q.index not in taken]
        if twins:
            taken.add(twins[0].index)
            changes.append(Change("moved", p, twins[0], 100.0))
        else:
            still_old.append(p)
    still_new = [p for p in left_new if p.index not in taken]
    # Edits: the most similar pairs first; a heading pairs only with a heading.
    pairs = sorted(
        (
            (similarity(a.key, b.key), -abs(a.index - b.index), a.index, b.index)
            for a in still_old
            for b in still_new
            if a.kind == b.kind
        ),
        reverse=True,
    )
    used_old: set[int] = set()
    used_new: set[int] = set()
    olds = {p.index: p for p in still_old}
    news = {p.index: p for p in still_new}
    for score, _, i, j in pairs:
        if score < EDIT_SIMILARITY:
            break
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        changes.append(Change("edited", olds[i], news[j], score))
    # A renamed section: a heading removed and one added under the same section number.
    for a in still_old:
        if a.index in used_old or a.kind != "heading" or not _number(a.text):
            continue
        for b in still_new:
            if (
                b.index not in used_new
                and b.kind == "heading"
                and _number(b.text) == _number(a.text)
            ):
                used_old.add(a.index)
                used_new.add(b.index)
                changes.append(Change("edited", a, b, similarity(a.key, b.key)))
                break
    changes += [Change("removed", p, None, 0.0) for p in still_old if p.index not in used_old]
    changes += [Change("added", None, p, 0.0) for p in still_new if p.index not in used_new]
    return sorted(changes, key=_reading_order(changes))


def _reading_order(changes: list[Change]) -> Callable[[Change], tuple[float, int]]:
    """Sort key: new-version order; a removed passage goes after the new passage that its old
    predecessor became (or at the start)."""
    new_of_old = {
        c.old.index: c.new.index for c in changes if c.old is not None and c.new is not None
    }

    def key(change: Change) -> tuple[float, int]:
        if change.new is not None:
            return (float(change.new.index), 0)
        assert change.old is not None
        before = [new_of_old[i] for i in new_of_old if i < change.old.index]
        anchor = max(before) if before else -1
        return (anchor + 0.5, change.old.index)

    return key


def _number(text: str) -> str:
    found = _NUMBERED.match(text)
    return found.group(1) if found else ""


def overall_similarity(old: list[Passage], new: list[Passage]) -> float:
    """How much of the two versions is shared (0-1): matched passages over all passages."""
    if not old and not new:
        return 1.0
    matcher = SequenceMatcher(None, [p.key for p in old], [p.key for p in new], autojunk=False)
    return matcher.ratio()

"""Score drafts against curated claims: entities, facts per edge type, dates and roles.

A fact is its (subject, edge type, object) triple; a drafted fact is right when the curated
claims of the same source hold the same triple. Entities are the ends of the facts. Dates and
roles are scored on the facts both sides share: a drafted date (or deadline) is right when it
equals the curated one, a role when it reads the same (case, hyphens and "&" aside).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from schema.records import StatementRecord

DATE_KEYS = ("date", "deadline", "start", "end")
Triple = tuple[str, str, str]


@dataclass
class Tally:
    """True positives, drafted and curated counts, and the measures made of them."""

    tp: int = 0
    drafted: int = 0
    curated: int = 0

    def add(self, other: Tally) -> None:
        self.tp += other.tp
        self.drafted += other.drafted
        self.curated += other.curated

    @property
    def precision(self) -> float | None:
        return self.tp / self.drafted if self.drafted else None

    @property
    def recall(self) -> float | None:
        return self.tp / self.curated if self.curated else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None or p + r == 0:
            return None if p is None or r is None else 0.0
        return 2 * p * r / (p + r)


@dataclass
class Score:
    """One source's (or a set of sources') scores."""

    facts: dict[str, Tally] = field(default_factory=dict)  # per edge type
    entities: Tally = field(default_factory=Tally)
    dates: Tally = field(default_factory=Tally)
    roles: Tally = field(default_factory=Tally)
    missed: list[Triple] = field(default_factory=list)
    extra: list[Triple] = field(default_factory=list)

    @property
    def all_facts(self) -> Tally:
        total = Tally()
        for tally in self.facts.values():
            total.add(tally)
        return total

    def add(self, other: Score) -> None:
        for edge, tally in other.facts.items():
            self.facts.setdefault(edge, Tally()).add(tally)
        self.entities.add(other.entities)
        self.dates.add(other.dates)
        self.roles.add(other.roles)
        self.missed += other.missed
        self.extra += other.extra


def curated_facts(statements: Iterable[StatementRecord]) -> dict[Triple, dict[str, Any]]:
    """Curated statements as triples with their fact properties (one entry per triple)."""
    out: dict[Triple, dict[str, Any]] = {}
    for st in statements:
        out.setdefault((st.source_id, st.edge, st.target_id), dict(st.facts))
    return out


def _day(value: Any) -> Any:
    return value.date() if isinstance(value, dt.datetime) and value.time() == dt.time() else value


def _role(value: Any) -> str:
    text = str(value).casefold().replace("&", "and").replace("co-", "co")
    return re.sub(r"[\s-]+", " ", text).strip()


def score(drafted: dict[Triple, dict[str, Any]], curated: dict[Triple, dict[str, Any]]) -> Score:
    """Compare drafted with curated facts (both keyed by triple)."""
    result = Score()
    for edge in {t[1] for t in drafted} | {t[1] for t in curated}:
        mine = {t for t in drafted if t[1] == edge}
        theirs = {t for t in curated if t[1] == edge}
        result.facts[edge] = Tally(len(mine & theirs), len(mine), len(theirs))
    result.missed = sorted(set(curated) - set(drafted))
    result.extra = sorted(set(drafted) - set(curated))
    mine_e = {e for t in drafted for e in (t[0], t[2])}
    theirs_e = {e for t in curated for e in (t[0], t[2])}
    result.entities = Tally(len(mine_e & theirs_e), len(mine_e), len(theirs_e))
    for triple in set(drafted) & set(curated):
        a, b = drafted[triple], curated[triple]
        for key in DATE_KEYS:
            got, want = _day(a.get(key)), _day(b.get(key))
            result.dates.drafted += got is not None
            result.dates.curated += want is not None
            result.dates.tp += got is not None and got == want
        if triple[1] == "HOLDS_ROLE":
            result.roles.drafted += "role" in a
            result.roles.curated += "role" in b
            result.roles.tp += "role" in a and "role" in b and _role(a["role"]) == _role(b["role"])
    return result

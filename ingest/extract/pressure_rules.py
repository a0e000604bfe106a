"""Rules for pressure: who pressed whom, with what demand, deadline and threat."""

from __future__ import annotations

import re
from typing import Any

from ingest.extract.reading import (
    ACTOR_KINDS,
    MAKER_KINDS,
    ORG_KINDS,
    Reading,
    Sentence,
    precision_of,
    sentence_case,
)


class PressureRules(Reading):
    """Rules for pressure: who pressed whom, with what demand, deadline and threat."""

    def pressure(self, s: Sentence) -> None:
        actions = [
            ("DEADLINE", "demand"),
            ("DEMAND", "demand"),
            ("INVESTIGATION", "investigation"),
            ("LAWSUIT", "lawsuit"),
            ("LETTER", "letter"),
            ("BAN", "ban"),
        ]
        done: set[tuple[str, str]] = set()
        for label, action in actions:
            for lo, hi in s.cues.get(label, []):
                cue = self.text[lo:hi].lower()
                if label == "DEMAND" and cue.startswith("order"):
                    action = "order"
                # The subject (the first person or organisation named before the cue) presses
                # the next organisation named after it.
                actors = [m for m in s.of(*ACTOR_KINDS) if m.end <= lo]
                if not actors:
                    continue
                presser = actors[0]
                limit = self._clause_end(s, hi) + 1
                targets = [
                    m
                    for m in s.of(*ORG_KINDS)
                    if m.start >= presser.end
                    and m.start < limit
                    and m.entity_id != presser.entity_id
                ]
                if not targets:
                    continue
                target = next((t for t in targets if t.kind in MAKER_KINDS), targets[0])
                if label == "DEMAND" and not (0 <= target.start - hi <= 4):
                    continue
                if (
                    presser.entity_id == target.entity_id
                    or (presser.entity_id, target.entity_id) in done
                ):
                    continue
                if (
                    presser.kind not in ("Person", "GovernmentBody", "Organisation")
                    and label != "LAWSUIT"
                ):
                    continue
                done.add((presser.entity_id, target.entity_id))
                props: dict[str, Any] = {"action": action}
                rest = self.text[hi : s.end]
                demand = re.search(
                    r"\bto\s+((?:remove|lift|drop|stop|end|change|give|grant|allow|provide|comply|agree|accept|hand|share|halt|pause|fix|explain|answer|reverse|abandon|restore|disclose|publish|keep|take|[a-z]+)\b[^.;]*?)(?=\s+[–—-]\s+or\b|\s+or\s+(?:risk|face)\b|[.;]|$)",
                    rest,
                )
                if demand and label in ("DEADLINE", "DEMAND"):
                    props["demand"] = sentence_case(demand.group(1).strip(" ,–—"))
                threat = re.search(r"\bor\s+(?:risk|face)\s+(.+?)[.;]?$", rest)
                if threat:
                    props["threat"] = sentence_case(threat.group(1).strip(' ,.”"'))
                if label == "DEADLINE":
                    when = self.date_in(s, future=True, after=hi - 20)
                    if when is not None:
                        props["deadline"] = when.value
                said = self.date_in(s) if label != "DEADLINE" else None
                told = self.date_from_next(s, presser.entity_id) if label != "DEADLINE" else {}
                if said is not None:
                    props.update(date=said.value, date_precision=precision_of(said))
                elif told:
                    props.update(told)
                elif self.source.published:
                    props.update(date=self.base, date_precision="approximate")
                self.add(
                    "PRESSURED",
                    presser.entity_id,
                    target.entity_id,
                    self.quote(s, presser.start, hi),
                    0.85,
                    f"pressure-{label.lower()}",
                    **props,
                )

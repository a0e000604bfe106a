"""Rules for AI models: who develops them and who authorised their use."""

from __future__ import annotations

import re

from ingest.extract.reading import (
    MAKER_KINDS,
    Reading,
    Sentence,
)


class ModelRules(Reading):
    """Rules for AI models: who develops them and who authorised their use."""

    def models(self, s: Sentence) -> None:
        for m in s.of("AIModel"):
            lead = self.text[max(s.start, m.start - 60) : m.start]
            possessive = re.search(r"['’]s\s+(?:[a-z][\w-]*\s+){0,4}$", lead)
            owner = [
                o
                for o in s.of(*MAKER_KINDS)
                if possessive and o.end == m.start - len(lead) + possessive.start()
            ]
            if owner:
                self.add(
                    "DEVELOPS",
                    owner[-1].entity_id,
                    m.entity_id,
                    self.quote(s, owner[-1].start, m.end),
                    0.85,
                    "possessive-model",
                )
                continue
            builds = re.search(
                r"\b(?:develops|developed|makes|builds|creates|trains|trained|behind)\s+(?:the\s+)?$",
                lead,
            )
            its = re.search(r"\b(?:its|their)\s+$", lead, re.I)
            if builds or its:
                named = [o for o in s.of(*MAKER_KINDS) if o.end <= m.start]
                if named:
                    lo = named[-1].start
                    self.add(
                        "DEVELOPS",
                        named[-1].entity_id,
                        m.entity_id,
                        self.quote(s, lo, m.end),
                        0.85 if builds else 0.75,
                        "develops-model" if builds else "its-model",
                    )
                    continue
            maker = re.search(r"\bmakers?\s+of\b[^.,;]{0,60}$", lead, re.I)
            if maker:
                named = [o for o in s.of(*MAKER_KINDS) if o.end <= m.start]
                who = named[-1].entity_id if named else self.topic
                if who:
                    lo = s.start + (len(self.text[s.start : m.start]) - len(lead)) + maker.start()
                    self.add(
                        "DEVELOPS",
                        who,
                        m.entity_id,
                        (max(s.start, lo), m.end),
                        0.85 if named else 0.75,
                        "maker-of",
                    )
            if s.has("AUTHORIZE"):
                bodies = s.of("GovernmentBody")
                if bodies:
                    self.add(
                        "AUTHORIZED",
                        bodies[0].entity_id,
                        m.entity_id,
                        self.quote(s, m.start, bodies[0].end),
                        0.8,
                        "authorized",
                    )

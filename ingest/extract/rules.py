"""The offline extractor: rules over spaCy's tokens, registry entities and cue matches.

Each rule reads one sentence the way news reports a kind of fact (a pledge given or given up,
pressure with a demand and a deadline, a person's role, criticism, a policy's publication...) and
proposes facts with the sentence as their quote. A confidence says how much of the fact the
sentence states outright (lower when a subject is found through "it" or "the company", or when
a commitment is only loosely matched).
"""

from __future__ import annotations

from ingest.extract.model import Draft, Finding, SourceText
from ingest.extract.model_rules import ModelRules
from ingest.extract.people_rules import PeopleRules
from ingest.extract.pledge_rules import PledgeRules
from ingest.extract.policy_rules import PolicyRules
from ingest.extract.pressure_rules import PressureRules
from ingest.extract.reading import prepared
from schema.records import EntityRecord

__all__ = ["RuleExtractor", "prepared"]


class RuleExtractor:
    """The default extractor: spaCy rule machinery and dateparser; no language model."""

    name = "rules"

    def __init__(self, min_confidence: float = 0.5) -> None:
        self.min_confidence = min_confidence

    def extract(self, source: SourceText, registry: list[EntityRecord]) -> Draft:
        run = _Run(source, registry)
        run.apply()
        draft = Draft(source)
        draft.proposed = list(run.proposed.values())
        used: set[str] = set()
        for finding in run.merged():
            if finding.confidence >= self.min_confidence:
                draft.facts.append(finding)
                used.update((finding.from_id, finding.to_id))
        draft.proposed = [p for p in draft.proposed if p.id in used]
        return draft


class _Run(PledgeRules, PeopleRules, PolicyRules, PressureRules, ModelRules):
    """One extraction: every rule over every sentence, then one finding per fact."""

    def apply(self) -> None:
        for s in self.sentences:
            self.publications(s)
        for s in self.sentences:
            self.roles(s)
            self.founders(s)
            self.whose_roles(s)
        for s in self.sentences:
            self.drops(s)
            self.pledges(s)
            self.made_by_reference(s)
            self.restrictions(s)
            self.breaches(s)
            self.replacements(s)
            self.units(s)
            self.pressure(s)
            self.models(s)
            self.signatures(s)
            self.ratings(s)
        for s in self.sentences:
            self.criticism(s)
            self.policy_statements(s)
        self.policy_contents()
        self.supersessions()

    def merged(self) -> list[Finding]:
        """One finding per (subject, edge, object), with every quote that supports it."""
        out: dict[tuple[str, str, str], Finding] = {}
        for f in self.findings:
            key = f.triple
            if key not in out:
                out[key] = Finding(
                    f.edge,
                    f.from_id,
                    f.to_id,
                    list(f.spans),
                    f.confidence,
                    dict(f.properties),
                    list(f.rules),
                )
                continue
            have = out[key]
            for span in f.spans:
                if not any(a <= span[0] and span[1] <= b for a, b in have.spans):
                    have.spans = [
                        x for x in have.spans if not (span[0] <= x[0] and x[1] <= span[1])
                    ]
                    have.spans.append(span)
            have.confidence = max(have.confidence, f.confidence)
            have.rules += [r for r in f.rules if r not in have.rules]
            if f.properties.get("_past"):
                have.properties["_past"] = True
            if f.properties.get("_stated"):  # "made the promise in 2018": that date wins
                for k in ("date", "date_precision", "_stated"):
                    have.properties.pop(k, None)
            for k, v in f.properties.items():
                have.properties.setdefault(k, v)
        for f in out.values():
            stated = f.properties.pop("_stated", False)
            if f.properties.pop("_past", False) and f.edge == "MADE" and not stated:
                f.properties.pop("date", None)
                f.properties.pop("date_precision", None)
            f.properties.pop("_change", None)
            if f.properties.get("date_precision") == "day":
                f.properties.pop("date_precision")
            f.spans.sort()
        return sorted(out.values(), key=lambda f: (f.spans[0], f.edge))

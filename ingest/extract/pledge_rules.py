"""Rules for pledges: given, given up, broken, kept, replaced."""

from __future__ import annotations

import re
from typing import Any

from ingest.extract import dates
from ingest.extract.reading import (
    BULLET,
    MAKER_KINDS,
    Reading,
    Sentence,
    cue_near,
    first_clause,
    precision_of,
)

PARTLY = re.compile(r"\b(?:partly|partially|in part|some of|part of)\b", re.I)


class PledgeRules(Reading):
    """Rules for pledges: given, given up, broken, kept, replaced."""

    def drops(self, s: Sentence) -> None:
        for lo, hi in s.cues.get("DROP", []):
            lead = self.text[max(s.start, lo - 12) : lo].lower()
            if re.search(r"\b(not|n't|never|denied|deny|to)\s*$", lead):
                continue  # denied, or demanded ("a deadline to remove ...") rather than done
            gone = "gone" in self.text[lo:hi].lower()
            phrase = self.text[s.start : lo] if gone else self.text[hi : s.end]
            if not gone:
                phrase = first_clause(phrase)
            if gone:
                named = [m for m in s.of(*MAKER_KINDS) if m.start < lo]
                who = (named[-1].entity_id, 0.9) if named else self.actor(s, lo)
            else:
                who = self.actor(s, lo)
            if who is None:
                continue
            target = self.commitment_here(phrase, who[0])
            if target is None:
                continue
            self.part_of_policy(s, lo, target[0])
            props = self.event_date(s) or self.date_from_next(s, who[0])
            self.add(
                "DROPPED",
                who[0],
                target[0],
                self.quote(s, lo, hi),
                0.92 * who[1] * target[1],
                "drop",
                **props,
            )
            self.add(
                "MADE",
                who[0],
                target[0],
                self.quote(s, lo, hi),
                0.85 * who[1] * target[1],
                "drop-implies-made",
                _past=True,
            )

    def pledges(self, s: Sentence) -> None:
        spans = list(s.cues.get("COMMIT", []))
        bullet = BULLET.match(s.text) is not None and self._under_commitments(s)
        if bullet:
            spans.append((s.start, s.start))
        for lo, hi in spans:
            cue = self.text[lo:hi].lower()
            weak = cue.startswith(("plan", "intend"))
            phrase = (
                first_clause(self.text[hi : s.end])
                if hi > lo
                else first_clause(re.sub(r"^[^:]{0,40}:\s*", "", BULLET.sub("", s.text)))
            )
            who = self.actor(s, lo) if hi > lo else None
            if (
                who is None
                and hi > lo
                and self.published_version
                and re.search(r"\b(policy|framework)\b", s.text, re.I)
            ):
                who = self._publisher()
            if who is None and bullet:
                who = self._intro_actor(s)
            if who is None:
                continue
            past = (
                s.has("DROP")
                or cue_near(s, "PAST", lo, before=40)
                or bool(re.search(r"\bhad\b", self.text[max(s.start, lo - 20) : lo]))
            )
            found = self.commitment(phrase, who[0])
            confidence = 0.9 if not weak else 0.7
            if found is None:
                if weak or bullet:
                    continue
                new = self.propose_commitment(self.text[hi : s.end], who[0], s)
                if new is None:
                    continue
                found = (new, 0.6)
            self.part_of_policy(s, hi, found[0])
            binding = None
            if past and cue_near(s, "BINDING", lo, before=30):
                binding = "binding"
            elif not past and self.nonbinding:
                binding = "non_binding"
            props: dict[str, Any] = {"binding": binding}
            if not past:
                props.update(self.event_date(s, in_policy=True))
            finding = self.add(
                "MADE",
                who[0],
                found[0],
                self.quote(s, lo, hi),
                confidence * who[1] * found[1],
                "bullet-commitment" if hi == lo else "pledge",
                _past=past,
                **props,
            )
            if not past and (s.has("NEWPOLICY") and s.has("INCLUDES")) and self.published_version:
                self.add(
                    "PART_OF",
                    found[0],
                    self.published_version[0],
                    self.quote(s, lo, hi),
                    0.8 * found[1],
                    "in-new-policy",
                )
            if s.has("WEAKER") or s.has("STRONGER"):
                finding.properties["_change"] = "weakened" if s.has("WEAKER") else "strengthened"

    def _deadline_of(self, commitment: str) -> dict[str, Any]:
        """The date a pledge was due by ("promised to release it by May 10")."""
        for f in self.findings:
            if f.edge != "MADE" or f.to_id != commitment:
                continue
            for start, end in f.spans:
                due = re.search(
                    r"\bby\s+((?:[A-Z][a-z]+\s+\d{1,2}(?:,\s*\d{4})?)|(?:\d{1,2}\s+[A-Z][a-z]+(?:\s+\d{4})?))",
                    self.text[start:end],
                )
                if due:
                    found = dates.resolve(due.group(1), self.base, future=False)
                    if found is not None:
                        return {"date": found.value, "date_precision": precision_of(found)}
        return {}

    def made_by_reference(self, s: Sentence) -> None:
        """ "Google first made the promise in 2018": when a pledge the text spoke of was made."""
        for made in re.finditer(
            r"\b(?:made|gave|took)\s+(?:the|that|this|its|their|a)\s+(?:same\s+)?"
            r"(?:promise|pledge|commitment)\b",
            s.text,
            re.I,
        ):
            lo = s.start + made.start()
            who = self.actor(s, lo)
            if who is None:
                continue
            found = self._last_commitment(who[0])
            when = self.event_date(s)
            if found is None or not when:
                continue
            self.add(
                "MADE",
                who[0],
                found[0],
                self.quote(s, lo, s.start + made.end()),
                0.8 * who[1],
                "made-by-reference",
                _stated=True,
                **when,
            )

    def _under_commitments(self, s: Sentence) -> bool:
        at = s.index
        for earlier in reversed(self.sentences[max(0, at - 6) : at]):
            if BULLET.match(earlier.text):
                continue
            return bool(re.search(r"commit|pledge|promise", earlier.text, re.I)) or any(
                re.search(r"commit|pledge|promise", e.text, re.I) and e.text.rstrip().endswith("?")
                for e in self.sentences[max(0, at - 6) : at]
            )
        return False

    def _intro_actor(self, s: Sentence) -> tuple[str, float] | None:
        at = s.index
        for earlier in reversed(self.sentences[max(0, at - 8) : at]):
            named = earlier.of(*MAKER_KINDS)
            if named and not BULLET.match(earlier.text):
                return named[-1].entity_id, 0.85
        return None

    def restrictions(self, s: Sentence) -> None:
        for lo, hi in s.cues.get("RESTRICT", []):
            phrase = first_clause(self.text[hi : s.end])
            owners = [m for m in s.of(*MAKER_KINDS)]
            if not owners:
                found = self.antecedent(s)
                who = (found, 0.8) if found else None
            else:
                near = min(owners, key=lambda m: abs(m.start - lo))
                who = (near.entity_id, 0.9)
            if who is None:
                continue
            parts = [
                p for p in re.split(r",\s*(?:and\s+)?|\s+and\s+|\s+or\s+", phrase) if p.strip()
            ]
            for part in parts[:4]:
                found_c = self.commitment(part, who[0])
                if found_c is None:
                    continue
                self.add(
                    "MADE",
                    who[0],
                    found_c[0],
                    self.quote(s, lo, hi),
                    0.85 * who[1] * found_c[1],
                    "usage-restriction",
                    _past=True,
                )

    def breaches(self, s: Sentence) -> None:
        for lo, hi in s.cues.get("BREACH", []):
            cue = self.text[lo:hi].lower()
            later = bool(
                re.match(
                    r"(?:that|the|this) (?:date|deadline)|released|launched|shipped|deployed", cue
                )
            )
            who = self.actor(s, lo)
            if who is None and later:
                found_lab = self.antecedent(s)
                who = (found_lab, 0.8) if found_lab else None
            if who is None:
                continue
            pointer = re.search(
                r"\b(?:that|this|the|its|their)\s+(?:pledge|commitment|promise|deadline|threshold)\b",
                cue,
            )
            if later or pointer:
                found = self._last_commitment(who[0])
            else:
                found = self.commitment_here(first_clause(self.text[hi : s.end]), who[0])
            if found is None:
                continue
            when = self.event_date(s)
            if re.match(r"(?:that|the|this) (?:date|deadline)", cue):
                when = self._deadline_of(found[0]) or when  # missed on the day it was due
            self.add(
                "BREACHED",
                who[0],
                found[0],
                self.quote(s, lo, hi),
                0.85 * who[1] * found[1],
                "breach",
                **when,
            )
        if s.has("BREACH"):
            return
        for lo, hi in s.cues.get("FULFIL", []):
            if re.search(
                r"\b(not|n't|never|failed to)\s*$", self.text[max(s.start, lo - 12) : lo].lower()
            ):
                continue
            who = self.actor(s, lo)
            if who is None:
                continue
            found = self.commitment(first_clause(self.text[hi : s.end]), who[0])
            if found is None:
                continue
            self.add(
                "FULFILLED",
                who[0],
                found[0],
                self.quote(s, lo, hi),
                0.8 * who[1] * found[1],
                "fulfil",
                extent="partial" if PARTLY.search(s.text) else "full",
                **self.event_date(s),
            )

    def replacements(self, s: Sentence) -> None:
        """ "replaced its pledge to A with a promise to B", "A was replaced by B", "B replaces A"."""
        for lo, hi in s.cues.get("REPLACE", []):
            who = self.actor(s, lo)
            if who is None:
                continue
            after = self.text[hi : s.end]
            with_ = re.search(r"\bwith\b", after)
            by = re.match(r"\s*by\b", after)
            if by:
                old_phrase, new_phrase = self.text[s.start : lo], first_clause(after[by.end() :])
            elif with_:
                old_phrase, new_phrase = after[: with_.start()], first_clause(after[with_.end() :])
            elif self.text[lo:hi].lower().endswith("s"):  # "B replaces A"
                old_phrase, new_phrase = first_clause(after), self.text[s.start : lo]
            else:
                continue
            old = self.commitment(old_phrase, who[0])
            new = self.commitment(new_phrase, who[0])
            if old is None or new is None or old[0] == new[0]:
                continue
            change = (
                "weakened"
                if s.has("WEAKER")
                else "strengthened"
                if s.has("STRONGER")
                else "replaced"
            )
            confidence = 0.85 * who[1] * min(old[1], new[1])
            span = self.quote(s, lo, hi)
            self.add(
                "SUPERSEDED_BY",
                old[0],
                new[0],
                span,
                confidence,
                "replaced",
                change=change,
                **self.event_date(s),
            )
            self.add("MADE", who[0], old[0], span, confidence, "replaced", _past=True)
            self.add(
                "MADE", who[0], new[0], span, confidence, "replaced", **self.event_date(s, True)
            )

    def supersessions(self) -> None:
        """A dropped pledge and a new, weaker (or stronger) one on the same subject, by one lab."""
        dropped = [f for f in self.findings if f.edge == "DROPPED"]
        made = [
            f
            for f in self.findings
            if f.edge == "MADE" and "_change" in f.properties and not f.properties.get("_past")
        ]
        for d in dropped:
            old = self.index.words_of(d.to_id)
            for m in made:
                if m.from_id != d.from_id or m.to_id == d.to_id:
                    continue
                new = self.index.words_of(m.to_id)
                if not old & new:
                    continue
                # The change is the source's word (it calls the new rule weaker, narrower...).
                props = {
                    "change": m.properties["_change"],
                    "judged_by": "source",
                    "basis": "The source's own wording of the new commitment (drafted; check it on review).",
                }
                if "date" in d.properties:
                    props["date"] = d.properties["date"]
                self.add(
                    "SUPERSEDED_BY",
                    d.to_id,
                    m.to_id,
                    m.spans[0],
                    min(d.confidence, m.confidence),
                    "weaker-replacement",
                    **props,
                )

    def part_of_policy(self, s: Sentence, lo: int, commitment_id: str) -> None:
        """ "... from its AI principles": the commitment belongs to the named policy."""
        for m in s.of("Policy"):
            if m.start < lo:
                continue
            lead = self.text[max(s.start, m.start - 16) : m.start].lower()
            if re.search(r"\b(?:from|in|of|under)\s+(?:its|their|the|his|her)?\s*$", lead):
                self.add(
                    "PART_OF",
                    commitment_id,
                    m.entity_id,
                    self.quote(s, lo, m.end),
                    0.8,
                    "commitment-in-policy",
                )
                return

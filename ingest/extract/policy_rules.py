"""Rules for policies and agreements: publication, versions, contents, signatures, ratings, units."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ingest.extract import dates
from ingest.extract.reading import (
    MAKER_KINDS,
    ORG_KINDS,
    Mention,
    Reading,
    Sentence,
    precision_of,
)


class PolicyRules(Reading):
    """Rules for policies and agreements: publication, versions, contents, signatures, ratings, units."""

    def publications(self, s: Sentence) -> None:
        for m in s.of("PolicyVersion", "Policy"):
            lead = self.text[max(s.start, m.start - 60) : m.start].lower()
            cue = any(
                lo < m.start + 80 and hi > m.start - 80 for lo, hi in s.cues.get("PUBLISH", [])
            )
            fresh = re.search(r"\b(new|updated|revised|latest)\b", lead) is not None
            if m.kind == "PolicyVersion":
                for policy_id, name in self.policy_names:
                    if name in self.text[m.start : m.end].lower():
                        self.add(
                            "PART_OF",
                            m.entity_id,
                            policy_id,
                            self.quote(s, m.start, m.end),
                            0.9,
                            "version-of-policy",
                        )
                        break
            published_now = re.search(
                r"\b(?:published|publishes|released|releases|unveiled|unveils|introduced|"
                r"introduces|launched|launches)\s+(?:(?:a|the|its|their)\s+)?"
                r"(?:(?:first|new|draft|final|updated)\s+(?:version\s+)?(?:of\s+)?(?:its\s+|their\s+|the\s+)?)?$",
                lead,
            )
            if not (cue or fresh) or (m.kind == "Policy" and not (fresh or published_now)):
                continue
            who = self.actor(s, m.start, MAKER_KINDS) or self.actor(s, m.start)
            if who is None:
                continue
            target = m.entity_id
            if m.kind == "Policy" and (fresh or not published_now):
                # "the updated principles, shared on Tuesday": the version published that day.
                version = self._version_of(
                    m.entity_id,
                    self.date_in(s),
                    recent=re.search(r"\bnew version of\b", lead) is not None,
                )
                if version is None:
                    continue
                target = version
                self.add(
                    "PART_OF",
                    version,
                    m.entity_id,
                    self.quote(s, m.start, m.end),
                    0.8,
                    "version-by-date",
                )
            published = self.records[target].properties.get("published")
            props = {"date": published} if isinstance(published, dt.date) else self.event_date(s)
            if not props:
                props = self._date_of_next_mention(s) or self.date_from_next(s, who[0])
            self.add(
                "PUBLISHED",
                who[0],
                target,
                self.quote(s, m.start, m.end),
                0.85 * who[1],
                "publication",
                **props,
            )
            if self.published_version is None:
                self.published_version = (target, props.get("date"))

    def _date_of_next_mention(self, s: Sentence) -> dict[str, Any]:
        """ "Meta has published a framework ... The framework, released on Monday, ...": the date
        the next sentence gives the policy it refers back to."""
        at = s.index
        for nxt in self.sentences[at + 1 : at + 3]:
            if re.match(
                r"\s*(?:the|its)\s+(?:new\s+|updated\s+)?(?:framework|policy|update|version|"
                r"principles|rules|guidelines)\b",
                nxt.text,
                re.I,
            ):
                return self.event_date(nxt)
        return {}

    def _version_of(
        self, policy_id: str, when: dates.Resolved | None, recent: bool = False
    ) -> str | None:
        """The registry's version of a policy published on ``when`` (within three days); with
        ``recent`` and no date, the one published in the fortnight before the article."""
        if when is None:
            if not (recent and self.source.published):
                return None
            day, slack = self.source.published - dt.timedelta(days=7), 7
        else:
            day = when.value.date() if isinstance(when.value, dt.datetime) else when.value
            slack = 3
        names = [n for p, n in self.policy_names if p == policy_id]
        for record in self.records.values():
            if record.kind != "PolicyVersion":
                continue
            published = record.properties.get("published")
            label = " ".join(
                str(n).lower()
                for n in [record.properties.get("name", ""), *record.properties.get("aliases", [])]
            )
            if (
                isinstance(published, dt.date)
                and abs((published - day).days) <= slack
                and any(n in label for n in names)
            ):
                return record.id
        return None

    def policy_statements(self, s: Sentence) -> None:
        """ "The framework says '...'", "It also adds a clause that ...": what a policy states is
        a pledge of its publisher when it reads like a known commitment."""
        if self.published_version is None:
            return
        says = re.search(
            r"\b(?:the|its|this)\s+(?:new\s+|updated\s+)?(?:framework|policy|update|version|"
            r"principles)\s+(?:also\s+)?(?:says|states|reads|adds|includes|requires)\b"
            r"|^\s*(?:it|the\s+(?:new\s+)?(?:framework|policy|update))\s+also\s+(?:adds|includes)\b",
            s.text,
            re.I,
        )
        publisher = self._publisher()
        if not says or publisher is None:
            return
        found = self.commitment(s.text, publisher[0])
        if found is None:
            return
        span = self.quote(s)
        self.add(
            "MADE",
            publisher[0],
            found[0],
            span,
            0.8 * found[1],
            "policy-says",
            **self.event_date(s, in_policy=True),
        )
        self.add(
            "PART_OF", found[0], self.published_version[0], span, 0.75 * found[1], "policy-says"
        )

    def policy_contents(self) -> None:
        """A pledge in a sentence whose subject is "the framework" or "the policy" is part of the
        policy the text named last; one given right after a policy's publication is part of it."""
        policies: list[tuple[int, str]] = [
            (m.start, m.entity_id) for s in self.sentences for m in s.of("Policy", "PolicyVersion")
        ]
        published = [f for f in self.findings if f.edge == "PUBLISHED"]
        for f in [f for f in self.findings if f.edge == "MADE" and not f.properties.get("_past")]:
            at = next((i for i, s in enumerate(self.sentences) if self._same_sentence(f, s)), None)
            if at is None or at == 0:
                continue
            before = self.sentences[at - 1]
            for p in published:
                if p.from_id == f.from_id and self._same_sentence(p, before):
                    self.add("PART_OF", f.to_id, p.to_id, f.spans[0], 0.6, "after-publication")
        for f in [f for f in self.findings if f.edge == "MADE"]:
            for s in self.sentences:
                if not self._same_sentence(f, s):
                    continue
                if not re.match(
                    r"\s*(?:[-•*]\s*)?(?:the|its|this)\s+(?:new\s+|updated\s+|revised\s+)?"
                    r"(?:framework|policy|principles|rules|guidelines)\b",
                    s.text,
                    re.I,
                ):
                    continue
                earlier = [p for p in policies if p[0] < s.start]
                if earlier:
                    self.add(
                        "PART_OF",
                        f.to_id,
                        earlier[-1][1],
                        f.spans[0],
                        0.75,
                        "stated-in-policy",
                    )

    def signatures(self, s: Sentence) -> None:
        """ "A and B signed the accord, but C declined to sign it": each clause's organisations
        signed (or declined) the agreement named after its verb, or else the one named before."""
        cues = sorted(
            [(lo, hi, "DECLINED") for lo, hi in s.cues.get("DECLINE", [])]
            + [
                (lo, hi, "SIGNED")
                for lo, hi in s.cues.get("SIGN", [])
                if not any(a <= lo < b for a, b in s.cues.get("DECLINE", []))
                and not self._list_of_signatories(s, lo, hi)
            ]
        )
        boundary = s.start
        for lo, hi, edge in cues:
            agreements = [m for m in s.mentions if m.kind in ("Policy", "Commitment")]
            things = [m for m in agreements if m.start >= hi] or [
                m for m in agreements if m.end <= lo
            ]
            clause = [m for m in s.of(*ORG_KINDS) if boundary <= m.start and m.end <= lo]
            boundary = hi
            if not things:
                # "Meta refused to sign.": the agreement the text spoke of last.
                earlier = self._last_agreement(s)
                if earlier is None or not re.match(r"\s*(?:it\b|[.;]|$)", self.text[hi : s.end]):
                    continue
                things = [earlier]
            thing = things[0]
            signers = [(m.entity_id, 1.0) for m in clause]
            if not signers:
                who = self.actor(s, lo)
                signers = [who] if who else []
            props = self.event_date(s)
            if not props and clause:
                props = self.date_from_next(s, clause[0].entity_id)
            if edge == "SIGNED" and re.search(
                r"\b(?:only|part of|parts of|chapters?|sections?)\b", self.text[lo : s.end]
            ):
                props["extent"] = "partial"
            for signer, weight in signers:
                self.add(
                    edge,
                    signer,
                    thing.entity_id,
                    self.quote(s, lo, max(hi, thing.end) if thing.start >= s.start else hi),
                    0.75 * weight,
                    edge.lower(),
                    **props,
                )
                if edge != "SIGNED":
                    continue
                # A pledge given in the same breath as signing an agreement is part of it.
                for f in self.findings:
                    if f.edge == "MADE" and f.from_id == signer and self._same_sentence(f, s):
                        self.add(
                            "PART_OF",
                            f.to_id,
                            thing.entity_id,
                            self.quote(s, lo, thing.end),
                            0.7 * weight,
                            "made-when-signing",
                        )

    def _list_of_signatories(self, s: Sentence, lo: int, hi: int) -> bool:
        """ "a list of signatories" names no signing; "X is a signatory" does."""
        if not self.text[lo:hi].lower().startswith("signator"):
            return False
        return not re.search(
            r"\b(?:is|are|was|were|became|become)\s+(?:a\s+|an\s+early\s+|among\s+the\s+)?$",
            self.text[s.start : lo],
            re.I,
        )

    def _last_agreement(self, s: Sentence) -> Mention | None:
        at = s.index
        for earlier in reversed(self.sentences[max(0, at - 4) : at]):
            found = [m for m in earlier.mentions if m.kind in ("Policy", "Commitment")]
            if found:
                return found[-1]
        return None

    def ratings(self, s: Sentence) -> None:
        """ "X rated Y 34%", and "Y received a C+" after a sentence saying who grades."""
        for lo, _hi in s.cues.get("RATE", []):
            raters = [m for m in s.of(*ORG_KINDS, "Person") if m.end <= lo]
            if raters:
                self.rater = (raters[-1].entity_id, self.date_in(s))
        boundary = s.start
        for lo, hi in s.cues.get("RECEIVE", []):
            grade = re.match(
                r"[^.;]{0,40}?\b(?:grade|score|rating|mark)s?\b[^.;]{0,20}?"
                r"(?:,\s*|\s+of\s+)?(?:an?\s+)?([A-F][+-]?|\d+(?:\.\d+)?\s*%)(?=[\s,.;]|$)"
                r"|\s+(?:an?\s+)?([A-F][+-]?)(?=[\s,.;]|$)",
                self.text[hi : s.end],
            )
            rated = [m for m in s.of(*MAKER_KINDS) if boundary <= m.start and m.end <= lo]
            boundary = hi
            if not grade or not rated or self.rater is None:
                continue
            rater, when = self.rater
            props: dict[str, Any] = {"score": (grade.group(1) or grade.group(2)).strip()}
            if when is not None:
                props.update(date=when.value, date_precision=precision_of(when))
            for m in rated:
                if m.entity_id != rater:
                    self.add(
                        "RATED",
                        rater,
                        m.entity_id,
                        self.quote(s, m.start, hi + grade.end()),
                        0.7,
                        "grade-received",
                        **props,
                    )
        for lo, hi in s.cues.get("RATE", []):
            score = re.search(
                r"\b(\d+(?:\.\d+)?\s*(?:%|percent|/\s*\d+|out of \d+)|[A-F][+-]?(?=\s|$|[,.]))",
                self.text[hi : s.end],
            )
            raters = [m for m in s.of(*ORG_KINDS, "Person") if m.end <= lo]
            rated = [m for m in s.of(*ORG_KINDS, "Policy", "PolicyVersion") if m.start >= hi]
            if not score or not raters or not rated or raters[-1].entity_id == rated[0].entity_id:
                continue
            self.add(
                "RATED",
                raters[-1].entity_id,
                rated[0].entity_id,
                self.quote(s, raters[-1].start, hi + score.end()),
                0.7,
                "rating",
                score=score.group(1).strip(),
            )

    def units(self, s: Sentence) -> None:
        """ "DeepMind, a unit of Google": one organisation is part of another."""
        for lo, hi in s.cues.get("PART", []):
            before = [
                m
                for m in s.of(*ORG_KINDS)
                if m.end <= lo
                and re.fullmatch(
                    r",\s*(?:a|an|the|its)?\s*(?:[a-z-]+\s+){0,2}", self.text[m.end : lo]
                )
            ]
            after = [
                m
                for m in s.of(*ORG_KINDS)
                if m.start >= hi and re.fullmatch(r"\s*(?:the\s+)?", self.text[hi : m.start])
            ]
            if before and after and before[-1].entity_id != after[0].entity_id:
                self.add(
                    "PART_OF",
                    before[-1].entity_id,
                    after[0].entity_id,
                    self.quote(s, before[-1].start, after[0].end),
                    0.8,
                    "unit-of",
                )

"""The offline extractor: rules over spaCy's tokens, registry entities and cue matches.

Each rule reads one sentence the way news reports a kind of fact (a pledge given or given up,
pressure with a demand and a deadline, a person's role, criticism, a policy's publication...) and
proposes facts with the sentence as their quote. A confidence says how much of the fact the
sentence states outright (lower when a subject is found through "it" or "the company", or when
a commitment is only loosely matched).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spacy.tokens import Span

from ingest.extract import dates
from ingest.extract.commitments import STOP, CommitmentIndex
from ingest.extract.model import Draft, Finding, Proposed, SourceText
from ingest.extract.nlp import build, short_policy_names
from ingest.fetch import slug
from schema.records import EntityRecord

ORG_KINDS = ("Lab", "Company", "Organisation", "GovernmentBody")
MAKER_KINDS = ("Lab", "Company")
ACTOR_KINDS = ("Person", *ORG_KINDS)
MATCH_AT = 0.34  # least commitment-match score taken as "the same commitment"
QUOTE_MAX = 320

ROLE_HEADS = frozenset(
    [
        "ceo",
        "cto",
        "cfo",
        "coo",
        "cso",
        "cofounder",
        "co-founder",
        "founder",
        "president",
        "chair",
        "chairman",
        "chairwoman",
        "chairperson",
        "secretary",
        "minister",
        "director",
        "head",
        "senator",
        "commissioner",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "researcher",
        "scientist",
        "governor",
        "administrator",
        "officer",
        "executive",
        "lead",
        "professor",
        "partner",
        "adviser",
        "advisor",
        "general",
    ]
)
ROLE_WORDS = ROLE_HEADS | frozenset(
    [
        "chief",
        "vice",
        "senior",
        "deputy",
        "principal",
        "science",
        "scientific",
        "technology",
        "technical",
        "research",
        "safety",
        "policy",
        "product",
        "operating",
        "financial",
        "information",
        "security",
        "defense",
        "defence",
        "state",
        "homeland",
        "commerce",
        "attorney",
        "managing",
        "and",
        "&",
        "of",
        "co-",
    ]
)
CONNECTORS = frozenset({"and", "&", "of", "general", "co-"})
PRONOUNS = re.compile(
    r"\b(it|its|the (?:ai )?(?:company|firm|lab|maker|startup|developer|group))\b", re.I
)
_DATE = re.compile(
    r"(?:\b(?:\d{1,2}(?:[.:]\d{2})?\s*[ap]\.?\s*m\.?|noon|midday|midnight)\s*(?:\w+\s+){0,2})?"
    r"\b(?:on\s+|by\s+|until\s+|before\s+)?(?:last\s+|next\s+|this\s+)?"
    r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"|(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+\d{4})?\b"
    r"|\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)(?:\s+\d{4})?\b"
    r"|\d{4}-\d{2}-\d{2}\b|(?<=in )(?:19|20)\d\d\b|yesterday\b|today\b|earlier this (?:week|month)\b)"
)
CLAUSE_END = re.compile(
    r",\s*but\b|;|\s[–—-]\s*or\b|\bor risk\b|\bor face\b|,\s*(?:arguing|saying|citing)\b"
)
RELATIVE = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|last|next|"
    r"this|earlier)\b",
    re.I,
)
BULLET = re.compile(r"^\s*[-•*]\s*")


@dataclass
class Mention:
    """A registry entity (or a proposed one) named in the text."""

    start: int
    end: int
    entity_id: str
    kind: str

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


@dataclass
class Sentence:
    """One sentence, its entity mentions and its cue matches (character offsets into the text)."""

    index: int
    span: Span
    mentions: list[Mention]
    cues: dict[str, list[tuple[int, int]]] = field(default_factory=dict)

    @property
    def start(self) -> int:
        return int(self.span.start_char)

    @property
    def end(self) -> int:
        return int(self.span.end_char)

    @property
    def text(self) -> str:
        return str(self.span.text)

    def has(self, label: str) -> bool:
        return bool(self.cues.get(label))

    def of(self, *kinds: str) -> list[Mention]:
        return [m for m in self.mentions if m.kind in kinds]


@lru_cache(maxsize=4)
def _prepare(records: tuple[EntityRecord, ...]) -> Prepared:
    return Prepared(records)


def prepared(registry: list[EntityRecord]) -> Prepared:
    """The spaCy pipeline, cue matcher and commitment index for ``registry`` (cached)."""
    return _prepare(tuple(r for r in registry if r.kind != "Source"))


class Prepared:
    """What one registry needs before any text is read (built once per registry)."""

    def __init__(self, records: tuple[EntityRecord, ...]) -> None:
        self.nlp, self.matcher = build(list(records))
        org_names = {
            r.id: [r.properties.get("name", ""), *r.properties.get("aliases", [])]
            for r in records
            if r.kind in ORG_KINDS
        }
        self.index = CommitmentIndex([r for r in records if r.kind == "Commitment"], org_names)
        self.policy_names = [
            (r.id, str(n).lower())
            for r in records
            if r.kind == "Policy"
            for n in [r.properties.get("name", ""), *r.properties.get("aliases", [])]
            if n
        ]
        self.short = short_policy_names(list(records))


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


class _Run:
    """One extraction: the parsed text and what the rules found in it."""

    def __init__(self, source: SourceText, registry: list[EntityRecord]) -> None:
        self.source = source
        self.text = source.text
        self.base = source.published or dt.date.today()
        records = tuple(r for r in registry if r.kind != "Source")
        ready = _prepare(records)
        nlp, matcher = ready.nlp, ready.matcher
        self.records = {r.id: r for r in records}
        self.kinds = {r.id: r.kind for r in records}
        self.index = ready.index
        self.policy_names = ready.policy_names
        doc = nlp(self.text)
        by_sentence: dict[int, Sentence] = {}
        self.sentences: list[Sentence] = []
        for number, sent in enumerate(doc.sents):
            if not sent.text.strip():
                continue
            s = Sentence(number, sent, [])
            self.sentences.append(s)
            by_sentence[sent.start] = s
        starts = sorted(by_sentence)

        def owner(token_i: int) -> Sentence:
            import bisect

            return by_sentence[starts[bisect.bisect_right(starts, token_i) - 1]]

        short = ready.short
        named = {ent.ent_id_ for ent in doc.ents}
        for ent in doc.ents:
            form = short.get(ent.text.casefold())
            if form is not None and form[1] not in named:
                continue  # "risk management framework" counts only where its owner is named
            owner(ent.start).mentions.append(
                Mention(ent.start_char, ent.end_char, ent.ent_id_, ent.label_)
            )
        for match_id, begin, end in matcher(doc):
            label = nlp.vocab.strings[match_id]
            span = doc[begin:end]
            owner(begin).cues.setdefault(label, []).append((span.start_char, span.end_char))
        self.findings: list[Finding] = []
        self.proposed: dict[str, Proposed] = {}
        self._person_candidates()
        self._short_forms()
        self.described = self._descriptions()
        counts = Counter(m.entity_id for s in self.sentences for m in s.of(*MAKER_KINDS))
        self.topic = counts.most_common(1)[0][0] if counts else None
        self.nonbinding = any(s.has("NONBINDING") for s in self.sentences)
        self.staff: dict[str, set[str]] = {}
        self.published_version: tuple[str, Any] | None = None

    # -- helpers ------------------------------------------------------------------------------

    def _person_candidates(self) -> None:
        """Names the registry does not know (two or three capitalised words) next to a role."""
        for s in self.sentences:
            for match in re.finditer(r"\b([A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,2})\b", s.text):
                start, end = s.start + match.start(), s.start + match.end()
                if any(m.start < end and start < m.end for m in s.mentions):
                    continue
                parts = match.group(1).split()
                if any(p.lower() in ROLE_WORDS or p.lower() in {"the", "in", "on"} for p in parts):
                    continue
                before = s.text[max(0, match.start() - 40) : match.start()].lower()
                after = s.text[match.end() : match.end() + 40].lower()
                owns = re.match(r"['’]s\s+", s.text[match.end() :])
                if not (
                    (owns and any(m.start == end + owns.end() for m in s.of(*MAKER_KINDS)))
                    or re.match(r",\s*who\b|\s+(?:said|says|wrote|told|argued|warned)\b", after)
                    or _role_at_end(before)
                    or re.match(
                        r",\s*(?:the\s+)?[a-z&\- ]*\b(?:" + "|".join(ROLE_HEADS) + r")\b", after
                    )
                ):
                    continue
                person_id = slug(match.group(1))
                if person_id in self.kinds:
                    continue
                self.proposed.setdefault(
                    person_id, Proposed(person_id, "Person", match.group(1), span=(start, end))
                )
                s.mentions.append(Mention(start, end, person_id, "Person"))
                s.mentions.sort(key=lambda m: m.start)
        for person in list(self.proposed.values()):
            self._add_mentions(person.name.split()[-1], person.id, "Person")

    def _descriptions(self) -> dict[str, str]:
        """What appositives call an entity ("The Midas Project, a watchdog that ..."): the head
        noun of the description, so "the watchdog" later refers back to it."""
        out: dict[str, str] = {}
        for s in self.sentences:
            for m in s.of(*ACTOR_KINDS):
                rest = self.text[m.end : s.end]
                found = re.match(
                    r",\s+(?:a|an|the|its|[A-Z]\w+['’]s)\s+(?:[a-z][\w-]*\s+){0,3}?([a-z]+s?)\b"
                    r"(?=\s+(?:that|which|who|behind|of|for|in|at|,)|,)",
                    rest,
                )
                if found and found.group(1) not in STOP:
                    out.setdefault(found.group(1), m.entity_id)
        return out

    def _short_forms(self) -> None:
        """ "the Commission" after "the European Commission": an organisation's last name-word."""
        seen: dict[str, tuple[str, str]] = {}
        for s in self.sentences:
            for m in s.of(*ORG_KINDS):
                words = self.text[m.start : m.end].split()
                if len(words) > 1 and words[-1][:1].isupper() and len(words[-1]) > 3:
                    seen.setdefault(words[-1], (m.entity_id, m.kind))
        for word, (entity_id, kind) in seen.items():
            if word.lower() not in ROLE_WORDS:
                self._add_mentions(word, entity_id, kind, after=r"\bthe\s+$")

    def _add_mentions(self, word: str, entity_id: str, kind: str, after: str = "") -> None:
        for s in self.sentences:
            for match in re.finditer(rf"\b{re.escape(word)}\b", s.text):
                start, end = s.start + match.start(), s.start + match.end()
                if after and not re.search(after, s.text[: match.start()], re.I):
                    continue
                if any(m.start < end and start < m.end for m in s.mentions):
                    continue
                s.mentions.append(Mention(start, end, entity_id, kind))
                s.mentions.sort(key=lambda m: m.start)

    def quote(self, s: Sentence, lo: int | None = None, hi: int | None = None) -> tuple[int, int]:
        """The sentence as quote, cut down around ``lo``-``hi`` when it is long."""
        start, end = s.start, s.end
        text = self.text
        while end > start and text[end - 1] in " \n":
            end -= 1
        bullet = BULLET.match(text[start:end])
        if bullet:
            start += bullet.end()
        if end - start > QUOTE_MAX and lo is not None and hi is not None:
            start, end = max(start, lo), min(end, max(hi, lo + 1))
        return (start, end)

    def date_in(self, s: Sentence, future: bool = False, after: int = 0) -> dates.Resolved | None:
        for match in _DATE.finditer(s.text):
            if s.start + match.start() < after:
                continue
            if self.source.published is None and RELATIVE.search(match.group(0)):
                continue  # "Friday" means nothing without the day the article appeared
            found = dates.resolve(match.group(0), self.base, future=future)
            if found is not None:
                return found
        return None

    def antecedent(self, s: Sentence, kinds: tuple[str, ...] = MAKER_KINDS) -> str | None:
        """Who "it" or "the company" is: the last such organisation named before, or the topic."""
        for earlier in reversed(self.sentences[: self.sentences.index(s)]):
            named = earlier.of(*kinds)
            if named:
                return named[-1].entity_id
        return self.topic

    def actor(
        self, s: Sentence, pos: int, kinds: tuple[str, ...] = ORG_KINDS
    ) -> tuple[str, float] | None:
        """The organisation acting at ``pos``: named before it, else "it"/"the company"."""
        before = [m for m in s.of(*kinds) if m.end <= pos]
        makers = [m for m in before if m.kind in MAKER_KINDS]
        if makers:
            return makers[-1].entity_id, 1.0
        if before:
            return before[-1].entity_id, 0.95
        if PRONOUNS.search(self.text[s.start : pos]):
            found = self.antecedent(s)
            return (found, 0.85) if found else None
        return None

    def commitment(self, phrase: str, owner: str | None) -> tuple[str, float] | None:
        match = self.index.best(phrase, owner)
        if match is None or match.score < MATCH_AT:
            return None
        return match.entity_id, min(1.0, 0.75 + match.score / 2)

    def commitment_here(self, phrase: str, owner: str) -> tuple[str, float] | None:
        """The commitment a phrase describes, or the one "that commitment" points back to."""
        found = self.commitment(phrase, owner)
        if found is not None:
            return found
        if re.match(
            r"\s*(?:that|this|the|its|their|such a)\s+(?:pledge|commitment|promise)\b", phrase, re.I
        ):
            for f in reversed(self.findings):
                if f.from_id == owner and f.edge in ("MADE", "DROPPED"):
                    return f.to_id, 0.85
        return None

    def _last_commitment(self, owner: str) -> tuple[str, float] | None:
        """The commitment of ``owner`` the text spoke of last ("that commitment", "that date")."""
        for f in reversed(self.findings):
            if f.from_id == owner and f.edge in ("MADE", "DROPPED"):
                return f.to_id, 0.85
        return None

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

    def propose_commitment(self, phrase: str, owner: str, s: Sentence) -> str | None:
        """A new Commitment for a described pledge ("to ..." after a pledge word)."""
        described = re.match(r"\s*(?:not\s+)?to\s+(.{12,160}?)(?:[,.;:]|$)", phrase)
        if not described:
            return None
        what = described.group(0).strip().rstrip(",.;:")
        content = [w for w in re.findall(r"[a-z0-9]+", what.lower()) if w not in STOP]
        entity_id = slug(owner, " ".join(content[:6]))
        if entity_id in self.kinds:
            return entity_id
        name = what[0].upper() + what[1:]
        self.proposed.setdefault(
            entity_id,
            Proposed(
                entity_id,
                "Commitment",
                name,
                {
                    "text": f"{self.records[owner].properties.get('name', owner) if owner in self.records else owner} would {what.removeprefix('to ')}."
                },
                span=self.quote(s),
            ),
        )
        self.kinds[entity_id] = "Commitment"
        return entity_id

    def add(
        self,
        edge: str,
        a: str,
        b: str,
        span: tuple[int, int],
        confidence: float,
        rule: str,
        **props: Any,
    ) -> Finding:
        finding = Finding(
            edge,
            a,
            b,
            [span],
            round(confidence, 2),
            {k: v for k, v in props.items() if v is not None},
            [rule],
        )
        self.findings.append(finding)
        return finding

    def event_date(self, s: Sentence) -> dict[str, Any]:
        found = self.date_in(s)
        if found is not None:
            return {"date": found.value, "date_precision": _precision(found)}
        if self.published_version is not None:
            return {"date": self.published_version[1]}
        return {"date": self.base, "date_precision": "approximate"} if self.source.published else {}

    # -- rules -----------------------------------------------------------------------------

    def apply(self) -> None:
        for s in self.sentences:
            self.publications(s)
        for s in self.sentences:
            self.roles(s)
            self.founders(s)
        for s in self.sentences:
            self.drops(s)
            self.pledges(s)
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
            **self.event_date(s),
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

    def roles(self, s: Sentence) -> None:
        """ "ORG ROLE PERSON", "its ROLE, PERSON", "PERSON, (the ORG's|a) ROLE (of|at ORG)"."""
        tokens = list(s.span)
        people_at = {m.start: m for m in s.of("Person")}
        people_end = {m.end: m for m in s.of("Person")}
        orgs = s.of(*ORG_KINDS)
        i = 0
        while i < len(tokens):
            if tokens[i].lower_ not in ROLE_WORDS or tokens[i].lower_ in CONNECTORS:
                i += 1
                continue
            j = i
            while j < len(tokens) and (
                tokens[j].lower_ in ROLE_WORDS
                or tokens[j].lower_.startswith("co-")
                or (
                    tokens[j].text == "-"
                    and j + 1 < len(tokens)
                    and tokens[j + 1].lower_ in ROLE_WORDS
                )
            ):
                j += 1
            while j > i and tokens[j - 1].lower_ in {"and", "&", "of", "-"}:
                j -= 1
            if not any(t.lower_ in ROLE_HEADS for t in tokens[i:j]):
                i = max(j, i + 1)
                continue
            # "for tech sovereignty", "of policy": a lower-case remit belongs to the role.
            k = j
            if k < len(tokens) and tokens[k].lower_ in {"for", "of"}:
                m = k + 1
                while (
                    m < len(tokens)
                    and m - k <= 4
                    and tokens[m].is_alpha
                    and tokens[m].is_lower
                    and tokens[m].lower_ not in {"the", "a", "an", "its", "their"}
                ):
                    m += 1
                if m > k + 1:
                    j = m
            r_start, r_end = tokens[i].idx, tokens[j - 1].idx + len(tokens[j - 1].text)
            role = self.text[r_start:r_end]
            person, org = self._role_holder(s, tokens, i, j, people_at, people_end, orgs)
            if person is not None and org is not None:
                self.staff.setdefault(org[0], set()).add(person.entity_id)
                lo, hi = min(person.start, r_start), max(person.end, r_end)
                self.add(
                    "HOLDS_ROLE",
                    person.entity_id,
                    org[0],
                    self.quote(s, lo, hi),
                    0.9 * org[1],
                    "role",
                    role=_role_text(role),
                )
            i = max(j, i + 1)

    def _role_holder(
        self,
        s: Sentence,
        tokens: list[Any],
        i: int,
        j: int,
        people_at: dict[int, Mention],
        people_end: dict[int, Mention],
        orgs: list[Mention],
    ) -> tuple[Mention | None, tuple[str, float] | None]:
        """Who holds the role in tokens[i:j], and where."""
        r_start = tokens[i].idx
        r_end = tokens[j - 1].idx + len(tokens[j - 1].text)
        # Before the role: "ORG" / "ORG's" / "its" / "the ORG's" / "a".
        k = i - 1
        org: tuple[str, float] | None = None
        if k >= 0 and tokens[k].lower_ in {"'s", "’s"}:
            k -= 1
        owner = [m for m in orgs if m.end <= r_start and r_start - m.end <= 3]
        if owner and k >= 0 and tokens[k].idx + len(tokens[k].text) == owner[-1].end:
            org = (owner[-1].entity_id, 1.0)
            while k >= 0 and tokens[k].idx >= owner[-1].start:
                k -= 1
        elif k >= 0 and tokens[k].lower_ in {"its", "their"}:
            makers = [m for m in s.of(*MAKER_KINDS) if m.end <= r_start]
            found = makers[-1].entity_id if makers else self.antecedent(s)
            org = (found, 0.85) if found else None
            k -= 1
        while k >= 0 and tokens[k].lower_ in {"a", "an", "the"}:
            k -= 1
        # ROLE PERSON, ROLE, PERSON
        n = j + (1 if j < len(tokens) and tokens[j].text == "," else 0)
        if n < len(tokens) and tokens[n].idx in people_at:
            if org is None:
                org = self._org_from_title(tokens[i:j])
            return people_at[tokens[n].idx], org
        # PERSON, ... ROLE
        if k >= 1 and tokens[k].text == ",":
            end = tokens[k - 1].idx + len(tokens[k - 1].text)
            person = people_end.get(end)
            if person is None:
                return None, None
            if org is None:
                limit = self._clause_end(s, r_end)
                later = [m for m in orgs if r_end <= m.start <= limit]
                nxt = tokens[j].lower_ if j < len(tokens) else ""
                if later and nxt in {"of", "at", ",", "for", "in"}:
                    org = (later[0].entity_id, 0.95)
                elif nxt in {"of", "at"}:
                    org = self._propose_org(s, tokens[j].idx + len(tokens[j].text), limit)
            return person, org
        return None, None

    def founders(self, s: Sentence) -> None:
        """ "ORG, which PERSON founded", "PERSON, who co-founded ORG", "PERSON founded ORG"."""
        for verb in re.finditer(r"\b(co-?)?found(?:ed|s)\b", s.text, re.I):
            lo, hi = s.start + verb.start(), s.start + verb.end()
            before = [
                m
                for m in s.of("Person")
                if m.end <= lo and re.fullmatch(r"[\s,]*(?:who\s+)?", self.text[m.end : lo])
            ]
            if not before:
                continue
            person = before[-1]
            org = None
            which = [
                m
                for m in s.of(*ORG_KINDS)
                if re.fullmatch(r",?\s*(?:which|that)\s+", self.text[m.end : person.start])
            ]
            if which:
                org = which[-1]
            else:
                after = [
                    m
                    for m in s.of(*ORG_KINDS)
                    if m.start >= hi and re.fullmatch(r"\s*(?:the\s+)?", self.text[hi : m.start])
                ]
                org = after[0] if after else None
            if org is None:
                continue
            role = "Cofounder" if verb.group(1) else "Founder"
            self.add(
                "HOLDS_ROLE",
                person.entity_id,
                org.entity_id,
                self.quote(s, min(org.start, person.start), max(hi, org.end)),
                0.8,
                "founded",
                role=role,
            )

    def _propose_org(self, s: Sentence, pos: int, limit: int) -> tuple[str, float] | None:
        """ "chief executive of Nova Systems": an organisation the registry lacks, proposed."""
        named = re.match(
            r"\s+(?:the\s+)?((?:[A-Z][\w&.-]*|of|for|and)(?:\s+(?:[A-Z][\w&.-]*|of|for|and)){0,5})",
            self.text[pos:limit],
        )
        if not named:
            return None
        name = re.sub(r"(?:\s+(?:of|for|and))+$", "", named.group(1))
        if len(name) < 3 or name.lower() in STOP:
            return None
        org_id = slug(name)
        if org_id in self.kinds:
            return (org_id, 0.7) if self.kinds[org_id] in ORG_KINDS else None
        start = pos + named.start(1)
        self.proposed.setdefault(
            org_id, Proposed(org_id, "Organisation", name, span=(start, start + len(name)))
        )
        s.mentions.append(Mention(start, start + len(name), org_id, "Organisation"))
        s.mentions.sort(key=lambda m: m.start)
        return org_id, 0.7

    def _clause_end(self, s: Sentence, pos: int) -> int:
        rest = self.text[pos : s.end]
        stop = re.search(r"[;:.!?\"“”]|\s[–—]\s|,\s*(?:says|said)\b", rest)
        return pos + (stop.start() if stop else len(rest))

    def _org_from_title(self, run: list[Any]) -> tuple[str, float] | None:
        """An organisation named by a title's words ("Defense Secretary": the defense department)."""
        heads = {t.lower_ for t in run} & ROLE_HEADS
        if not heads & {
            "secretary",
            "minister",
            "commissioner",
            "general",
            "administrator",
            "governor",
        }:
            return None
        keys = (
            {t.lower_ for t in run}
            - ROLE_HEADS
            - {"and", "&", "of", "chief", "vice", "senior", "deputy"}
        )
        if not keys:
            return None
        for record in self.records.values():
            if record.kind != "GovernmentBody":
                continue
            names = [record.properties.get("name", ""), *record.properties.get("aliases", [])]
            if any(keys <= set(re.findall(r"[a-z]+", str(n).lower())) for n in names):
                return record.id, 0.8
        return None

    def drops(self, s: Sentence) -> None:
        for lo, hi in s.cues.get("DROP", []):
            lead = self.text[max(s.start, lo - 12) : lo].lower()
            if re.search(r"\b(not|n't|never|denied|deny|to)\s*$", lead):
                continue  # denied, or demanded ("a deadline to remove ...") rather than done
            gone = "gone" in self.text[lo:hi].lower()
            phrase = self.text[s.start : lo] if gone else self.text[hi : s.end]
            if not gone:
                phrase = _clause(phrase)
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
            props = self.event_date(s)
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
                _clause(self.text[hi : s.end])
                if hi > lo
                else _clause(re.sub(r"^[^:]{0,40}:\s*", "", BULLET.sub("", s.text)))
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
                or _near(s, "PAST", lo, before=40)
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
            if past and _near(s, "BINDING", lo, before=30):
                binding = "binding"
            elif not past and self.nonbinding:
                binding = "non_binding"
            props: dict[str, Any] = {"binding": binding}
            if not past:
                props.update(self.event_date(s))
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

    def _publisher(self) -> tuple[str, float] | None:
        if self.published_version is None:
            return None
        for f in self.findings:
            if f.edge == "PUBLISHED" and f.to_id == self.published_version[0]:
                return f.from_id, 0.85
        return None

    def _under_commitments(self, s: Sentence) -> bool:
        at = self.sentences.index(s)
        for earlier in reversed(self.sentences[max(0, at - 6) : at]):
            if BULLET.match(earlier.text):
                continue
            return bool(re.search(r"commit|pledge|promise", earlier.text, re.I)) or any(
                re.search(r"commit|pledge|promise", e.text, re.I) and e.text.rstrip().endswith("?")
                for e in self.sentences[max(0, at - 6) : at]
            )
        return False

    def _intro_actor(self, s: Sentence) -> tuple[str, float] | None:
        at = self.sentences.index(s)
        for earlier in reversed(self.sentences[max(0, at - 8) : at]):
            named = earlier.of(*MAKER_KINDS)
            if named and not BULLET.match(earlier.text):
                return named[-1].entity_id, 0.85
        return None

    def restrictions(self, s: Sentence) -> None:
        for lo, hi in s.cues.get("RESTRICT", []):
            phrase = _clause(self.text[hi : s.end])
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
                found = self.commitment_here(_clause(self.text[hi : s.end]), who[0])
            if found is None:
                continue
            self.add(
                "BREACHED",
                who[0],
                found[0],
                self.quote(s, lo, hi),
                0.85 * who[1] * found[1],
                "breach",
                **self.event_date(s),
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
            found = self.commitment(_clause(self.text[hi : s.end]), who[0])
            if found is None:
                continue
            self.add(
                "FULFILLED",
                who[0],
                found[0],
                self.quote(s, lo, hi),
                0.8 * who[1] * found[1],
                "fulfil",
                **self.event_date(s),
            )

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
                    props["demand"] = _sentence_case(demand.group(1).strip(" ,–—"))
                threat = re.search(r"\bor\s+(?:risk|face)\s+(.+?)[.;]?$", rest)
                if threat:
                    props["threat"] = _sentence_case(threat.group(1).strip(' ,.”"'))
                if label == "DEADLINE":
                    when = self.date_in(s, future=True, after=hi - 20)
                    if when is not None:
                        props["deadline"] = when.value
                said = self.date_in(s, after=0) if label != "DEADLINE" else None
                if said is not None:
                    props.update(date=said.value, date_precision=_precision(said))
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

    def signatures(self, s: Sentence) -> None:
        """ "A and B signed the accord, but C declined to sign it": each clause's organisations
        signed (or declined) the agreement named after its verb, or else the one named before."""
        cues = sorted(
            [(lo, hi, "DECLINED") for lo, hi in s.cues.get("DECLINE", [])]
            + [
                (lo, hi, "SIGNED")
                for lo, hi in s.cues.get("SIGN", [])
                if not any(a <= lo < b for a, b in s.cues.get("DECLINE", []))
            ]
        )
        boundary = s.start
        for lo, hi, edge in cues:
            things = [m for m in s.of("Policy") if m.start >= hi] or [
                m for m in s.of("Policy") if m.end <= lo
            ]
            clause = [m for m in s.of(*ORG_KINDS) if boundary <= m.start and m.end <= lo]
            boundary = hi
            if not things:
                continue
            thing = things[0]
            signers = [(m.entity_id, 1.0) for m in clause]
            if not signers:
                who = self.actor(s, lo)
                signers = [who] if who else []
            for signer, weight in signers:
                self.add(
                    edge,
                    signer,
                    thing.entity_id,
                    self.quote(s, lo, thing.end),
                    0.75 * weight,
                    edge.lower(),
                    **self.event_date(s),
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

    def _same_sentence(self, f: Finding, s: Sentence) -> bool:
        return any(s.start <= a and b <= s.end for a, b in f.spans)

    def ratings(self, s: Sentence) -> None:
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

    def criticism(self, s: Sentence) -> None:
        if not s.has("CRITIC"):
            return
        speaker = self._speaker(s)
        if speaker is None:
            return
        target: str | None = None
        confidence = 0.8
        talks_policy = re.search(r"\b(policy|framework|stance|principles|rules)\b", s.text, re.I)
        named = s.of("PolicyVersion", "Policy")
        if named:
            target = named[0].entity_id
        elif (
            talks_policy
            and self.published_version
            and not re.search(r"\b(?:broke|breached|violated|flouted)\b", s.text, re.I)
        ):
            # (a lab that "broke its own rules" is criticised for what it did, not the rules)
            target = self.published_version[0]
        else:
            labs = s.of(*MAKER_KINDS)
            target = labs[0].entity_id if labs else self.topic
            if not labs:
                confidence *= 0.85  # the article's lab, not named in the sentence
        if target is None or target == speaker:
            return
        lab = self._owner_of(target)
        if lab is not None and speaker == lab:
            return
        # A lab's own people rarely criticise it; when the text says so, the reviewer decides.
        own = lab is not None and speaker in self.staff.get(lab, set())
        lo, hi = s.cues["CRITIC"][0]
        self.add(
            "CRITICIZED",
            speaker,
            target,
            self.quote(s, lo, hi),
            confidence * (0.75 if own else 1.0),
            "criticism",
            criticism=_gist(s.text),
            date=self.base,
            date_precision="approximate",
        )

    def _owner_of(self, entity_id: str) -> str | None:
        for f in self.findings:
            if f.to_id == entity_id and f.edge in ("PUBLISHED", "MADE", "DEVELOPS"):
                return f.from_id
        return entity_id if self.kinds.get(entity_id) in MAKER_KINDS else None

    def _speaker(self, s: Sentence) -> str | None:
        """Who says the sentence: a person or body named with a speech verb, or the quoted voice."""
        if s.has("SAYS"):
            voices = s.of("Person") or s.of(*ORG_KINDS)
            if voices:
                return voices[0].entity_id
            said = s.cues["SAYS"][0][0]
            head = re.search(r"\bthe\s+([a-z]+)\s*$", self.text[s.start : said], re.I)
            if head and head.group(1).lower() in self.described:
                return self.described[head.group(1).lower()]
            if re.search(r"\b(he|she)\b", self.text[s.start : said], re.I):
                at = self.sentences.index(s)
                for earlier in reversed(self.sentences[max(0, at - 3) : at]):
                    if earlier.of("Person"):
                        return earlier.of("Person")[-1].entity_id
        quoted = s.text.lstrip()[:1] in "\"“'‘" or self._inside_quote(s)
        if not quoted:
            return None
        at = self.sentences.index(s)
        for near in self.sentences[at - 1 : at][::-1] + self.sentences[at + 1 : at + 3]:
            if near.text.rstrip().endswith(":") and near.has("SAYS") and near.of("Person"):
                return near.of("Person")[0].entity_id
            if (
                not near.has("SAYS")
                and near.of("Person")
                and len(near.text) < 80
                and near.text.lstrip()[:1] not in '"“'
            ):
                return near.of("Person")[0].entity_id
        return None

    def _inside_quote(self, s: Sentence) -> bool:
        line_start = self.text.rfind("\n", 0, s.start) + 1
        return self.text[line_start : line_start + 1] in '"“'

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
                old_phrase, new_phrase = self.text[s.start : lo], _clause(after[by.end() :])
            elif with_:
                old_phrase, new_phrase = after[: with_.start()], _clause(after[with_.end() :])
            elif self.text[lo:hi].lower().endswith("s"):  # "B replaces A"
                old_phrase, new_phrase = _clause(after), self.text[s.start : lo]
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
            self.add("MADE", who[0], new[0], span, confidence, "replaced", **self.event_date(s))

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

    def supersessions(self) -> None:
        """A dropped pledge and a new, weaker (or stronger) one on the same subject, by one lab."""
        dropped = [f for f in self.findings if f.edge == "DROPPED"]
        made = [
            f
            for f in self.findings
            if f.edge == "MADE" and "_change" in f.properties and not f.properties.get("_past")
        ]
        for d in dropped:
            old = set(self.index._bags.get(d.to_id, {}))
            for m in made:
                if m.from_id != d.from_id or m.to_id == d.to_id:
                    continue
                new = set(self.index._bags.get(m.to_id, {}))
                if not old & new:
                    continue
                props = {"change": m.properties["_change"]}
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
            for k, v in f.properties.items():
                have.properties.setdefault(k, v)
        for f in out.values():
            if f.properties.pop("_past", False) and f.edge == "MADE":
                f.properties.pop("date", None)
                f.properties.pop("date_precision", None)
            f.properties.pop("_change", None)
            if f.properties.get("date_precision") == "day":
                f.properties.pop("date_precision")
            f.spans.sort()
        return sorted(out.values(), key=lambda f: (f.spans[0], f.edge))


def _precision(found: dates.Resolved) -> str | None:
    return None if found.precision == "day" else found.precision


def _clause(text: str) -> str:
    stop = CLAUSE_END.search(text)
    return text[: stop.start()] if stop else text


def _near(s: Sentence, label: str, pos: int, before: int) -> bool:
    return any(pos - before <= lo <= pos for lo, _ in s.cues.get(label, []))


def _role_at_end(text: str) -> bool:
    last = re.findall(r"[a-z&-]+", text)[-3:]
    return bool(last) and last[-1] in ROLE_HEADS


def _role_text(role: str) -> str:
    role = role.strip(" ,")
    return role[0].upper() + role[1:] if role and role[0].islower() else role


def _gist(text: str, limit: int = 200) -> str:
    """The sentence as a first draft of the criticism (the reviewer rewrites it)."""
    text = _sentence_case(_clause(text.strip(' "“”')))
    if len(text) <= limit:
        return text
    return text[: text.rfind(" ", 0, limit)].rstrip(",;: ") + " …"


def _sentence_case(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text[0].upper() + text[1:] if text else text

"""Reading a text for the rules: sentences, entity mentions, cue matches, and the helpers
the rules share (who acts, which commitment a phrase means, quotes, dates)."""

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
from ingest.extract.model import Finding, Proposed, SourceText
from ingest.extract.nlp import AGREEMENT, build, short_policy_names
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
        "global",
        "affairs",
        "public",
        "legal",
        "communications",
        "government",
        "international",
        "strategy",
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
# Words that refer back to the actor just named ("The company said ...", "The regulator ...").
REFERRING_NOUNS = frozenset(
    {"company", "firm", "lab", "startup", "regulator", "watchdog", "authority", "agency", "group"}
)
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
LATER = re.compile(r"\b(a|an|one|two|three|four|five|six|\d+)\s+(days?|weeks?)\s+later\b", re.I)
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

    index: int  # position in the text's list of sentences
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
        self.short = short_policy_names(list(records))
        self.nlp, self.matcher = build(list(records), self.short)
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


class Reading:
    """One text as the rules see it, and what they have found in it so far."""

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
        for sent in doc.sents:
            if not sent.text.strip():
                continue
            s = Sentence(len(self.sentences), sent, [])
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
        self.rater: tuple[str, dates.Resolved | None] | None = None  # who grades, and when

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
                whose = re.search(
                    r"\bwhose\s+[a-z -]+\s+(?:is|was)\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,3}$",
                    s.text[: match.start()],
                )
                owns = re.match(r"['’]s\s+", s.text[match.end() :])
                if not (
                    whose
                    or (owns and any(m.start == end + owns.end() for m in s.of(*MAKER_KINDS)))
                    or re.match(r",\s*who\b|\s+(?:said|says|wrote|told|argued|warned)\b", after)
                    or ends_with_role(before)
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
        """ "the Commission" or "the institute" after "the European Commission" or "the Future of
        Life Institute" (an organisation's last name-word), "the code" after "the Code of
        Practice" (an agreement's head noun)."""
        seen: dict[str, tuple[str, str, int]] = {}
        for s in self.sentences:
            for m in s.mentions:
                words = self.text[m.start : m.end].split()
                if m.kind in ORG_KINDS:
                    if len(words) > 1 and words[-1][:1].isupper() and len(words[-1]) > 3:
                        seen.setdefault(words[-1].lower(), (m.entity_id, m.kind, m.end))
                elif m.kind == "Commitment":
                    head = AGREEMENT.search(self.text[m.start : m.end])
                    if head:
                        seen.setdefault(head.group(1).lower(), (m.entity_id, m.kind, m.end))
        for word, (entity_id, kind, since) in seen.items():
            if word not in ROLE_WORDS and word not in STOP:
                self._add_mentions(
                    word, entity_id, kind, after=r"\bthe\s+$", fold=True, since=since
                )

    def _add_mentions(
        self,
        word: str,
        entity_id: str,
        kind: str,
        after: str = "",
        fold: bool = False,
        since: int = 0,
    ) -> None:
        flags = re.I if fold else 0
        for s in self.sentences:
            for match in re.finditer(rf"\b{re.escape(word)}\b", s.text, flags):
                start, end = s.start + match.start(), s.start + match.end()
                if start < since:
                    continue
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
        return self._later(s)

    def _later(self, s: Sentence) -> dates.Resolved | None:
        """ "two days later": counted from the last date the sentence before gives."""
        later = LATER.search(s.text)
        if later is None:
            return None
        # Counted from the last event reported before, else from the previous sentence's date.
        events = [
            f.properties["date"]
            for f in self.findings
            if f.spans[0][1] <= s.start
            and isinstance(f.properties.get("date"), dt.date)
            and f.properties.get("date_precision") in (None, "day")
        ]
        anchor: dates.Resolved | None = None
        if events:
            anchor = dates.Resolved(events[-1], "day")
        else:
            at = s.index
            before = self.sentences[at - 1] if at else None
            found = [
                dates.resolve(m.group(0), self.base)
                for m in _DATE.finditer(before.text if before else "")
                if self.source.published is not None or not RELATIVE.search(m.group(0))
            ]
            anchor = next((f for f in found if f is not None and f.precision == "day"), None)
        if anchor is None:
            return None
        count = NUMBERS.get(later.group(1).lower()) or int(later.group(1))
        days = count * (7 if later.group(2).lower().startswith("week") else 1)
        value = anchor.value.date() if isinstance(anchor.value, dt.datetime) else anchor.value
        return dates.Resolved(value + dt.timedelta(days=days), "day")

    def antecedent(self, s: Sentence, kinds: tuple[str, ...] = MAKER_KINDS) -> str | None:
        """Who "it" or "the company" is: the last such organisation named before, or the topic."""
        for earlier in reversed(self.sentences[: s.index]):
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

    def event_date(self, s: Sentence, in_policy: bool = False) -> dict[str, Any]:
        """The date a sentence gives its event; for a pledge in a policy the text publishes
        (``in_policy``), else the policy's date. No date is guessed from the article's."""
        found = self.date_in(s)
        if found is not None:
            return {"date": found.value, "date_precision": precision_of(found)}
        if in_policy and self.published_version is not None and self.published_version[1]:
            return {"date": self.published_version[1]}
        return {}

    def date_from_next(self, s: Sentence, actor: str, lookahead: int = 1) -> dict[str, Any]:
        """A date the following sentences give, when they go on about the same actor: named near
        their start, "it", "the company", or what the text called it ("the regulator")."""
        at = s.index
        for nxt in self.sentences[at + 1 : at + 1 + lookahead]:
            head = re.match(r"\s*[\"“]?(?:the\s+([a-z]+)|(it|he|she|they))\b", nxt.text, re.I)
            same = any(m.entity_id == actor for m in nxt.mentions if m.start - nxt.start < 30)
            if head and head.group(1):
                noun = head.group(1).lower()
                same = same or self.described.get(noun) == actor
                same = same or noun in REFERRING_NOUNS
            elif head:
                same = True
            if same:
                found = self.date_in(nxt)
                if found is not None and found.precision == "day":
                    return {"date": found.value, "date_precision": precision_of(found)}
        return {}

    def reported_date(self, s: Sentence) -> dict[str, Any]:
        """For pressure and criticism reported as news: the sentence's date, else the article's
        (approximate: the text says it happened, not when)."""
        found = self.date_in(s)
        if found is not None:
            return {"date": found.value, "date_precision": precision_of(found)}
        return {"date": self.base, "date_precision": "approximate"} if self.source.published else {}

    def _publisher(self) -> tuple[str, float] | None:
        if self.published_version is None:
            return None
        for f in self.findings:
            if f.edge == "PUBLISHED" and f.to_id == self.published_version[0]:
                return f.from_id, 0.85
        return None

    def _same_sentence(self, f: Finding, s: Sentence) -> bool:
        return any(s.start <= a and b <= s.end for a, b in f.spans)

    def _clause_end(self, s: Sentence, pos: int) -> int:
        rest = self.text[pos : s.end]
        stop = re.search(r"[;:.!?\"“”]|\s[–—]\s|,\s*(?:says|said)\b", rest)
        return pos + (stop.start() if stop else len(rest))

    def _owner_of(self, entity_id: str) -> str | None:
        for f in self.findings:
            if f.to_id == entity_id and f.edge in ("PUBLISHED", "MADE", "DEVELOPS"):
                return f.from_id
        return entity_id if self.kinds.get(entity_id) in MAKER_KINDS else None


def precision_of(found: dates.Resolved) -> str | None:
    return None if found.precision == "day" else found.precision


def first_clause(text: str) -> str:
    stop = CLAUSE_END.search(text)
    return text[: stop.start()] if stop else text


def cue_near(s: Sentence, label: str, pos: int, before: int) -> bool:
    return any(pos - before <= lo <= pos for lo, _ in s.cues.get(label, []))


def ends_with_role(text: str) -> bool:
    last = re.findall(r"[a-z&-]+", text)[-3:]
    return bool(last) and last[-1] in ROLE_HEADS


def role_text(role: str) -> str:
    role = role.strip(" ,")
    return role[0].upper() + role[1:] if role and role[0].islower() else role


def gist(text: str, limit: int = 200) -> str:
    """The sentence as a first draft of the criticism (the reviewer rewrites it)."""
    text = sentence_case(first_clause(text.strip(' "“”')))
    if len(text) <= limit:
        return text
    return text[: text.rfind(" ", 0, limit)].rstrip(",;: ") + " …"


def sentence_case(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text[0].upper() + text[1:] if text else text

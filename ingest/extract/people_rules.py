"""Rules for people: roles, founders, and who criticised what."""

from __future__ import annotations

import re
from typing import Any

from ingest.extract.commitments import STOP
from ingest.extract.model import Proposed
from ingest.extract.reading import (
    CONNECTORS,
    MAKER_KINDS,
    ORG_KINDS,
    ROLE_HEADS,
    ROLE_WORDS,
    Mention,
    Reading,
    Sentence,
    gist,
    role_text,
)
from ingest.fetch import slug


class PeopleRules(Reading):
    """Rules for people: roles, founders, and who criticised what."""

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
                    role=role_text(role),
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
        elif (
            k >= 1
            and tokens[k].lower_ in {"company", "firm", "lab", "startup", "group"}
            and tokens[k + 1].lower_ in {"'s", "’s"}
            and tokens[k - 1].lower_ == "the"
        ):
            # "the company's chief global affairs officer": the organisation spoken of last.
            found = self.antecedent(s)
            org = (found, 0.8) if found else None
            k -= 2
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

    def whose_roles(self, s: Sentence) -> None:
        """ "The institute, whose president is the physicist Max Tegmark"."""
        for m in s.of(*ORG_KINDS):
            found = re.match(
                r",\s*whose\s+((?:[a-z-]+\s+){0,4}?[a-z-]+)\s+(?:is|was)\s+"
                r"(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,3}?",
                self.text[m.end : s.end],
            )
            if not found or not any(w in ROLE_HEADS for w in found.group(1).split()):
                continue
            at = m.end + found.end()
            person = next(
                (p for p in s.of("Person") if p.start >= at - 1 and p.start <= at + 40), None
            )
            if person is None:
                continue
            self.add(
                "HOLDS_ROLE",
                person.entity_id,
                m.entity_id,
                self.quote(s, m.start, person.end),
                0.8,
                "whose-role",
                role=role_text(found.group(1)),
            )

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

    def criticism(self, s: Sentence) -> None:
        if not s.has("CRITIC"):
            return
        speaker = self._speaker(s)
        if speaker is None:
            return
        target: str | None = None
        confidence = 0.8
        talks_policy = re.search(r"\b(policy|framework|stance|principles|rules)\b", s.text, re.I)
        said = s.cues["SAYS"][0][0] if s.has("SAYS") else s.start
        named = [m for m in s.mentions if m.kind in ("PolicyVersion", "Policy", "Commitment")]
        named = [m for m in named if m.start >= said] or named
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
            criticism=gist(s.text),
            **self.reported_date(s),
        )

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
                at = s.index
                for earlier in reversed(self.sentences[max(0, at - 3) : at]):
                    if earlier.of("Person"):
                        return earlier.of("Person")[-1].entity_id
        quoted = s.text.lstrip()[:1] in "\"“'‘" or self._inside_quote(s)
        if not quoted:
            return None
        at = s.index
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

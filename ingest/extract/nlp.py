"""The spaCy pipeline: tokenizer, sentences, registry names as entities, cue phrases as matches.

No statistical model is used: ``spacy.blank("en")`` gives the tokenizer, a sentencizer splits
sentences (and every line break starts one, since news text puts headings and list items on
lines of their own), an EntityRuler built from the registry's names and aliases marks entities,
and a Matcher marks the cue phrases the rules look for.
"""

from __future__ import annotations

import re
from typing import Any

import spacy
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

from schema.records import EntityRecord

# Kinds the ruler marks; commitments are matched by what they say (commitments.py), not by name.
RULED_KINDS = (
    "Lab",
    "Company",
    "GovernmentBody",
    "Organisation",
    "Person",
    "Policy",
    "PolicyVersion",
    "AIModel",
)


def _rx(pattern: str) -> dict[str, Any]:
    return {"LOWER": {"REGEX": f"^(?:{pattern})$"}}


NEG = {"LOWER": {"IN": ["not", "n't", "never"]}}
ANY = {"IS_SPACE": False, "OP": "?"}

CUES: dict[str, list[list[dict[str, Any]]]] = {
    # A commitment given up.
    "DROP": [
        [
            {"LOWER": "no"},
            {"LOWER": "longer"},
            _rx(
                r"sticks?|stick|honou?rs?|abides?|keeps?|"
                r"maintains?|bound|commit(?:ted|s)?|be|hold"
            ),
        ],
        [
            _rx(
                r"scraps?|scrapped|scrapping|drops?|dropped|dropping|abandons?|abandoned|abandoning|"
                r"removes?|removed|removing|deletes?|deleted|deleting|ditch(?:es|ed|ing)?|"
                r"rescind(?:s|ed|ing)?|eliminat(?:es?|ed|ing)|strips?|stripped|stripping|"
                r"retracts?|retracted|reverses?|reversed|reversing|erased?|excised?"
            )
        ],
        [
            _rx(r"walk(?:s|ed|ing)?|scal(?:es?|ed|ing)|roll(?:s|ed|ing)?|pull(?:s|ed|ing)?"),
            {"LOWER": "back"},
        ],
        [_rx(r"backtrack(?:s|ed|ing)?|retreat(?:s|ed|ing)?")],
        [{"LOWER": {"IN": ["is", "was", "are", "were"]}}, {"LOWER": "gone"}],
        [{"LOWER": {"IN": ["quietly"]}}, _rx(r"[a-z]+ed")],
    ],
    # A commitment given.
    "COMMIT": [
        [
            _rx(
                r"pledg(?:es?|ed|ing)|commit(?:s|ted|ting)?|promis(?:es?|ed|ing)|vow(?:s|ed|ing)?|"
                r"undert(?:akes?|ook|aking)|swore|agree(?:s|d)?"
            ),
            {"LOWER": {"IN": ["to", "not", "that"]}},
        ],
        [
            _rx(r"pledges?|commitments?|promises?|vows?|undertaking"),
            {"LOWER": {"IN": ["to", "not"]}},
        ],
        [_rx(r"plans?|planned|intends?|intended"), {"LOWER": "to"}],
    ],
    "RESTRICT": [
        [
            _rx(r"restrictions?|guardrails?|prohibitions?|bans?|limits?|red"),
            {"LOWER": "lines", "OP": "?"},
            _rx(r"on|against|prohibiting|barring|forbidding|banning"),
        ],
        [
            _rx(r"prohibits?|prohibited|forbids?|forbade|bans?|banned|bars?|barred"),
            _rx(r"the|its|their|any|use|using|mass|military|fully"),
        ],
    ],
    "PAST": [
        [
            _rx(
                r"previous|previously|earlier|original|originally|once|formerly|old|had|"
                r"long-standing|longstanding|former"
            )
        ]
    ],
    "NEWPOLICY": [
        [
            _rx(r"new|updated|revised|latest"),
            {"LOWER": {"REGEX": r"^[a-z-]+$"}, "OP": "?"},
            _rx(r"policy|framework|version|principles|rules|guidelines"),
        ],
        [{"LOWER": "under"}, {"LOWER": "the"}, _rx(r"new|updated|revised")],
    ],
    "INCLUDES": [[_rx(r"includes?|included|including|contains?|adds?|added|keeps?|retains?")]],
    "WEAKER": [
        [{"LOWER": "but"}, {"LOWER": "only"}],
        [_rx(r"more|far|much"), _rx(r"limited|narrow|narrower|restricted|weaker|lenient")],
        [
            _rx(
                r"weaker|weakened|weakens|narrower|narrowed|watered|diluted|softer|softened|"
                r"lowered|loosened|relaxed"
            )
        ],
    ],
    "STRONGER": [[_rx(r"stronger|strengthened|strengthens|stricter|tightened|tougher|expanded")]],
    "REPLACE": [
        [_rx(r"replac(?:es?|ed|ing)|supersed(?:es?|ed|ing)|succeed(?:s|ed)")],
    ],
    "NONBINDING": [
        [_rx(r"non-binding|nonbinding|aspirational|aspirations?|voluntary")],
        [{"LOWER": "no"}, {"LOWER": "longer"}, {"LOWER": "binding"}],
        [{"LOWER": "not"}, {"LOWER": "binding"}],
    ],
    "BINDING": [[{"LOWER": "binding"}]],
    # Pressure: a deadline, a demand, an investigation, a letter, a suit, an order.
    "DEADLINE": [
        [
            _rx(r"gave|given|give|gives|giving|issued|set|sets|imposed"),
            ANY,
            ANY,
            _rx(r"an?|the"),
            _rx(r"deadline|ultimatum"),
        ],
        [_rx(r"deadline|ultimatum"), {"LOWER": {"IN": ["of", "to", "for"]}}],
    ],
    "DEMAND": [
        [
            _rx(
                r"urg(?:es?|ed|ing)|press(?:es|ed|ing)|pressur(?:es?|ed|ing)|"
                r"demand(?:s|ed|ing)?|order(?:s|ed|ing)?|warn(?:s|ed|ing)?|"
                r"threat(?:ens?|ened|ening)|told|asked|called|summon(?:s|ed)"
            )
        ]
    ],
    "INVESTIGATION": [
        [
            _rx(
                r"investigations?|inquiry|inquiries|probes?|probing|investigat(?:es?|ed|ing)|"
                r"proceedings"
            )
        ]
    ],
    "LETTER": [[_rx(r"letters?|wrote")]],
    "LAWSUIT": [[_rx(r"sued|sues|sue|lawsuits?|suit")]],
    "BAN": [[_rx(r"blocked|blocks|halted|suspended|banned|bans")]],
    # Criticism.
    "CRITIC": [
        [
            _rx(
                r"criticis(?:e|es|ed|ing)|criticiz(?:e|es|ed|ing)|slam(?:s|med)|blast(?:s|ed)|"
                r"condemn(?:s|ed)|decr(?:y|ies|ied)|weaker|weakens|weakened|gone|troubling|"
                r"disappointing|reckless|irresponsible|alarming|betray(?:s|ed|al)?|"
                r"undermin(?:es?|ed|ing)|backslid(?:e|ing)?|step|breach|dangerous|worrying|"
                r"backseat|sidelined|deprioriti[sz]ed|neglect(?:s|ed|ing)?|accus(?:e|es|ed|ing)|"
                r"broke|breached|violated|concerned|concerns"
            )
        ]
    ],
    "SAYS": [
        [
            _rx(
                r"says|said|say|argued|argues|warned|warns|told|wrote|added|noted|stated|called|"
                r"calls|accused|accuses"
            )
        ]
    ],
    # Publications, models, authorisations, signatures, ratings.
    "PUBLISH": [
        [
            _rx(
                r"publish(?:es|ed|ing)?|releas(?:es?|ed|ing)|unveil(?:s|ed|ing)?|"
                r"introduc(?:es?|ed|ing)|launch(?:es|ed|ing)?|shared|posted|announced|"
                r"issued|updated|revised"
            )
        ],
        [{"LOWER": "blog"}, {"LOWER": "post"}],
        [{"LOWER": "version"}, {"LIKE_NUM": True}],
    ],
    "AUTHORIZE": [[_rx(r"authori[sz]ed|approved|cleared|accredited|certified")]],
    "BREACH": [
        [NEG, _rx(r"fulfil(?:l|led|s|ls)?|meet|met|honou?r(?:ed)?|keep|kept|deliver(?:ed)?")],
        [{"LOWER": "failed"}, {"LOWER": "to"}, _rx(r"fulfil|fulfill|meet|honou?r|keep|deliver")],
        [
            _rx(r"broke|broken|breach(?:ed|es)?|violat(?:ed|es|ing)|missed|ignored|flouted"),
            _rx(r"its|their|the|a|that|this|his|her"),
            {"LOWER": {"REGEX": r"^(?:[a-z-]+|'s|’s)$"}, "OP": "{0,3}"},
            _rx(r"pledges?|commitments?|promises?|principles|policy|rules|deadline|threshold"),
        ],
        [_rx(r"that|the|this"), _rx(r"date|deadline"), _rx(r"passed|lapsed|slipped")],
        [
            _rx(r"released|launched|shipped|deployed"),
            {"IS_SPACE": False, "OP": "{0,3}"},
            _rx(r"anyway|regardless"),
        ],
    ],
    "FULFIL": [[_rx(r"fulfil(?:l|led|s|ls)|delivered|honou?red|kept|met")]],
    "SIGN": [[_rx(r"signed|signs|sign|joined|endorsed|signatories|signatory")]],
    "DECLINE": [
        [
            _rx(r"declined|refused|refuses|declines|rejected"),
            {"LOWER": "to", "OP": "?"},
            {"LOWER": {"IN": ["sign", "join", "endorse"]}},
        ]
    ],
    "RECEIVE": [
        [_rx(r"received|receives|got|gets|earned|earns")],
        [_rx(r"was|were"), {"LOWER": "given"}],
    ],
    "RATE": [
        [_rx(r"rated|rates|graded|grades|ranked|ranks")],
        [
            _rx(r"gave|gives|awarded"),
            {"IS_SPACE": False, "OP": "{0,4}"},
            _rx(r"scores?|grades?|ratings?"),
        ],
    ],
    "PART": [
        [
            {"LOWER": {"IN": ["unit", "division", "subsidiary", "arm", "lab", "part"]}},
            {"LOWER": "of"},
        ]
    ],
}


def short_policy_names(records: list[EntityRecord]) -> dict[str, tuple[str, str]]:
    """Policy names without the organisation's name in front ("xAI Risk Management Framework":
    "risk management framework"), where only one policy has that remainder: the policy's id and
    the organisation's."""
    orgs = [
        (str(n), r.id)
        for r in records
        if r.kind in ("Lab", "Company", "Organisation", "GovernmentBody")
        for n in [r.properties.get("name"), *r.properties.get("aliases", [])]
        if n
    ]
    taken = {
        str(n).casefold()
        for r in records
        for n in [r.properties.get("name"), *r.properties.get("aliases", [])]
        if n
    }
    found: dict[str, set[tuple[str, str]]] = {}
    for record in records:
        if record.kind not in ("Policy", "PolicyVersion"):
            continue
        for name in [record.properties.get("name"), *record.properties.get("aliases", [])]:
            for org, org_id in orgs:
                if isinstance(name, str) and name.startswith(org + " "):
                    rest = name[len(org) + 1 :]
                    if len(rest.split()) >= 2 and rest.casefold() not in taken:
                        found.setdefault(rest.casefold(), set()).add((record.id, org_id))
    return {rest: next(iter(ids)) for rest, ids in found.items() if len(ids) == 1}


AGREEMENT = re.compile(
    r"\b(Code|Commitments|Pledge|Declaration|Accord|Agreement|Charter|Compact)\b"
)


def is_agreement(record: EntityRecord) -> bool:
    """A commitment with a proper name, as agreements have ("... Code of Practice"): named in the
    text like an organisation, unlike a lab's own pledges, which are matched by what they say."""
    names = [record.properties.get("name"), *record.properties.get("aliases", [])]
    return record.kind == "Commitment" and any(
        isinstance(n, str) and AGREEMENT.search(n) for n in names
    )


def _patterns(
    nlp: Language, records: list[EntityRecord], short: dict[str, tuple[str, str]]
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    kinds = {r.id: r.kind for r in records}
    for rest, (policy_id, _org) in short.items():
        out.append({"label": kinds[policy_id], "id": policy_id, "pattern": rest})
    for record in records:
        if record.kind not in RULED_KINDS and not is_agreement(record):
            continue
        names = [record.properties.get("name"), *record.properties.get("aliases", [])]
        for name in names:
            if not isinstance(name, str) or not name.strip():
                continue
            pattern: Any = name
            if len(name) <= 3 or name.isupper():
                # Short or all-capital names (X, RSP, AISI) match only as written.
                pattern = [{"ORTH": token.text} for token in nlp.make_doc(name)]
            out.append({"label": record.kind, "id": record.id, "pattern": pattern})
    return out


@Language.component("line_breaks_start_sentences")
def line_breaks_start_sentences(doc: Doc) -> Doc:
    """A line break starts a sentence after a blank line, a finished sentence or a heading, and
    before a list item or a quoted paragraph; a hard-wrapped line runs on."""
    text = doc.text
    for token in doc[1:]:
        gap = doc[token.i - 1].whitespace_ + (
            doc[token.i - 1].text if doc[token.i - 1].is_space else ""
        )
        if "\n" not in gap:
            continue
        line_start = text.rfind("\n", 0, text.rfind("\n", 0, token.idx)) + 1
        previous = text[line_start : token.idx].strip()
        if (
            "\n\n" in gap
            or not previous
            or previous[-1] in ".!?:\"”’'"
            or len(previous) < 80
            or token.text[:1] in '-•*"“‘'
        ):
            token.is_sent_start = True
    return doc


def build(
    records: list[EntityRecord], short: dict[str, tuple[str, str]]
) -> tuple[Language, Matcher]:
    """The pipeline for one registry (``short``: its policies' names without their owner, from
    `short_policy_names`), and the cue matcher over its vocabulary."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("line_breaks_start_sentences")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    ruler.add_patterns(_patterns(nlp, records, short))  # type: ignore[attr-defined]
    matcher = Matcher(nlp.vocab)
    for label, pattern_list in CUES.items():
        matcher.add(label, pattern_list)
    return nlp, matcher

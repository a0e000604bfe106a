"""A synthetic data folder of the schema's shape, at a chosen number of statements, for benchmarks.

Usage: python bench/synthetic.py OUT --edges 100000 [--seed 1]

Writes ``OUT/data`` (entities.yaml and one folder per source, in the curated data's format) and
``OUT/texts`` (each source's text, holding its quotes), so the data goes through the real ingest
path: YAML reading, entity resolution, validation, quote checks against the text archive, content
hashes, and the loader. The same seed and size always write the same files.

The graph grows by adding labs, each with the same neighbourhood (about 120 statements): a policy
with three versions, 24 commitments in supersession chains of three, drops, fulfilments and breaches,
pressure from a shared pool of officials and government bodies, people in roles, criticism, models
and authorisations. So a question about one lab has an answer of the same size at every scale, and
its cost should not grow with the graph.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

STATEMENTS_PER_LAB = 120  # about; `generate` stops at the asked number exactly
COMMITMENTS = 24
CHAIN = 3
FACTS_PER_SOURCE = 30
OFFICIALS = 60
BODIES = 20
CHANGES = ("weakened", "strengthened", "replaced")
SEVERITY = ("slight", "moderate", "major")
TOPICS = (  # what a pledge promises, and its category in the schema
    ("pause training", "scaling"),
    ("publish evaluations", "transparency"),
    ("share model cards", "transparency"),
    ("red-team frontier models", "deployment"),
    ("report incidents", "governance"),
    ("limit military use", "usage_restriction"),
    ("protect model weights", "security"),
    ("fund safety research", "research"),
)


@dataclass
class Fact:
    """One fact of a source, with its quotes."""

    fields: dict[str, Any]
    quotes: list[str]


@dataclass
class Summary:
    """What was written."""

    labs: int = 0
    entities: int = 0
    sources: int = 0
    statements: int = 0
    by_edge: dict[str, int] = field(default_factory=dict)


def _y(value: Any) -> str:
    """A YAML scalar: JSON strings and numbers are valid YAML flow scalars."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.datetime):
        return value.isoformat()
    return json.dumps(value, ensure_ascii=False)


def _entity_yaml(entity: dict[str, Any]) -> str:
    lines = [f"- id: {entity['id']}"]
    lines += [f"  {k}: {_y(v)}" for k, v in entity.items() if k != "id"]
    return "\n".join(lines) + "\n"


def _fact_yaml(fact: Fact) -> str:
    items = list(fact.fields.items())
    lines = [f"- {items[0][0]}: {_y(items[0][1])}"]
    lines += [f"  {k}: {_y(v)}" for k, v in items[1:]]
    lines.append("  evidence:")
    lines += [f"  - quote: {_y(q)}" for q in fact.quotes]
    return "\n".join(lines) + "\n"


def _day(rng: random.Random, year: int) -> dt.date:
    return dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))


class _Lab:
    """One lab's entities and facts."""

    def __init__(self, n: int, rng: random.Random) -> None:
        self.n = n
        self.rng = rng
        self.id = f"lab-{n}"
        self.name = f"Lab {n}"
        self.entities: list[dict[str, Any]] = []
        self.facts: list[Fact] = []

    def say(self, quote: str, **fields: Any) -> None:
        fields = {k: v for k, v in fields.items() if v is not None}
        quotes = [quote]
        if self.rng.random() < 0.1:  # a tenth of the facts rest on two quotes
            quotes.append(f"{quote[:-1]}, a spokesperson confirmed.")
        self.facts.append(Fact({"from": fields.pop("frm"), **fields}, quotes))

    def build(self) -> None:
        rng, lab, name = self.rng, self.id, self.name
        self.entities.append(
            {
                "id": lab,
                "kind": "Lab",
                "name": name,
                "description": f"Synthetic lab number {self.n}.",
            }
        )
        policy = f"{lab}-policy"
        self.entities.append({"id": policy, "kind": "Policy", "name": f"{name} Safety Policy"})
        self.say(f"{name} published its safety policy.", frm=lab, edge="PUBLISHED", to=policy)
        versions = []
        for v in range(1, 4):
            vid = f"{policy}-v{v}"
            published = _day(rng, 2021 + v)
            versions.append((vid, published))
            self.entities.append(
                {
                    "id": vid,
                    "kind": "PolicyVersion",
                    "name": f"{name} Safety Policy v{v}.0",
                    "version": f"{v}.0",
                    "published": published,
                }
            )
            self.say(
                f"{name} released version {v}.0 of its safety policy.",
                frm=lab,
                edge="PUBLISHED",
                to=vid,
                date=published,
            )
            self.say(
                f"Version {v}.0 is the latest edition of the {name} policy.",
                frm=vid,
                edge="PART_OF",
                to=policy,
            )
        for c in range(COMMITMENTS):
            cid = f"{lab}-c{c}"
            step = c % CHAIN
            topic, category = TOPICS[(c // CHAIN) % len(TOPICS)]
            self.entities.append(
                {
                    "id": cid,
                    "kind": "Commitment",
                    "name": f"{name} pledge {c}: {topic}",
                    "text": f"{name} will {topic} (edition {step + 1}).",
                    "category": category,
                }
            )
            vid, published = versions[step]
            self.say(
                f"Under version {step + 1}.0, {name} pledged to {topic} ({c}).",
                frm=lab,
                edge="MADE",
                to=cid,
                date=published,
                binding=rng.choice(("binding", "non_binding")),
            )
            self.say(
                f"The pledge to {topic} ({c}) is part of version {step + 1}.0.",
                frm=cid,
                edge="PART_OF",
                to=vid,
            )
            if step < CHAIN - 1:
                self.say(
                    f"Version {step + 2}.0 rewrote the pledge to {topic} ({c}).",
                    frm=cid,
                    edge="SUPERSEDED_BY",
                    to=f"{lab}-c{c + 1}",
                    date=versions[step + 1][1],
                    change=rng.choice(CHANGES),
                    severity=rng.choice(SEVERITY),
                    judged_by="curators",
                    basis="The article says how the new wording compares.",
                )
            roll = rng.random()
            if step == CHAIN - 1 and roll < 0.5:
                self.say(
                    f"{name} quietly dropped its pledge to {topic} ({c}).",
                    frm=lab,
                    edge="DROPPED",
                    to=cid,
                    date=_day(rng, 2025),
                    severity=rng.choice(SEVERITY),
                    disclosure=rng.choice(("announced", "unannounced")),
                    judged_by="curators",
                    basis="The article says the pledge was dropped quietly.",
                )
            elif roll < 0.3:
                self.say(
                    f"{name} met its pledge to {topic} ({c}).",
                    frm=lab,
                    edge="FULFILLED",
                    to=cid,
                    date=_day(rng, 2024),
                    extent=rng.choice(("full", "partial")),
                )
            elif roll < 0.4:
                self.say(
                    f"{name} acted against its pledge to {topic} ({c}).",
                    frm=lab,
                    edge="BREACHED",
                    to=cid,
                    date=_day(rng, 2025),
                    breach=f"Shipped without the step it promised on {topic}.",
                )
        for k in range(4):
            pid = f"{lab}-person-{k}"
            self.entities.append({"id": pid, "kind": "Person", "name": f"Person {k} of {name}"})
            role = ("chief executive", "head of safety", "chief scientist", "policy lead")[k]
            self.say(
                f"Person {k} serves as {role} of {name}.",
                frm=pid,
                edge="HOLDS_ROLE",
                to=lab,
                role=role,
                start=_day(rng, 2020 + k),
            )
            if k < 2:
                self.say(
                    f"Person {k} criticised the changes to the {name} policy.",
                    frm=pid,
                    edge="CRITICIZED",
                    to=versions[2][0],
                    criticism="The new version weakens earlier pledges.",
                    date=versions[2][1],
                )
        for p in range(8):
            who = rng.randrange(OFFICIALS + BODIES)
            official = f"official-{who}" if who < OFFICIALS else f"body-{who - OFFICIALS}"
            when = _day(rng, 2024 + p % 3)
            self.say(
                f"{official.replace('-', ' ').title()} pressed {name} to drop its limits ({p}).",
                frm=official,
                edge="PRESSURED",
                to=lab,
                date=when,
                demand="Lift the limits on military use.",
                deadline=dt.datetime.combine(when + dt.timedelta(days=7), dt.time(17, 0)),
                threat="Losing government contracts." if p % 2 else None,
            )
        for m in range(3):
            mid = f"{lab}-model-{m}"
            self.entities.append({"id": mid, "kind": "AIModel", "name": f"{name} Model {m}"})
            self.say(f"{name} develops Model {m}.", frm=lab, edge="DEVELOPS", to=mid)
            if m < 2:
                body = f"body-{rng.randrange(BODIES)}"
                self.say(
                    f"{body.replace('-', ' ').title()} cleared Model {m} of {name} for use.",
                    frm=body,
                    edge="AUTHORIZED",
                    to=mid,
                    date=_day(rng, 2025),
                    scope="Classified work.",
                )
        for c in rng.sample(range(COMMITMENTS), 3):
            who = f"official-{rng.randrange(OFFICIALS)}"
            self.say(
                f"{who.replace('-', ' ').title()} called pledge {c} of {name} inadequate.",
                frm=who,
                edge="CRITICIZED",
                to=f"{lab}-c{c}",
                criticism="Too weak to matter.",
            )


def _shared_entities() -> list[dict[str, Any]]:
    out = [
        {"id": f"official-{i}", "kind": "Person", "name": f"Official {i}"} for i in range(OFFICIALS)
    ]
    out += [
        {"id": f"body-{i}", "kind": "GovernmentBody", "name": f"Body {i}", "country": "US"}
        for i in range(BODIES)
    ]
    return out


def generate(out: Path, edges: int, seed: int = 1) -> Summary:
    """Write ``out/data`` and ``out/texts`` holding ``edges`` statements (exactly)."""
    rng = random.Random(seed)
    data, texts = out / "data", out / "texts"
    (data / "sources").mkdir(parents=True, exist_ok=True)
    texts.mkdir(parents=True, exist_ok=True)
    shared = _shared_entities()
    (data / "entities.yaml").write_text(
        "entities:\n" + "".join(_entity_yaml(e) for e in shared), encoding="utf-8"
    )
    summary = Summary(entities=len(shared))
    n = 0
    while summary.statements < edges:
        lab = _Lab(n, rng)
        lab.build()
        summary.labs += 1
        facts: list[Fact] = []
        for fact in lab.facts:
            room = edges - summary.statements
            if room <= 0:
                break
            fact.quotes = fact.quotes[:room]
            summary.statements += len(fact.quotes)
            edge = str(fact.fields["edge"])
            summary.by_edge[edge] = summary.by_edge.get(edge, 0) + len(fact.quotes)
            facts.append(fact)
        chunks = [facts[i : i + FACTS_PER_SOURCE] for i in range(0, len(facts), FACTS_PER_SOURCE)]
        for s, chunk in enumerate(chunks):
            sid = f"news-{lab.id}-{s}"
            folder = data / "sources" / sid
            folder.mkdir(exist_ok=True)
            published = dt.date(2026, 1, 1) + dt.timedelta(days=(n * 7 + s) % 300)
            (folder / "source.yaml").write_text(
                f"id: {sid}\nname: {_y(f'Report {s} on {lab.name}')}\npublisher: Synthetic Wire\n"
                f"url: https://news.example/{sid}\npublished: {published}\nlanguage: en\n",
                encoding="utf-8",
            )
            claims = "facts:\n" + "".join(_fact_yaml(f) for f in chunk)
            if s == 0:  # the lab's own entities are declared by its first report
                claims = "entities:\n" + "".join(_entity_yaml(e) for e in lab.entities) + claims
            (folder / "claims.yaml").write_text(claims, encoding="utf-8")
            body = " ".join(q for f in chunk for q in f.quotes)
            (texts / f"{sid}.txt").write_text(f"{lab.name} news. {body}\n", encoding="utf-8")
            summary.sources += 1
        summary.entities += len(lab.entities)
        n += 1
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--edges", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(generate(args.out, args.edges, args.seed))


if __name__ == "__main__":
    main()

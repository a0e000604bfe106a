"""Write a draft as a claims file in the project's format, every item marked for review."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ingest.extract.model import Draft
from schema.records import EntityRecord

PROPOSED = "proposed"


def _flow(**items: Any) -> CommentedMap:
    out = CommentedMap(items)
    out.fa.set_flow_style()
    return out


def _value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    return value


def draft_document(
    draft: Draft, registry: list[EntityRecord], extractor: str, when: dt.date
) -> CommentedMap:
    """The draft as a YAML document: proposed entities, then proposed facts with their quotes."""
    names = {r.id: str(r.properties.get("name", r.id)) for r in registry}
    names.update({p.id: p.name for p in draft.proposed})
    doc = CommentedMap()
    source = draft.source
    doc.yaml_set_start_comment(
        f"Draft claims for {source.source_id}, written by `pledgegraph extract` ({extractor} "
        f"extractor) on {when}.\n"
        "Every entity and fact below is `review: proposed` and is not loaded until a reviewer "
        "marks it\n`review: accepted` (or `rejected`). Check each quote, the ends and the "
        "properties; rewrite\nnotes and criticism in your own words. `pledgegraph diff FILE` shows "
        "what accepting adds."
    )
    if draft.proposed:
        entities = CommentedSeq()
        for p in draft.proposed:
            item = CommentedMap(id=p.id, kind=p.kind, name=p.name)
            for key, value in p.properties.items():
                item[key] = value
            item["review"] = PROPOSED
            entities.append(item)
        doc["entities"] = entities
    facts = CommentedSeq()
    for f in draft.facts:
        item = CommentedMap()
        item["from"] = f.from_id
        item.yaml_add_eol_comment(names.get(f.from_id, ""), "from")
        item["edge"] = f.edge
        item["to"] = f.to_id
        item.yaml_add_eol_comment(names.get(f.to_id, ""), "to")
        for key, value in f.properties.items():
            item[key] = _value(value)
        item["review"] = PROPOSED
        item["confidence"] = round(f.confidence, 2)
        item.yaml_add_eol_comment("rules: " + ", ".join(f.rules), "confidence")
        evidence = CommentedSeq()
        for span in f.spans:
            quote = CommentedMap(quote=draft.quote(span))
            if source.sha256:
                quote["verified"] = _flow(span=_flow_list(span), sha256=source.sha256)
            evidence.append(quote)
        item["evidence"] = evidence
        facts.append(item)
    doc["facts"] = facts
    return doc


def _flow_list(span: tuple[int, int]) -> CommentedSeq:
    out = CommentedSeq([span[0], span[1]])
    out.fa.set_flow_style()
    return out


def draft_yaml(draft: Draft, registry: list[EntityRecord], extractor: str, when: dt.date) -> str:
    """The draft as claims-file text."""
    yaml = YAML()
    yaml.width = 110
    yaml.representer.ignore_aliases = lambda *_: True  # a shared date is written out each time
    yaml.indent(mapping=2, sequence=2, offset=0)
    out = io.StringIO()
    yaml.dump(draft_document(draft, registry, extractor, when), out)
    return out.getvalue()

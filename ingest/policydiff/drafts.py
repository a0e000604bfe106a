"""A policy diff drafted as facts for review, in the claims format `extract` writes.

Each version gets its own claims file, since a statement quotes the source it is taken from: the
new version's file holds the replacements (quoting the new wording), the new commitments and the
new version; the old version's file holds the same replacements quoting the old wording, under the
same `event` key (one event, a quote from each version), and the commitments dropped. Both files
declare every proposed entity (the versions and the commitments), so each is checked on its own.
Every item is `review: proposed`, with the rules that fired beside its confidence.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ingest.policydiff import PolicyDiff
from ingest.policydiff.inputs import Version
from ingest.policydiff.passages import Passage
from ingest.policydiff.rules import Classified, duty

PROPOSED = "proposed"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "x"


@dataclass
class VersionDraft:
    version: Version
    version_id: str
    entities: list[CommentedMap] = field(default_factory=list)
    facts: list[CommentedMap] = field(default_factory=list)


def _flow(value: Any) -> Any:
    if isinstance(value, dict):
        out = CommentedMap(value)
        out.fa.set_flow_style()
        return out
    seq = CommentedSeq(value)
    seq.fa.set_flow_style()
    return seq


def _evidence(version: Version, passage: Passage, support: str) -> CommentedSeq:
    item = CommentedMap(quote=passage.text)
    if version.sha256:
        item["verified"] = _flow(
            {"span": _flow([passage.start, passage.end]), "sha256": version.sha256}
        )
    item["support"] = support
    return CommentedSeq([item])


def _fact(
    frm: str,
    edge: str,
    to: str,
    props: dict[str, Any],
    confidence: float,
    rules: str,
    evidence: CommentedSeq,
) -> CommentedMap:
    item = CommentedMap()
    item["from"] = frm
    item["edge"] = edge
    item["to"] = to
    for key, value in props.items():
        item[key] = value
    item["review"] = PROPOSED
    item["confidence"] = confidence
    item.yaml_add_eol_comment(f"rules: {rules}", "confidence")
    item["evidence"] = evidence
    return item


def _name(passage: Passage) -> str:
    text = passage.text
    if len(text) <= 100:
        return text.rstrip(".")
    cut = text[:100].rsplit(" ", 1)[0]
    return cut + " ..."


def _commitment(version_id: str, passage: Passage, version: Version) -> CommentedMap:
    item = CommentedMap(id=f"{version_id}-p{passage.index}", kind="Commitment", name=_name(passage))
    item["category"] = "other"
    item["text"] = f"As {version.label} words it: {passage.text}"
    item["review"] = PROPOSED
    item.yaml_add_eol_comment(
        "rewrite name and text in the project's own words; set the category", "review"
    )
    return item


def draft_versions(
    diff: PolicyDiff,
    old: Version,
    new: Version,
    policy_id: str,
    lab_id: str,
    matches: dict[int, dict[str, Any]],
    published: dt.date | None = None,
) -> tuple[VersionDraft, VersionDraft]:
    """The facts a reviewer checks: the new version, replacements, drops and new commitments."""
    od = VersionDraft(old, f"{policy_id}-{slug(old.label)}")
    nd = VersionDraft(new, f"{policy_id}-{slug(new.label)}")
    for draft, label in ((od, old.label), (nd, new.label)):
        entity = CommentedMap(id=draft.version_id, kind="PolicyVersion", name=f"{label}")
        entity["version"] = label
        if draft is nd and published:
            entity["published"] = published
        entity["review"] = PROPOSED
        draft.entities.append(entity)
    first = diff.new[0] if diff.new else None
    if first is not None:
        nd.facts.append(
            _fact(
                lab_id,
                "PUBLISHED",
                nd.version_id,
                {"date": published} if published else {},
                0.9,
                "new version",
                _evidence(new, first, f"The opening of {new.label}, the version published."),
            )
        )
        nd.facts.append(
            _fact(
                nd.version_id,
                "PART_OF",
                policy_id,
                {},
                0.9,
                "new version",
                _evidence(new, first, f"The opening of {new.label}, a version of the policy."),
            )
        )
    dated = {"date": published} if published else {}
    for number, c in enumerate(diff.changes):
        _draft_change(number, c, od, nd, policy_id, lab_id, matches, dated)
    # Each file declares every proposed entity, so each can be checked and reviewed on its own
    # (the same declaration twice is one entity; edit both copies alike).
    shared = od.entities + nd.entities
    od.entities, nd.entities = list(shared), list(shared)
    return od, nd


def _commitment_id(
    draft: VersionDraft, passage: Passage, matched: dict[str, Any] | None, lab_id: str, rules: str
) -> str:
    """The registry's commitment the passage states, else a proposed one the lab made in that
    version (with its MADE and PART_OF facts, quoting the passage)."""
    if matched:
        return str(matched["id"])
    draft.entities.append(_commitment(draft.version_id, passage, draft.version))
    cid = f"{draft.version_id}-p{passage.index}"
    _made(draft, lab_id, cid, passage, rules)
    return cid


def _draft_change(
    number: int,
    c: Classified,
    od: VersionDraft,
    nd: VersionDraft,
    policy_id: str,
    lab_id: str,
    matches: dict[int, dict[str, Any]],
    dated: dict[str, Any],
) -> None:
    """Draft one change: a replacement in both files, a drop in the old one, a new commitment.
    With the new version's publication date, the replacement and the drop carry it."""
    change = c.change
    rules = ", ".join(f"{f.rule} ({f.detail})" for f in c.fired) or "no rule fired"
    matched = matches.get(number)
    if change.kind == "edited" and change.old and change.new and change.old.kind == "sentence":
        if not c.fired and not (duty(change.old.text)[0] or duty(change.new.text)[0]):
            return  # an edit that states no duty and that no rule reads as a change of one
        old_id = _commitment_id(od, change.old, matched, lab_id, rules)
        new_id = _commitment_id(nd, change.new, None, lab_id, rules)
        event = f"{policy_id}-{slug(od.version.label)}-to-{slug(nd.version.label)}-{number}"
        props = {
            **dated,
            "change": c.verdict,
            "judged_by": "curators",
            "basis": f"Drafted by policy-diff from the rules that fired: {rules}. Check and reword.",
            "event": event,
        }
        confidence = 0.8 if c.fired else 0.5
        for draft, passage in ((nd, change.new), (od, change.old)):
            draft.facts.append(
                _fact(
                    old_id,
                    "SUPERSEDED_BY",
                    new_id,
                    props,
                    confidence,
                    rules,
                    _evidence(draft.version, passage, f"The wording in {draft.version.label}."),
                )
            )
    elif change.kind == "removed" and change.old and change.old.kind == "sentence":
        if not duty(change.old.text)[0]:
            return
        old_id = _commitment_id(od, change.old, matched, lab_id, rules)
        props = {
            **dated,
            "note": f"Absent from {nd.version.label} (policy-diff found no replacement).",
        }
        od.facts.append(
            _fact(
                lab_id,
                "DROPPED",
                old_id,
                props,
                0.7,
                rules,
                _evidence(
                    od.version,
                    change.old,
                    f"The commitment as {od.version.label} states it; {nd.version.label} leaves it out.",
                ),
            )
        )
    elif change.kind == "added" and change.new and change.new.kind == "sentence":
        if duty(change.new.text)[0] < 2:
            return
        _commitment_id(nd, change.new, None, lab_id, rules)


def _made(nd: VersionDraft, lab_id: str, commitment: str, passage: Passage, rules: str) -> None:
    """The lab made the commitment, a passage of this version."""
    nd.facts.append(
        _fact(
            lab_id,
            "MADE",
            commitment,
            {},
            0.7,
            rules,
            _evidence(nd.version, passage, f"The commitment as {nd.version.label} states it."),
        )
    )
    nd.facts.append(
        _fact(
            commitment,
            "PART_OF",
            nd.version_id,
            {},
            0.7,
            rules,
            _evidence(nd.version, passage, f"A passage of {nd.version.label}."),
        )
    )


def draft_yaml(draft: VersionDraft, old_label: str, new_label: str, when: dt.date) -> str:
    """One version's draft as a claims file, every item `review: proposed`."""
    doc = CommentedMap()
    doc.yaml_set_start_comment(
        f"Draft claims for {draft.version.source_id or draft.version.label}, written by `pledgegraph "
        f"policy-diff` ({old_label} -> {new_label}) on {when}.\n"
        "Every entity and fact below is `review: proposed` and is not loaded until a reviewer marks "
        "it\n`review: accepted` (or `rejected`). A replacement appears in both versions' drafts under "
        "one `event`,\neach quoting its own version. `pledgegraph diff FILE --source ID` shows what "
        "accepting adds."
    )
    if draft.entities:
        doc["entities"] = CommentedSeq(draft.entities)
    doc["facts"] = CommentedSeq(draft.facts)
    yaml = YAML()
    yaml.width = 100
    yaml.indent(mapping=2, sequence=2, offset=0)
    out = io.StringIO()
    yaml.dump(doc, out)
    return out.getvalue()

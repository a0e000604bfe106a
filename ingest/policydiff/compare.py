"""Compare two versions of a policy the registry knows: read both texts, find who publishes the
policy and which commitments belong to it, align, classify and match passages to commitments."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ingest.policydiff import PolicyDiff, diff_texts
from ingest.policydiff.commitments import commitment_texts, match
from ingest.policydiff.inputs import Version, read_version
from ingest.problems import IngestError, Problem
from schema.records import EntityRecord


@dataclass
class Comparison:
    policy_id: str
    policy_name: str
    lab_id: str | None
    old: Version
    new: Version
    diff: PolicyDiff
    matches: dict[int, dict[str, Any]]  # change number -> {id, score}


def _policy_context(
    data: Path, policy_id: str
) -> tuple[str, str | None, set[str], list[EntityRecord]]:
    """The policy's name, the organisation that publishes it (or its versions), the ids of the
    commitments that belong to it or that organisation made, and the registry (one read of the
    data folder for all four)."""
    from ingest.corpus import build_dataset, read_corpus
    from ingest.texts import TextArchive

    corpus = read_corpus(data)
    registry = [d.record for d in corpus.resolver.entities.values()]
    policy = next((r for r in registry if r.id == policy_id), None)
    if policy is None or policy.kind != "Policy":
        from rapidfuzz import process

        near = [
            m[0]
            for m in process.extract(
                policy_id, [r.id for r in registry if r.kind == "Policy"], limit=3
            )
        ]
        raise IngestError(
            [
                Problem(
                    data / "entities.yaml",
                    None,
                    "--policy",
                    f"{policy_id!r} is not a policy in the registry",
                    f"give a policy's id (nearest: {', '.join(near) or 'none'}), or declare the policy in entities.yaml",
                )
            ]
        )
    dataset = build_dataset(corpus, TextArchive(None))
    versions = {
        s.source_id for s in dataset.statements if s.edge == "PART_OF" and s.target_id == policy_id
    }
    publishers = [
        s.source_id
        for s in dataset.statements
        if s.edge == "PUBLISHED" and (s.target_id == policy_id or s.target_id in versions)
    ]
    lab = publishers[0] if publishers else None
    members = {
        s.source_id for s in dataset.statements if s.edge == "PART_OF" and s.target_id in versions
    }
    made = {s.target_id for s in dataset.statements if s.edge == "MADE" and s.source_id == lab}
    return str(policy.properties.get("name", policy_id)), lab, members | made, registry


def compare(old_spec: str, new_spec: str, policy_id: str, data: Path, texts: Path | None,
            lab_id: str | None = None) -> Comparison:  # fmt: skip
    """Both versions read (files or archived sources), aligned, classified and matched."""
    name, publisher, among, registry = _policy_context(data, policy_id)
    old = read_version(old_spec, data, texts)
    new = read_version(new_spec, data, texts)
    diff = diff_texts(old.text, new.text)
    texts_of = commitment_texts(registry)
    matches: dict[int, dict[str, Any]] = {}
    for number, c in enumerate(diff.changes):
        passage = c.change.old or c.change.new
        if c.change.kind == "unchanged" or passage is None or passage.kind != "sentence":
            continue
        found = match(passage, texts_of, among or None)
        if found:
            matches[number] = {"id": found[0], "score": round(found[1], 1)}
    return Comparison(policy_id, name, lab_id or publisher, old, new, diff, matches)

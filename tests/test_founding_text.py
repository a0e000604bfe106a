"""Re-check the bundled claims against the real archived texts (skipped when they are absent)."""

from __future__ import annotations

from pathlib import Path

from ingest.corpus import build_dataset, read_corpus
from ingest.texts import TextArchive
from ingest.verify import verify_corpus
from pledgegraph.settings import BUNDLED_DATA


def test_every_founding_quote_is_in_the_archived_article(shared_sources: Path) -> None:
    report = verify_corpus(read_corpus(BUNDLED_DATA), TextArchive(shared_sources), write=False)
    assert report.problems == []
    assert report.updated_files == []  # the recorded spans are current
    assert report.verified >= 30


def test_founding_facts_are_verified_statements(shared_sources: Path) -> None:
    dataset = build_dataset(read_corpus(BUNDLED_DATA), TextArchive(shared_sources))
    founding = [s for s in dataset.statements if s.source == "cybernews-anthropic-rsp-v3"]
    assert founding and all(s.evidence["verified"] for s in founding)
    edges = {(s.edge, s.source_id, s.target_id) for s in founding}
    for fact in [
        ("DROPPED", "anthropic", "anthropic-pause-or-delay-pledge"),
        ("SUPERSEDED_BY", "anthropic-pause-or-delay-pledge", "anthropic-limited-delay-commitment"),
        ("PRESSURED", "pete-hegseth", "anthropic"),
        ("HOLDS_ROLE", "jared-kaplan", "anthropic"),
        ("HOLDS_ROLE", "dario-amodei", "anthropic"),
        ("HOLDS_ROLE", "nik-kairinos", "raids-ai"),
        ("CRITICIZED", "nik-kairinos", "anthropic-rsp-v3"),
        ("DEVELOPS", "anthropic", "claude"),
        ("AUTHORIZED", "us-department-of-defense", "claude"),
        ("MADE", "anthropic", "anthropic-no-mass-surveillance"),
        ("MADE", "anthropic", "anthropic-no-autonomous-weapons"),
        ("MADE", "anthropic", "anthropic-risk-reports"),
    ]:
        assert fact in edges, fact

"""Sources to statements: resolution, quote checks, verify records, and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.analytics import SupersessionCycle
from graph.cypher import QueryLibrary
from graph.kglite_store import KgliteStore
from ingest.corpus import build_dataset, read_corpus
from ingest.problems import IngestError
from ingest.texts import TextArchive
from ingest.verify import verify_corpus
from pledgegraph.pipeline import ingest, read_dataset
from pledgegraph.settings import Settings
from tests.conftest import snapshot


def claims_file(settings: Settings, source: str = "fx-article") -> Path:
    return settings.data / "sources" / source / "claims.yaml"


def test_facts_become_statements_with_resolved_ids(settings: Settings) -> None:
    dataset = read_dataset(settings)
    by_edge = {s.edge: s for s in dataset.statements}
    dropped = by_edge["DROPPED"]
    assert (dropped.source_id, dropped.target_id) == (
        "example-lab",
        "halt-pledge",
    )  # alias resolved
    assert by_edge["PRESSURED"].target_id == "example-lab"  # name resolved case-insensitively
    assert dropped.evidence["verified"] is True
    assert (
        dropped.evidence["text_sha256"] == TextArchive(settings.texts).lookup("fx-article").sha256
    )  # type: ignore[union-attr]
    assert dropped.id == "st-f6d0fa260c9b5a27da434d00"  # content hash: stable across runs
    made = by_edge["MADE"]
    assert made.evidence["verified"] is False  # fx-other's text is not archived
    assert (str(made.facts["date"]), made.facts["date_precision"]) == ("2024-01-01", "year")
    assert sorted(dataset.sources) == ["fx-article", "fx-other"]


def test_verify_records_spans_and_is_idempotent(settings: Settings) -> None:
    corpus = read_corpus(settings.data, round_trip=True)
    report = verify_corpus(corpus, TextArchive(settings.texts))
    assert report.verified == 3 and not report.problems
    assert report.not_archived == ["fx-other"]
    text = claims_file(settings).read_text(encoding="utf-8")
    assert "verified: {span: [" in text and "# The drop." in text
    again = verify_corpus(read_corpus(settings.data, round_trip=True), TextArchive(settings.texts))
    assert again.updated_files == []
    assert claims_file(settings).read_text(encoding="utf-8") == text


def test_recorded_spans_carry_verification_without_the_text(settings: Settings) -> None:
    verify_corpus(read_corpus(settings.data, round_trip=True), TextArchive(settings.texts))
    dataset = build_dataset(read_corpus(settings.data), TextArchive(None))
    dropped = next(s for s in dataset.statements if s.edge == "DROPPED")
    assert dropped.evidence["verified"] is True and dropped.evidence["quote_start"] > 0


def test_ingest_fails_when_a_recorded_span_no_longer_holds(settings: Settings) -> None:
    verify_corpus(read_corpus(settings.data, round_trip=True), TextArchive(settings.texts))
    assert settings.texts is not None
    text_file = settings.texts / "fx-article.txt"
    text_file.write_text(
        "Preamble added later.\n" + text_file.read_text(encoding="utf-8"), encoding="utf-8"
    )
    with pytest.raises(IngestError, match=r"no longer holds.*run `pledgegraph verify`"):
        read_dataset(settings)


def _break(settings: Settings, old: str, new: str, source: str = "fx-article") -> None:
    path = claims_file(settings, source)
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


BAD_CLAIMS = [
    (
        "malformed yaml",
        "  edge: DROPPED\n",
        "  edge: [DROPPED\n",
        r"claims.yaml:\d+: malformed YAML",
    ),
    (
        "unknown entity",
        "from: Example Lab Inc",
        "from: Exampel Lab",
        r"claims.yaml:3: facts\[0\]\.from: unknown entity 'Exampel Lab'.*did you mean 'example-lab'",
    ),
    (
        "unknown edge type",
        "edge: DROPPED",
        "edge: ABANDONED",
        r"claims.yaml:4: facts\[0\]\.edge: unknown edge type 'ABANDONED'. Fix: use one of MADE",
    ),
    (
        "missing evidence",
        "  evidence:\n  - quote: it would",
        "  proof:\n  - quote: it would",
        r"facts\[0\]\.proof: DROPPED has no property 'proof'",
    ),
    (
        "empty evidence",
        '  evidence:\n  - quote: it would no longer keep its pledge "to halt training when tests fail"\n',
        "  evidence: []\n",
        r"claims.yaml:7: facts\[0\]\.evidence: every fact needs evidence",
    ),
    (
        "empty quote",
        "  - quote: it would no longer",
        "  - quote: ''\n    note: it would no longer",
        r"evidence\[0\]\.(quote|note)",
    ),
    (
        "quote not in text",
        "no longer keep its pledge",
        "never keep its pledge",
        r"claims.yaml:8: facts\[0\]\.evidence\[0\]\.quote: quote not found in the archived text of 'fx-article'",
    ),
    (
        "bad date",
        "date: 2026-03-02\n  evidence:\n  - quote: it",
        "date: 2026-02-30\n  evidence:\n  - quote: it",
        r"claims.yaml:6: facts\[0\]\.date: '2026-02-30' is not a valid date",
    ),
    (
        "bad enum",
        "change: weakened",
        "change: softened",
        r"facts\[1\]\.change: 'softened' is not one of weakened, strengthened, replaced",
    ),
    (
        "missing required",
        "  change: weakened\n",
        "",
        r"facts\[1\]\.change: SUPERSEDED_BY requires 'change'",
    ),
    (
        "wrong endpoint type",
        "- from: Jane Roe\n  edge: PRESSURED\n  to: example lab",
        "- from: Jane Roe\n  edge: PRESSURED\n  to: halt-pledge",
        r"facts\[2\]\.to: PRESSURED cannot go to a Commitment",
    ),
    (
        "self supersession",
        "- from: halt-pledge\n  edge: SUPERSEDED_BY\n  to: delay-rule",
        "- from: halt-pledge\n  edge: SUPERSEDED_BY\n  to: halt-pledge",
        r"cannot supersede itself",
    ),
    (
        "bad deadline",
        "deadline: 2026-03-06T12:00",
        "deadline: next friday",
        r"facts\[2\]\.deadline: 'next friday' is not a valid datetime",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "message"), [c[1:] for c in BAD_CLAIMS], ids=[c[0] for c in BAD_CLAIMS]
)
def test_bad_claims_fail_clearly_and_change_nothing(
    settings: Settings, store: KgliteStore, queries: QueryLibrary, old: str, new: str, message: str
) -> None:
    ingest(store, settings)
    before = snapshot(store, queries)
    _break(settings, old, new)
    with pytest.raises(IngestError) as err:
        ingest(store, settings)
    assert any(__import__("re").search(message, str(p)) for p in err.value.problems), str(err.value)
    assert all(". Fix: " in str(p) for p in err.value.problems)
    assert snapshot(store, queries) == before


def test_duplicate_entity_ids_are_refused(settings: Settings) -> None:
    path = settings.data / "entities.yaml"
    path.write_text(
        path.read_text(encoding="utf-8") + "- id: jane-roe\n  kind: Person\n  name: Janet Roe\n",
        encoding="utf-8",
    )
    with pytest.raises(
        IngestError,
        match=r"entities.yaml:\d+: entities\[4\]: duplicate id 'jane-roe' \(first declared at",
    ):
        read_dataset(settings)


def test_duplicate_facts_are_refused(settings: Settings) -> None:
    path = claims_file(settings, "fx-other")
    text = path.read_text(encoding="utf-8")
    path.write_text(text + text.removeprefix("facts:\n"), encoding="utf-8")
    with pytest.raises(IngestError, match="duplicate fact: the same statement is stated at line 8"):
        read_dataset(settings)


def test_an_alias_naming_two_entities_is_refused(settings: Settings) -> None:
    path = settings.data / "entities.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "- id: roe-lab\n  kind: Lab\n  name: Roe Lab\n  aliases: [Jane Roe]\n",
        encoding="utf-8",
    )
    with pytest.raises(IngestError, match="name 'Jane Roe' already names 'jane-roe'"):
        read_dataset(settings)


def test_a_supersession_cycle_is_refused_and_changes_nothing(
    settings: Settings, store: KgliteStore, queries: QueryLibrary
) -> None:
    ingest(store, settings)
    before = snapshot(store, queries)
    path = claims_file(settings, "fx-other")
    path.write_text(
        path.read_text(encoding="utf-8")
        + "- from: delay-rule\n  edge: SUPERSEDED_BY\n  to: halt-pledge\n  change: strengthened\n  judged_by: curators\n  basis: a reversal\n  evidence:\n  - quote: a later reversal\n",
        encoding="utf-8",
    )
    with pytest.raises(
        SupersessionCycle,
        match=r"halt-pledge -> delay-rule -> halt-pledge|delay-rule -> halt-pledge -> delay-rule",
    ) as err:
        ingest(store, settings)
    assert "fx-article" in str(err.value) and "fx-other" in str(err.value)
    assert snapshot(store, queries) == before


def test_paths_outside_the_sources_folder_are_refused(settings: Settings, tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="outside the sources folder"):
        read_dataset(settings, [str(tmp_path)])
    with pytest.raises(IngestError, match="no source folder 'nope'"):
        read_dataset(settings, ["nope"])


def test_non_utf8_and_oversized_files_are_refused(settings: Settings) -> None:
    claims_file(settings).write_bytes(b"facts:\n- from: \xff\xfe\n")
    with pytest.raises(IngestError, match="not UTF-8 text"):
        read_dataset(settings)
    claims_file(settings).write_text("facts: []\n" + "#" * 2_100_000, encoding="utf-8")
    with pytest.raises(IngestError, match="over the 2000000 limit"):
        read_dataset(settings)


def test_source_metadata_is_checked(settings: Settings) -> None:
    meta = settings.data / "sources" / "fx-other" / "source.yaml"
    meta.write_text(
        meta.read_text(encoding="utf-8").replace(
            "url: https://other.example/pledge", "url: ftp://other.example/pledge"
        )
        + "text_file: ../../etc/passwd\n",
        encoding="utf-8",
    )
    with pytest.raises(IngestError) as err:
        read_dataset(settings)
    text = str(err.value)
    assert "source.yaml:4: url: 'ftp://other.example/pledge' is not an http(s) URL" in text
    assert "text_file: '../../etc/passwd' is not a plain file name" in text

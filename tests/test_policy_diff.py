"""`pledgegraph policy-diff`: passages, alignment, the named rules, bad input, drafts that review
and ingest like any draft, the side-by-side report and its route, and the benchmark's scorer."""

from __future__ import annotations

import json
from pathlib import Path
from textwrap import dedent

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from bench.policy_diff_eval import PAIRS, score_pair
from ingest.policydiff import diff_texts
from ingest.policydiff.passages import split_passages
from pledgegraph.cli import main
from pledgegraph.settings import Settings
from tests.fixtures import write_fixture

OLD = dedent(
    """\
    # Example Lab Safety Policy

    ## 1. Scaling

    1. We will pause training if a model exceeds the capability threshold.
    2. The capability threshold is a score of 40% on our autonomy suite.

    ## 2. Reporting

    1. We will report incidents to regulators within 24 hours.
    2. We will publish a risk report every 6 months.
    3. Our board reviews this policy once a year.
    """
)
NEW = dedent(
    """\
    # Example Lab Safety Policy

    ## 1. Scaling

    1. We may pause training if a model exceeds the capability threshold, unless the board decides otherwise.
    2. The capability threshold is a score of 60% on our autonomy suite.

    ## 2. Reporting

    1. Our board reviews this policy once a year.
    2. We will report incidents to regulators within 72 hours.
    3. We will share evaluation results with the AI Safety Institute.
    """
)


def test_passages_keep_their_spans_sections_and_clauses() -> None:
    passages = split_passages(OLD)
    assert all(OLD[p.start : p.end] == p.text for p in passages)
    pause = next(p for p in passages if p.text.startswith("We will pause"))
    assert (pause.kind, pause.section, pause.clause) == ("sentence", "1. Scaling", "1")
    assert [p.text for p in passages if p.kind == "heading"] == [
        "Example Lab Safety Policy", "1. Scaling", "2. Reporting",
    ]  # fmt: skip


def _kinds(old: str, new: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for c in diff_texts(old, new).changes:
        passage = c.change.new or c.change.old
        assert passage is not None
        out.setdefault(c.change.kind, set()).add(passage.text)
    return out


def test_alignment_finds_every_kind_of_change() -> None:
    kinds = _kinds(OLD, NEW)
    assert {
        "We may pause training if a model exceeds the capability threshold, unless the board decides otherwise.",
        "We will report incidents to regulators within 72 hours.",
    } <= kinds["edited"]
    assert kinds["removed"] == {"We will publish a risk report every 6 months."}
    assert kinds["added"] == {"We will share evaluation results with the AI Safety Institute."}
    assert len(kinds["unchanged"]) >= 4
    diff = diff_texts(OLD, NEW)
    # Every passage of both versions is in exactly one change.
    olds = [c.change.old.index for c in diff.changes if c.change.old]
    news = [c.change.new.index for c in diff.changes if c.change.new]
    assert sorted(olds) == list(range(len(diff.old))) and sorted(news) == list(range(len(diff.new)))


def test_a_section_moved_whole_is_moved_not_removed_and_added() -> None:
    old = "## 1. Security\n\nWe guard the weights.\n\n## 2. Misuse\n\nWe refuse weapons help.\n\nWe watch for abuse.\n"
    new = "## 1. Misuse\n\nWe refuse weapons help.\n\nWe watch for abuse.\n\n## 2. Security\n\nWe guard the weights.\n"
    kinds = _kinds(old, new)
    assert "We guard the weights." in kinds["moved"] and "1. Security" not in kinds.get(
        "removed", set()
    )
    assert "removed" not in kinds and "added" not in kinds


@pytest.mark.parametrize(
    ("old", "new", "rule", "verdict"),
    [
        (
            "We will test every model.",
            "We may test every model.",
            "obligation_softened",
            "weakened",
        ),
        (
            "Models should be tested.",
            "Models must be tested.",
            "obligation_hardened",
            "strengthened",
        ),
        ("We will test all models.", "We will test some models.", "scope_narrowed", "weakened"),
        ("We will test frontier models.", "We will test models.", "scope_widened", "strengthened"),
        (
            "Training pauses above a score of 40%.",
            "Training pauses above a score of 60%.",
            "threshold_raised",
            "weakened",
        ),
        (
            "At least three experts review results.",
            "At least two experts review results.",
            "threshold_lowered",
            "weakened",
        ),
        (
            "We report within 24 hours.",
            "We report within 3 days.",
            "timeframe_lengthened",
            "weakened",
        ),
        (
            "We report within 30 days.",
            "We report within two weeks.",
            "timeframe_shortened",
            "strengthened",
        ),
        (
            "We will pause training.",
            "We will pause training unless the board objects.",
            "condition_added",
            "weakened",
        ),
        (
            "We will pause training if tests fail.",
            "We will pause training when tests fail.",
            "condition_removed",
            "strengthened",
        ),
    ],
)
def test_each_rule_fires_and_is_named(old: str, new: str, rule: str, verdict: str) -> None:
    [change] = [c for c in diff_texts(old, new).changes if c.change.kind == "edited"]
    assert rule in [f.rule for f in change.fired]
    assert change.verdict == verdict
    assert all(f.detail for f in change.fired)


def test_years_versions_and_dates_are_not_thresholds() -> None:
    diff = diff_texts(
        "Policy version 1.0, published 2024-03-01.", "Policy version 2.0, published 2025-06-10."
    )
    assert [f.rule for c in diff.changes for f in c.fired] == []


def test_a_removed_duty_and_an_added_one() -> None:
    diff = diff_texts(
        "We will publish reports.\n\nWe sponsor a workshop.",
        "We sponsor a workshop.\n\nWe must audit.",
    )
    fired = {c.change.kind: [f.rule for f in c.fired] for c in diff.changes}
    assert fired["removed"] == ["passage_removed"] and fired["added"] == ["passage_added"]


@pytest.fixture
def policy_data(tmp_path: Path) -> Settings:
    """The fixture data plus a policy with two archived versions."""
    data, texts = write_fixture(tmp_path)
    entities = data / "entities.yaml"
    entities.write_text(
        entities.read_text(encoding="utf-8")
        + dedent(
            """\
            - id: example-policy
              kind: Policy
              name: Example Lab Safety Policy
            - id: example-policy-v1
              kind: PolicyVersion
              name: Example Lab Safety Policy v1
              version: "1"
              text_source: fx-policy-v1
            - id: example-policy-v2
              kind: PolicyVersion
              name: Example Lab Safety Policy v2
              version: "2"
              text_source: fx-policy-v2
            """
        ),
        encoding="utf-8",
    )
    for version, text in (("v1", OLD), ("v2", NEW)):
        folder = data / "sources" / f"fx-policy-{version}"
        folder.mkdir()
        (folder / "source.yaml").write_text(
            f"id: fx-policy-{version}\nname: Example Lab Safety Policy {version}\npublisher: Example Lab\n"
            f"url: https://lab.example/policy/{version}\n",
            encoding="utf-8",
        )
        (folder / "claims.yaml").write_text(
            dedent(
                f"""\
                facts:
                - from: example-lab
                  edge: PUBLISHED
                  to: example-policy-{version}
                  evidence:
                  - quote: Example Lab Safety Policy
                - from: example-policy-{version}
                  edge: PART_OF
                  to: example-policy
                  evidence:
                  - quote: Example Lab Safety Policy
                """
            ),
            encoding="utf-8",
        )
        (texts / f"fx-policy-{version}.txt").write_text(text, encoding="utf-8")
    return Settings(data=data, texts=texts, store_path=tmp_path / "graph.kgl")


def _cli(settings: Settings, *args: str) -> int:
    return main([*args, "--data", str(settings.data), "--texts", str(settings.texts)])


def test_the_report_names_each_change_and_its_rules(
    policy_data: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        _cli(
            policy_data, "policy-diff", "fx-policy-v1", "fx-policy-v2", "--policy", "example-policy"
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "[weakened] edited in 1. Scaling §1" in out
    assert 'rule obligation_softened (weakens): "will" -> "may"' in out
    assert "rule condition_added (weakens): unless" in out
    assert "rule threshold_raised (weakens): 40% -> 60%" in out
    assert "rule timeframe_lengthened (weakens): 24 hours -> 72 hours" in out
    assert "- We will publish a risk report every 6 months." in out and "passage_removed" in out


def test_drafts_review_and_ingest_like_any_draft(
    policy_data: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    drafts = tmp_path / "drafts"
    assert (
        _cli(
            policy_data,
            "policy-diff",
            "fx-policy-v1",
            "fx-policy-v2",
            "--policy",
            "example-policy",
            "--drafts",
            str(drafts),
            "--published",
            "2026-03-02",
        )
        == 0
    )
    old_file, new_file = drafts / "fx-policy-v1.claims.yaml", drafts / "fx-policy-v2.claims.yaml"
    new_text = new_file.read_text(encoding="utf-8")
    assert "review: proposed" in new_text and "review: accepted\n" not in new_text
    assert "edge: SUPERSEDED_BY" in new_text and "change: weakened" in new_text
    assert (
        "obligation_softened" in new_text and "sha256:" in new_text
    )  # the span and the text's digest
    assert "edge: DROPPED" in old_file.read_text(encoding="utf-8")
    capsys.readouterr()
    assert _cli(policy_data, "diff", str(new_file), "--source", "fx-policy-v2") == 0
    assert "SUPERSEDED_BY" in capsys.readouterr().out
    # Accepted and put beside each version's own claims, they load: one replacement event with a
    # statement (and a quote) from each version, and the drop.
    for draft, version in ((old_file, "v1"), (new_file, "v2")):
        assert main(["review", str(draft), "--accept", "all"]) == 0
        claims = policy_data.data / "sources" / f"fx-policy-{version}" / "claims.yaml"
        held = claims.read_text(encoding="utf-8").split("facts:\n", 1)[1]
        drafted = draft.read_text(encoding="utf-8")
        claims.write_text(drafted.replace("facts:\n", "facts:\n" + held, 1), encoding="utf-8")
    assert main(["ingest", "--data", str(policy_data.data), "--texts", str(policy_data.texts),
                 "--store-path", str(policy_data.store_path)]) == 0  # fmt: skip
    capsys.readouterr()
    capsys.readouterr()
    query = [
        "query",
        "timeline",
        "--store-path",
        str(policy_data.store_path),
        "-p",
        "lab=example-lab",
    ]
    assert main(query) == 0
    events = json.loads(capsys.readouterr().out)
    [pause] = [
        e for e in events
        if e["edge"] == "SUPERSEDED_BY" and any("We may pause" in x["quote"] for x in e["evidence"])
    ]  # fmt: skip
    assert pause["change"] == "weakened" and "obligation_softened" in pause["basis"]
    quotes = {e["source"]["id"]: e["quote"] for e in pause["evidence"]}
    assert quotes == {
        "fx-policy-v1": "We will pause training if a model exceeds the capability threshold.",
        "fx-policy-v2": "We may pause training if a model exceeds the capability threshold, "
        "unless the board decides otherwise.",
    }
    assert all(e["verified"] for e in pause["evidence"])  # each quote at its span in its version
    [dropped] = [
        e
        for e in events
        if e["edge"] == "DROPPED" and e["evidence"][0]["source"]["id"] == "fx-policy-v1"
    ]
    assert dropped["evidence"][0]["quote"] == "We will publish a risk report every 6 months."


def test_identical_versions_have_no_changes(
    policy_data: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = tmp_path / "a.md"
    a.write_text(OLD, encoding="utf-8")
    assert _cli(policy_data, "policy-diff", str(a), str(a), "--policy", "example-policy") == 0
    assert "no changes" in capsys.readouterr().out


def test_versions_of_different_policies_are_warned_about(
    policy_data: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_text(OLD, encoding="utf-8")
    b.write_text(
        "# Cafeteria menu\n\nSoup is served on Mondays.\n\nThe salad bar opens at noon.\n",
        encoding="utf-8",
    )
    assert _cli(policy_data, "policy-diff", str(a), str(b), "--policy", "example-policy") == 0
    err = capsys.readouterr().err
    assert "may be versions of different policies" in err and "% of their passages align" in err


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.md", b"", "the file is empty"),
        ("binary.txt", b"\x00\x01\x02binary", "a binary file"),
        ("scan.pdf", b"%PDF-1.7 ...", "a PDF"),
        ("latin.txt", "Politique de sécurité".encode("latin-1"), "not UTF-8"),
        ("policy.docx", b"PK\x03\x04 text", "unknown kind of file"),
        ("blank.md", b"   \n\n  ", "holds no text"),
    ],
)
def test_bad_input_is_refused_with_the_file_and_the_fix(
    policy_data: Settings,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: bytes,
    message: str,
) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.md"
    good.write_text(OLD, encoding="utf-8")
    assert _cli(policy_data, "policy-diff", str(good), str(bad), "--policy", "example-policy") == 1
    err = capsys.readouterr().err
    assert message in err and str(bad) in err and "Fix:" in err


def test_an_oversized_file_is_refused(
    policy_data: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr("ingest.policydiff.inputs.MAX_BYTES", 100)
    big = tmp_path / "big.md"
    big.write_text(OLD, encoding="utf-8")
    assert _cli(policy_data, "policy-diff", str(big), str(big), "--policy", "example-policy") == 1
    assert "over the 100-byte cap" in capsys.readouterr().err


def test_an_unknown_policy_names_the_nearest(
    policy_data: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        _cli(
            policy_data, "policy-diff", "fx-policy-v1", "fx-policy-v2", "--policy", "example-polcy"
        )
        == 1
    )
    err = capsys.readouterr().err
    assert "'example-polcy' is not a policy" in err and "example-policy" in err


def test_the_html_report_is_side_by_side_with_labels(policy_data: Settings, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    assert _cli(policy_data, "policy-diff", "fx-policy-v1", "fx-policy-v2", "--policy", "example-policy",
                "--format", "html", "--output", str(out)) == 0  # fmt: skip
    page = out.read_text(encoding="utf-8")
    assert "<del>will</del>" in page and "<ins>may</ins>" in page
    assert "obligation_softened (weakens)" in page and "weakened or removed" in page
    assert page.count("<tr") >= 5


def test_the_app_serves_the_diff_of_two_stored_versions(policy_data: Settings) -> None:
    assert main(["ingest", "--data", str(policy_data.data), "--texts", str(policy_data.texts),
                 "--store-path", str(policy_data.store_path)]) == 0  # fmt: skip
    with TestClient(create_app(policy_data)) as client:
        page = client.get("/policies/example-policy/diff", params={"from": "1", "to": "2"})
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        assert "Example Lab Safety Policy: 1 → 2" in page.text and "<ins>may</ins>" in page.text
        body = client.get(
            "/policies/example-policy/diff",
            params={"from": "example-policy-v1", "to": "2", "format": "json"},
        ).json()
        assert {"obligation_softened", "timeframe_lengthened"} <= {
            r["rule"] for c in body["changes"] for r in c["rules"]
        }
        assert (
            client.get("/policies/no-such-policy/diff", params={"from": "1", "to": "2"}).status_code
            == 404
        )
        missing = client.get("/policies/example-policy/diff", params={"from": "1", "to": "9"})
        assert missing.status_code == 404 and "its versions: 1, 2" in missing.json()["detail"]


def test_the_benchmark_scores_a_pair() -> None:
    result = score_pair(PAIRS / "northwind")
    assert result["expected"] == 5 and result["aligned"] == 5 and result["missed"] == []

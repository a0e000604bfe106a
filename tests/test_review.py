"""From a new text to reviewed statements: extract drafts facts marked `proposed`; verify and
ingest leave them out until a reviewer accepts them; diff shows what a draft adds."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from graph.cypher import QueryLibrary
from pledgegraph.cli import main
from pledgegraph.settings import Settings
from pledgegraph.stores import kglite_reader
from tests.test_cli import base

NEW_TEXT = """Example Lab scraps its testing promise

On Friday, Example Lab said it would no longer keep its pledge to halt training when safety tests
fail. Example Lab chief scientist Ada Quill said the old rule slowed the lab down.
Minister Jane Roe gave Example Lab a deadline of noon on Monday to restore the pledge or face a fine.
"""


def add_source(settings: Settings, source_id: str = "fx-new") -> Path:
    assert settings.texts is not None
    folder = settings.data / "sources" / source_id
    folder.mkdir()
    (folder / "source.yaml").write_text(
        f"id: {source_id}\nname: Example Lab scraps its testing promise\npublisher: Example News\n"
        f"url: https://news.example/{source_id}\npublished: 2026-03-06\n",
        encoding="utf-8",
    )
    (folder / "claims.yaml").write_text("facts: []\n", encoding="utf-8")
    (settings.texts / f"{source_id}.txt").write_text(NEW_TEXT, encoding="utf-8")
    return folder / "claims.yaml"


def statements_from(settings: Settings, source_id: str) -> list[dict[str, Any]]:
    store = kglite_reader(settings.store_path, 10_000)
    rows = store.read(QueryLibrary()["read/source_statements"], {"sources": [source_id]})
    return [r for r in rows if r["props"]["source"] == source_id]


def test_a_draft_is_proposed_until_reviewed(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    claims = add_source(settings)
    data = ["--data", str(settings.data), "--texts", str(settings.texts)]
    assert main(["extract", "fx-new", "--output", str(claims), *data]) == 0
    out = capsys.readouterr().out
    assert re.search(r"drafted \d+ fact\(s\) and 1 new entity from fx-new", out)
    draft = yaml.safe_load(claims.read_text(encoding="utf-8"))
    assert draft["entities"] == [
        {"id": "ada-quill", "kind": "Person", "name": "Ada Quill", "review": "proposed"}
    ]
    facts = draft["facts"]
    assert facts and all(f["review"] == "proposed" and 0 < f["confidence"] <= 1 for f in facts)
    dropped = next(f for f in facts if f["edge"] == "DROPPED")
    assert (dropped["from"], dropped["to"], str(dropped["date"])) == (
        "example-lab",
        "halt-pledge",
        "2026-03-06",
    )
    pressed = next(f for f in facts if f["edge"] == "PRESSURED")
    assert pressed["deadline"] == "2026-03-09T12:00"  # "noon on Monday" after Friday 2026-03-06
    text = NEW_TEXT
    for f in facts:
        for e in f["evidence"]:
            start, end = e["verified"]["span"]
            assert " ".join(text[start:end].split()) == e["quote"]

    # Proposed: verify checks the quotes, ingest leaves the facts out and says so.
    assert main(["verify", *data]) == 0
    out = capsys.readouterr().out
    assert "awaiting review, not loaded: " in out and "fx-new" in out
    assert main(["ingest", *base(settings)]) == 0
    out = capsys.readouterr().out
    assert "awaiting review" in out
    assert statements_from(settings, "fx-new") == []

    # The diff shows what accepting would add: new facts, and facts the graph already holds.
    assert main(["diff", str(claims), *data]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"draft {claims} for source fx-new: ")
    assert "+ entity Person ada-quill: Ada Quill [proposed]" in out
    # Held with another date: fx-article dates the drop 2026-03-02.
    assert re.search(r"^~ Example Lab \(example-lab\) -\[DROPPED\]-> .*halt-pledge", out, re.M)
    assert "date: draft 2026-03-06 / graph 2026-03-02" in out
    assert re.search(r"^= Example Lab \(example-lab\) -\[MADE\]-> .*halt-pledge", out, re.M)
    assert "already stated by: fx-article" in out
    assert re.search(r"^\+ Ada Quill \(ada-quill\) -\[HOLDS_ROLE\]-> Example Lab", out, re.M)
    assert main(["diff", str(claims), "--json", *data]) == 0
    diff = json.loads(capsys.readouterr().out)
    assert {f["status"] for f in diff["facts"]} <= {"new", "held", "changed"}
    assert diff["new_entities"][0]["id"] == "ada-quill"

    # Accepting some: only those load; the file keeps its comments.
    assert main(["review", str(claims), "--accept", "1"]) == 0
    assert f"facts {len(facts) - 1} proposed, 1 accepted, 0 rejected" in capsys.readouterr().out
    assert main(["ingest", *base(settings)]) == 0
    assert "awaiting review" in capsys.readouterr().out
    assert len(statements_from(settings, "fx-new")) == len(facts[0]["evidence"])
    assert claims.read_text(encoding="utf-8").startswith("# Draft claims for fx-new")

    # Accepting all: the reviewed facts load, and only they.
    assert main(["review", str(claims), "--accept", "all"]) == 0
    capsys.readouterr()
    assert main(["ingest", *base(settings)]) == 0
    assert "awaiting review" not in capsys.readouterr().out
    loaded = statements_from(settings, "fx-new")
    assert len(loaded) == sum(len(f["evidence"]) for f in facts)

    # Rejecting the proposed person while accepting its facts is refused, with the way out.
    assert main(["review", str(claims), "--reject", "ada-quill"]) == 0
    capsys.readouterr()
    assert main(["ingest", *base(settings)]) == 1
    err = capsys.readouterr().err
    assert "unknown entity 'ada-quill'" in err and "Nothing was written to the store." in err
    assert main(["review", str(claims), "--reject", "99"]) == 1
    assert "no facts 99" in capsys.readouterr().err
    assert main(["review", str(claims), "--accept", "nobody"]) == 1
    assert "no entity nobody" in capsys.readouterr().err


def test_extract_never_overwrites_reviewed_facts(
    settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    claims = settings.data / "sources" / "fx-article" / "claims.yaml"
    before = claims.read_text(encoding="utf-8")
    data = ["--data", str(settings.data), "--texts", str(settings.texts)]
    assert main(["extract", "fx-article", "--output", str(claims), *data]) == 1
    assert "holds 3 reviewed or hand-written fact(s)" in capsys.readouterr().err
    assert claims.read_text(encoding="utf-8") == before
    # Drafted elsewhere, it compares with what the source already states.
    out = tmp_path / "draft.yaml"
    assert main(["extract", "fx-article", "--output", str(out), *data]) == 0
    capsys.readouterr()
    assert main(["diff", str(out), *data]) == 2
    assert "--source ID" in capsys.readouterr().err
    assert main(["diff", str(out), "--source", "fx-article", *data]) == 0
    assert "already stated by: fx-article" in capsys.readouterr().out


def test_extract_reads_a_plain_text_file(
    settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "note.txt"
    text.write_text(NEW_TEXT, encoding="utf-8")
    out = tmp_path / "draft.yaml"
    data = ["--data", str(settings.data)]
    assert (
        main(["extract", str(text), "--output", str(out), "--published", "2026-03-06", *data]) == 0
    )
    facts = yaml.safe_load(out.read_text(encoding="utf-8"))["facts"]
    # Not the archived text: quotes are not marked verified; `verify` records them once archived.
    assert facts and all("verified" not in e for f in facts for e in f["evidence"])
    assert main(["extract", str(text), "--output", str(out), *data]) == 0
    assert "relative dates such as 'Friday' were left out" in capsys.readouterr().err
    assert main(["extract", "no-such-source", "--output", str(out), *data]) == 1
    assert "neither a text file nor a source id" in capsys.readouterr().err

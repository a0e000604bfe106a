"""The `pledgegraph` command, run in-process on fixture data and a real store file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pledgegraph.cli import main
from pledgegraph.settings import Settings


def base(settings: Settings) -> list[str]:
    return [
        "--data",
        str(settings.data),
        "--texts",
        str(settings.texts),
        "--store-path",
        str(settings.store_path),
    ]


def test_verify_ingest_query_export(
    settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["verify", "--data", str(settings.data), "--texts", str(settings.texts)]) == 0
    assert "3 quote(s) found, 0 not found" in capsys.readouterr().out
    assert main(["ingest", *base(settings)]) == 0
    assert "4 statement(s) added" in capsys.readouterr().out
    assert (
        main(
            [
                "query",
                "lab_dropped",
                "-p",
                "lab=Example Lab",
                "--store-path",
                str(settings.store_path),
            ]
        )
        == 0
    )
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["commitment"]["id"] == "halt-pledge" and rows[0]["date"] == "2026-03-02"
    out = tmp_path / "graph.ttl"
    assert (
        main(
            [
                "export",
                "--format",
                "turtle",
                "--output",
                str(out),
                "--store-path",
                str(settings.store_path),
            ]
        )
        == 0
    )
    assert "pg:dropped" in out.read_text(encoding="utf-8")


def test_bad_input_is_reported_with_file_and_line(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ingest", *base(settings)]) == 0
    capsys.readouterr()
    claims = settings.data / "sources" / "fx-article" / "claims.yaml"
    claims.write_text(
        claims.read_text(encoding="utf-8").replace("edge: DROPPED", "edge: DROPS"), encoding="utf-8"
    )
    assert main(["ingest", *base(settings)]) == 1
    err = capsys.readouterr().err
    assert f"{claims}:4: facts[0].edge: unknown edge type 'DROPS'. Fix: use one of MADE" in err
    assert "Nothing was written to the store." in err


def test_query_errors_are_reported(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", *base(settings)]) == 0
    assert main(["query", "nope", "--store-path", str(settings.store_path)]) == 1
    assert "no canned query named 'nope'" in capsys.readouterr().err
    assert main(["query", "lab_dropped", "--store-path", str(settings.store_path)]) == 1
    assert "needs parameter 'lab'" in capsys.readouterr().err


def test_queries_and_generate_check(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["queries"]) == 0
    assert "lab_dropped(lab: string, as_of: date?)" in capsys.readouterr().out
    assert main(["generate", "--check"]) == 0


def test_load_is_ingest_under_another_name(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["load", "--store", "kglite", *base(settings)]) == 0
    assert f"loaded into {settings.store_path}: " in capsys.readouterr().out
    assert main(["load", *base(settings)]) == 0
    assert "0 statement(s) added, 0 removed, 4 unchanged" in capsys.readouterr().out

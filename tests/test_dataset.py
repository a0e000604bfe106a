"""The curated dataset answers the questions it was built for, and the README's coverage table is
the one the data gives."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.cypher import QueryLibrary
from graph.stats import coverage, coverage_block
from pledgegraph.settings import Settings
from pledgegraph.stores import kglite_reader
from schema import load_schema

ROOT = Path(__file__).resolve().parents[1]
PARIS_SUMMIT = "2025-02-10"


@pytest.fixture(scope="module")
def client(bundled_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(bundled_settings)) as client:
        yield client


def test_pressure_on_xai_lists_the_regulators_of_january_2026(client: TestClient) -> None:
    rows = client.get("/pressure", params={"target": "xai"}).json()
    january = {r["by"]["id"]: r for r in rows if r["date"] and r["date"].startswith("2026-01")}
    assert set(january) == {"ofcom", "rob-bonta", "european-commission"}
    assert {r["date"] for r in january.values()} == {"2026-01-12", "2026-01-14", "2026-01-26"}
    for row in january.values():
        assert row["action"] == "investigation" and row["outcome"]
        assert all(e["quote"] and e["source"]["id"] for e in row["evidence"])
    assert "Grok" in january["ofcom"]["evidence"][0]["quote"]


def test_one_query_answers_who_signed_seoul_and_who_had_no_framework_by_paris(
    client: TestClient,
) -> None:
    body = client.get(
        "/commitments/seoul-frontier-ai-safety-commitments/signatories",
        params={"as_of": PARIS_SUMMIT},
    ).json()
    by_id = {s["organisation"]["id"]: s for s in body["signatories"]}
    without = {i for i, s in by_id.items() if s["framework"] is None}
    # Row 23's six, the two METR's count implies (IBM, Samsung), Cohere (framework by 2025-03)
    # and xAI (a draft on 2025-02-20, after the summit).
    assert without == {
        "01-ai", "inflection-ai", "minimax", "mistral-ai", "technology-innovation-institute",
        "zhipu-ai", "ibm", "samsung-electronics", "cohere", "xai",
    }  # fmt: skip
    assert {"anthropic", "openai", "google-deepmind", "meta", "naver"} <= set(by_id) - without
    assert all(s["signed"] <= PARIS_SUMMIT for s in by_id.values())
    # NVIDIA and Magic joined later, on a day nobody recorded: they appear without as_of only.
    later = client.get("/commitments/seoul-frontier-ai-safety-commitments/signatories").json()
    assert {"nvidia", "magic"} <= {s["organisation"]["id"] for s in later["signatories"]}


def test_signatories_show_partial_signing_and_refusals(client: TestClient) -> None:
    body = client.get("/commitments/eu-gpai-code-of-practice/signatories").json()
    by_id = {s["organisation"]["id"]: s for s in body["signatories"]}
    assert by_id["xai"]["extent"] == "partial"
    assert by_id["meta"]["declined"] is True and by_id["meta"]["signed"] is None
    assert by_id["openai"]["signed"] == "2025-07-11"
    assert client.get("/commitments/no-such-thing/signatories").status_code == 404


def test_who_pressed_a_lab_over_time(client: TestClient) -> None:
    body = client.get("/labs/openai/pressure").json()
    firsts = [p["first"] for p in body["pressed_by"] if p["first"]]
    assert firsts == sorted(firsts)
    senators = {p["by"]["id"] for p in body["pressed_by"] if p["kind"] == "Person"}
    assert {"brian-schatz", "chuck-grassley"} <= senators
    ags = next(p for p in body["pressed_by"] if p["by"]["id"] == "us-state-attorneys-general")
    assert [a["date"] for a in ags["actions"]] == ["2025-08-25", "2025-12-09"]


def test_labs_without_a_framework(client: TestClient) -> None:
    labs = client.get("/frameworks/missing", params={"as_of": PARIS_SUMMIT}).json()["labs"]
    ids = {lab["lab"]["id"] for lab in labs}
    assert {"deepseek", "xai", "mistral-ai"} <= ids
    assert not ids & {"anthropic", "openai", "google-deepmind", "meta", "naver"}
    now = {lab["lab"]["id"] for lab in client.get("/frameworks/missing").json()["labs"]}
    assert "xai" not in now and "deepseek" in now


def test_a_later_source_corrects_an_earlier_one_and_both_stay_ranked(client: TestClient) -> None:
    rows = client.get("/pressure", params={"target": "anthropic", "by": "pete-hegseth"}).json()
    evidence = [e for r in rows for e in r["evidence"] if r["date"] == "2026-02-27"]
    sources = {e["source"]["id"]: e for e in evidence}
    assert sources["tomshardware-anthropic-sues-pentagon"]["rank"] == "preferred"
    assert "foxbusiness-anthropic-supply-chain-risk" in sources


def test_the_data_covers_enough_events_and_organisations(bundled_settings: Settings) -> None:
    store = kglite_reader(bundled_settings.store_path, 10_000)
    report = coverage(store, QueryLibrary(), load_schema())
    assert report.events >= 80 and len(report.organisations) >= 15


def test_the_readme_coverage_table_is_the_datas(bundled_settings: Settings) -> None:
    store = kglite_reader(bundled_settings.store_path, 10_000)
    table = coverage(store, QueryLibrary(), load_schema()).markdown()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert coverage_block(readme) == table, (
        "README's coverage table is out of date: run `pledgegraph stats --readme README.md`"
    )

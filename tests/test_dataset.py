"""The curated dataset answers the questions it was built for, and the README's coverage table is
the one the data gives."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.examples import examples_block, readme_examples
from graph.cypher import QueryLibrary
from graph.stats import LAB_COLUMNS, ORG_COLUMNS, coverage, coverage_block
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
    january = {
        b["id"]: r for r in rows if r["date"] and r["date"].startswith("2026-01") for b in r["by"]
    }
    # Three investigations, and the attorneys general's letter (third sheet, row 111).
    assert set(january) == {
        "ofcom",
        "rob-bonta",
        "european-commission",
        "us-state-attorneys-general",
    }
    assert {r["date"] for r in january.values()} == {
        "2026-01-12", "2026-01-14", "2026-01-26", "2026-01-23",
    }  # fmt: skip
    for presser, row in january.items():
        assert row["action"] == (
            "letter" if presser == "us-state-attorneys-general" else "investigation"
        )
        assert row["outcome"] and all(e["quote"] and e["source"]["id"] for e in row["evidence"])
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
    # Row 23's six less 01.AI and MiniMax (they joined later, on a day not recorded), the two
    # METR's count implies (IBM, Samsung), Cohere (no framework known by then: only "by 2025-03")
    # and xAI (a draft on 2025-02-20, after the summit).
    assert without == {
        "inflection-ai", "mistral-ai", "technology-innovation-institute",
        "zhipu-ai", "ibm", "samsung-electronics", "cohere", "xai",
    }  # fmt: skip
    assert {"anthropic", "openai", "google-deepmind", "meta", "naver"} <= set(by_id) - without
    assert all(s["signed"] <= PARIS_SUMMIT for s in by_id.values())
    # NVIDIA, Magic, 01.AI and MiniMax joined later, on days nobody recorded: they appear
    # without as_of only.
    later = client.get("/commitments/seoul-frontier-ai-safety-commitments/signatories").json()
    joined_later = {"nvidia", "magic", "01-ai", "minimax"}
    assert joined_later <= {s["organisation"]["id"] for s in later["signatories"]}
    assert not joined_later & set(by_id)


def test_signatories_show_partial_signing_and_refusals(client: TestClient) -> None:
    body = client.get("/commitments/eu-gpai-code-of-practice/signatories").json()
    by_id = {s["organisation"]["id"]: s for s in body["signatories"]}
    assert by_id["xai"]["extent"] == "partial"
    assert by_id["meta"]["declined"] is True and by_id["meta"]["signed"] is None
    # It announced its intent on 2025-07-11 and was on the list of 2025-08-01: signed by then.
    assert by_id["openai"]["signed"] == "2025-08-01"
    assert by_id["openai"]["signed_precision"] == "by"
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
    # Frameworks known only as published "by 2025-03" make that day's answer unknown, not missing.
    paris = client.get("/frameworks/missing", params={"as_of": PARIS_SUMMIT}).json()
    unknown = {lab["lab"]["id"] for lab in paris["unknown"]}
    assert {"nvidia", "magic", "cohere"} <= unknown and not unknown & ids
    assert all(lab["status"] == "unknown" for lab in paris["unknown"])


def test_the_designation_is_one_event_evidenced_by_the_presser_not_the_pressed(
    client: TestClient,
) -> None:
    rows = client.get("/pressure", params={"target": "anthropic", "by": "pete-hegseth"}).json()
    [designation] = [r for r in rows if r["date"] == "2026-02-27"]
    assert designation["action"] == "order" and "2026-03-03" in designation["outcome"]
    assert {e["attributed_to"] for e in designation["evidence"]} == {"Pete Hegseth"}


def test_the_data_covers_enough_events_and_organisations(bundled_settings: Settings) -> None:
    store = kglite_reader(bundled_settings.store_path, 10_000)
    report = coverage(store, QueryLibrary(), load_schema())
    # Every event once, however many sources state it; of them, those with a date.
    assert report.all_events >= 350 and report.events >= 300
    assert len(report.organisations) >= 70


def test_the_readme_coverage_table_is_the_datas(bundled_settings: Settings) -> None:
    store = kglite_reader(bundled_settings.store_path, 10_000)
    table = coverage(store, QueryLibrary(), load_schema()).markdown()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert coverage_block(readme) == table, (
        "README's coverage table is out of date: run `pledgegraph stats --readme README.md`"
    )


def test_every_view_gives_the_same_counts(client: TestClient, bundled_settings: Settings) -> None:
    """One definition of each count (graph/counts.py): /labs, the home page, each lab's page,
    `pledgegraph stats`, its Markdown table and the README's copy of it agree for every lab."""
    store = kglite_reader(bundled_settings.store_path, 10_000)
    report = coverage(store, QueryLibrary(), load_schema())
    text = report.text().splitlines()
    table = report.markdown().splitlines()
    readme = coverage_block((ROOT / "README.md").read_text(encoding="utf-8")) or ""
    home = client.get("/").text
    labs = client.get("/labs").json()
    assert labs
    for lab in labs:
        lab_id = lab["id"]
        assert report.labs[lab_id] == {c: lab[c] for c in LAB_COLUMNS}, lab_id
        [line] = [x for x in text if x.split()[:1] == [lab_id]]
        assert [int(n) for n in line.split()[1:]] == [lab[c] for c in LAB_COLUMNS], lab_id
        rows = [x for x in table if x.startswith(f"| {lab_id} |")]
        assert rows == [x for x in readme.splitlines() if x.startswith(f"| {lab_id} |")]
        if lab["events"]:
            cells = [int(n) for n in rows[0].strip("| ").split(" | ")[1:]]
            assert cells == [lab[c] for c in ORG_COLUMNS], lab_id
        else:
            assert rows == [], lab_id
        shown = re.search(
            rf'href="/labs/{re.escape(lab_id)}/page">[^<]*</a></th>'
            r'<td class="n">(\d+)</td><td class="n">(\d+)</td><td class="n">(\d+)</td>',
            home,
        )
        assert shown, lab_id
        assert [int(n) for n in shown.groups()] == [lab["made"], lab["dropped"], lab["weakened"]]
        commitments = client.get(f"/labs/{lab_id}/commitments").json()["commitments"]
        assert len(commitments) == lab["made"], lab_id
        assert sum(c["status"] == "dropped" for c in commitments) == lab["dropped"], lab_id


def test_the_readme_examples_are_the_apps_answers(bundled_settings: Settings) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme_examples(readme) == examples_block(create_app(bundled_settings)), (
        "README's example answers are out of date: run `pledgegraph stats --readme README.md`"
    )

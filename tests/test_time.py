"""Time: ranks, as-of answers, derived deadline status, change labels, the timeline and the feed.

The mechanisms are tested on a source the test writes; the acceptance examples on the bundled data.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from textwrap import dedent
from typing import Any

import feedparser
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from pledgegraph.cli import main
from pledgegraph.pipeline import build_store, read_dataset
from pledgegraph.settings import Settings

RIVAL_SOURCE = dedent(
    """\
    id: fx-rival
    name: A rival account of Example Lab's promises
    publisher: Rival News
    url: https://rival.example/
    url_scope: site
    published: 2026-06-01
    description: Text not archived.
    """
)

RIVAL_CLAIMS = dedent(
    """\
    entities:
    - id: report-pledge
      kind: Commitment
      name: Publish a report by June
      text: The lab would publish a report by the end of June 2026.
      due: 2026-06
    - id: audit-pledge
      kind: Commitment
      name: Commission an audit by February
      text: The lab would commission an external audit by 2026-02-01.
      due: 2026-02-01
    - id: card-pledge
      kind: Commitment
      name: Publish a model card in January
      text: The lab would publish a model card in January 2026.
      due: 2026-01
    facts:
    - from: example-lab
      edge: DROPPED
      to: halt-pledge
      date: 2026-03-05
      rank: preferred
      severity: major
      disclosure: unannounced
      judged_by: curators
      basis: The source says the lab dropped the pledge quietly.
      evidence:
      - quote: the lab quietly dropped the pledge on 5 March
    - from: example-lab
      edge: DROPPED
      to: halt-pledge
      date: 2025-01-01
      rank: deprecated
      note: A misdated report, kept for the record.
      evidence:
      - quote: the pledge was dropped in January 2025
    - from: example-lab
      edge: MADE
      to: report-pledge
      date: 2026-01-10
      evidence:
      - quote: it will publish a report by the end of June
    - from: example-lab
      edge: FULFILLED
      to: report-pledge
      extent: partial
      date: 2026-05-20
      evidence:
      - quote: a partial report came out on 20 May
    - from: example-lab
      edge: MADE
      to: audit-pledge
      date: 2025-12-01
      evidence:
      - quote: it will commission an audit by February
    - from: example-lab
      edge: BREACHED
      to: audit-pledge
      date: 2026-03-10
      breach: Said it would not commission the audit.
      evidence:
      - quote: the lab said on 10 March it would not commission the audit
    - from: example-lab
      edge: MADE
      to: card-pledge
      date: 2025-12-15
      evidence:
      - quote: a model card in January
    - from: example-lab
      edge: FULFILLED
      to: card-pledge
      extent: full
      date: 2026-02-01
      evidence:
      - quote: the card appeared on 1 February
    """
)


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    folder = settings.data / "sources" / "fx-rival"
    folder.mkdir()
    (folder / "source.yaml").write_text(RIVAL_SOURCE, encoding="utf-8")
    (folder / "claims.yaml").write_text(RIVAL_CLAIMS, encoding="utf-8")
    build_store(settings.store_path, settings)
    with TestClient(create_app(settings)) as client:
        yield client


def commitments(client: TestClient, as_of: str | None = None) -> dict[str, Any]:
    params = {"as_of": as_of} if as_of else {}
    body = client.get("/labs/example-lab/commitments", params=params).json()
    return {c["commitment"]["id"]: c for c in body["commitments"]}


def test_a_preferred_statement_sets_the_date_and_a_deprecated_one_counts_for_nothing(
    client: TestClient,
) -> None:
    [drop] = client.get("/labs/example-lab/dropped").json()["dropped"]
    assert drop["date"] == "2026-03-05"  # preferred, though a normal statement gives 2026-03-02
    assert [e["rank"] for e in drop["evidence"]] == ["preferred", None]
    assert all(e["rank"] != "deprecated" for e in drop["evidence"])
    assert drop["severity"] == "major" and drop["judged_by"] == "curators"
    # The deprecated drop of 2025-01-01 does not end the pledge early...
    assert "halt-pledge" in commitments(client, "2025-06-01")
    # ...but it stays in the graph, visible with its rank.
    statements = client.get("/entities/halt-pledge").json()["statements"]
    assert {s["statement"].get("rank") for s in statements if s["edge"] == "DROPPED"} == {
        "preferred",
        "deprecated",
        None,
    }


def test_as_of_answers_as_the_graph_stood(client: TestClient) -> None:
    assert "halt-pledge" in commitments(client, "2026-03-01")
    assert "halt-pledge" not in commitments(client, "2026-03-03")  # dropped on 2026-03-02
    assert "halt-pledge" not in commitments(client, "2023-12-31")  # made in 2024
    assert commitments(client)["halt-pledge"]["status"] == "dropped"
    assert (
        client.get("/labs/example-lab/dropped", params={"as_of": "2026-03-01"}).json()["dropped"]
        == []
    )
    assert client.get("/pressure", params={"as_of": "2000-01-01"}).json() == []


@pytest.mark.parametrize(
    ("commitment", "as_of", "status", "days_late"),
    [
        ("report-pledge", "2026-05-01", "pending", None),
        ("report-pledge", "2026-05-25", "partial", None),
        ("audit-pledge", "2026-03-01", "overdue", None),
        ("audit-pledge", "2026-04-01", "missed", None),
        ("card-pledge", "2026-01-31", "pending", None),  # a January deadline runs to the 31st
        ("card-pledge", "2026-02-02", "met late", 1),
    ],
)
def test_deadline_status_is_derived(
    client: TestClient, commitment: str, as_of: str, status: str, days_late: int | None
) -> None:
    deadline = commitments(client, as_of)[commitment]["deadline"]
    assert deadline["status"] == status
    assert deadline["days_late"] == days_late


def test_a_month_deadline_runs_to_the_month_end(client: TestClient) -> None:
    deadline = commitments(client)["card-pledge"]["deadline"]
    assert deadline["due"] == "2026-01-01" and deadline["due_precision"] == "month"
    assert deadline["due_by"] == "2026-01-31"


def test_timeline_and_its_filters(client: TestClient) -> None:
    events = client.get("/timeline", params={"lab": "Example Lab"}).json()
    dates = [e["date"] for e in events]
    assert dates == sorted(dates, reverse=True)
    assert all(e["evidence"] for e in events)
    kinds = {(e["edge"], o["id"]) for e in events for o in e["objects"]}
    assert ("SUPERSEDED_BY", "delay-rule") in kinds  # a replacement of the lab's commitment
    assert ("DROPPED", "halt-pledge") in kinds
    window = client.get("/timeline", params={"from": "2026-03-01", "to": "2026-03-05"}).json()
    assert {e["date"] for e in window} <= {"2026-03-02", "2026-03-05"}
    assert client.get("/timeline", params={"lab": "nobody"}).status_code == 404
    assert client.get("/timeline", params={"from": "March"}).status_code == 422


def test_the_atom_feed_is_valid_and_lists_drops_and_weakenings(client: TestClient) -> None:
    response = client.get("/feed.atom")
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    titles = [entry.title for entry in feed.entries]
    assert titles[0].startswith("Example Lab dropped: Halt training")  # 2026-03-05, newest
    assert any(t.startswith("Weakened: Halt training") for t in titles)
    assert all(
        entry.id.startswith("https://w3id.org/pledgegraph/id/event/") for entry in feed.entries
    )
    assert all(entry.link for entry in feed.entries)


# --- the bundled data --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled(bundled_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(bundled_settings)) as client:
        yield client


def dropped(client: TestClient, lab: str) -> dict[str, Any]:
    body = client.get(f"/labs/{lab}/dropped").json()
    return {d["commitment"]["id"]: d for d in body["dropped"]}


def test_what_openai_and_google_dropped(bundled: TestClient) -> None:
    openai = dropped(bundled, "openai")
    assert openai["openai-no-military-use"]["date"] == "2024-01-10"
    assert openai["openai-no-military-use"]["disclosure"] == "unannounced"
    assert "openai-superalignment-compute" in openai
    google = dropped(bundled, "google")
    assert google["google-no-weapons-surveillance-ai"]["date"] == "2025-02-04"


def test_anthropic_as_of(bundled: TestClient) -> None:
    def ids(as_of: str) -> set[str]:
        body = bundled.get("/labs/anthropic/commitments", params={"as_of": as_of}).json()
        return {c["commitment"]["id"] for c in body["commitments"]}

    assert "anthropic-pause-or-delay-pledge" in ids("2025-06-01")
    assert "anthropic-pause-or-delay-pledge" not in ids("2026-03-01")
    assert "anthropic-limited-delay-commitment" in ids("2026-03-01")


def test_xai_met_its_framework_deadline_late(bundled: TestClient) -> None:
    def deadline(as_of: str | None) -> dict[str, Any]:
        params = {"as_of": as_of} if as_of else {}
        body = bundled.get("/labs/xai/commitments", params=params).json()
        [row] = [
            c for c in body["commitments"] if c["commitment"]["id"] == "xai-final-risk-framework"
        ]
        return dict(row["deadline"])

    assert deadline("2025-04-01")["status"] == "pending"
    assert deadline("2025-06-01")["status"] == "overdue"
    late = deadline(None)
    assert (
        late["status"] == "met late" and late["met_on"] == "2025-08-20" and late["days_late"] == 102
    )


def test_multi_company_commitments_link_their_signatories(bundled: TestClient) -> None:
    body = bundled.get("/commitments/white-house-2023-commitments").json()
    assert {m["id"] for m in body["made_by"]} == {
        "amazon",
        "anthropic",
        "google",
        "inflection-ai",
        "meta",
        "microsoft",
        "openai",
    }
    seoul = bundled.get("/labs/mistral-ai/commitments").json()["commitments"]
    assert seoul[0]["deadline"]["status"] == "overdue"


def test_every_fact_has_a_quote_and_a_located_source(bundled_settings: Settings) -> None:
    dataset = read_dataset(bundled_settings)
    sources = {e.id: e.properties for e in dataset.entities if e.kind == "Source"}
    assert len(sources) >= 24
    for st in dataset.statements:
        assert st.evidence["quote"].strip(), st.origin
        source = sources[st.evidence["source"]]
        # A source without an address says why (the research names no outlet or address).
        assert source.get("url") or source.get("description"), st.evidence["source"]
        if st.evidence["verified"]:
            # Verified only with a recorded check: span and sha256 of the text.
            assert st.evidence["quote_start"] < st.evidence["quote_end"], st.origin
            assert len(st.evidence["text_sha256"]) == 64
        else:
            assert st.evidence["unverified_reason"]
    unlocated = sorted(s for s, p in sources.items() if not p.get("url"))
    assert unlocated == [
        "secondary-meta-advanced-ai-scaling-framework",
        "secondary-xai-risk-framework-deadline",
        "thedeepdive-hegseth-ultimatum",
    ]


def test_stats_reports_coverage(
    bundled_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stats", "--store-path", str(bundled_settings.store_path)]) == 0
    out = capsys.readouterr().out
    assert "per lab" in out and "per edge type" in out
    assert "facts without a verified quote:" in out and "dates with low precision:" in out
    assert main(["stats", "--json", "--store-path", str(bundled_settings.store_path)]) == 0
    report = json.loads(capsys.readouterr().out)
    # Three from the first sheet, one from row 74, one from the third sheet (row 116).
    assert report["labs"]["openai"]["dropped"] == 5
    made = report["edges"]["MADE"]
    assert made["verified"] + made["unverified"] == made["statements"] > 0
    assert len(report["unverified"]) == sum(e["unverified"] for e in report["edges"].values())


def test_the_research_sheet_is_covered(shared_sources: Path) -> None:
    """Every row of the research notes (1-24) is cited by a source of the bundled data."""
    notes = shared_sources.parent / "research" / "lab-commitment-events.md"
    rows = [
        line
        for line in notes.read_text(encoding="utf-8").splitlines()
        if line.startswith("| ") and line[2:3].isdigit()
    ]
    assert len(rows) == 24
    data = Path(__file__).resolve().parents[1] / "ingest" / "data" / "sources"
    cited = " ".join(p.read_text(encoding="utf-8") for p in data.glob("*/source.yaml"))
    cited += " ".join(p.read_text(encoding="utf-8") for p in data.glob("*/claims.yaml"))
    for number in range(1, 25):
        assert re.search(rf"\b(rows?|and) {number}\b", cited), f"row {number} is not cited"


def test_the_second_research_sheet_is_covered(shared_sources: Path) -> None:
    """Every row of the second sheet (25-84) is a source of the bundled data."""
    notes = shared_sources.parent / "research" / "lab-commitment-events-2.md"
    rows = [
        int(line[2:4])
        for line in notes.read_text(encoding="utf-8").splitlines()
        if line.startswith("| ") and line[2:4].isdigit()
    ]
    assert rows == list(range(25, 85))
    data = Path(__file__).resolve().parents[1] / "ingest" / "data" / "sources"
    cited = {
        int(found.group(1))
        for p in data.glob("*/source.yaml")
        for found in re.finditer(r"second sheet, row (\d+)", p.read_text(encoding="utf-8"))
    }
    assert cited == set(rows)


def test_the_third_research_sheet_is_covered(shared_sources: Path) -> None:
    """Every row of the third sheet (85-148) is a source of the bundled data, and each of its
    notes on earlier rows is applied to the data those rows produced."""
    notes = shared_sources.parent / "research" / "lab-commitment-events-3.md"
    text = notes.read_text(encoding="utf-8")
    rows = [int(found.group(1)) for found in re.finditer(r"^\| (\d+) \|", text, re.M)]
    assert rows == list(range(85, 149))
    data = Path(__file__).resolve().parents[1] / "ingest" / "data" / "sources"
    cited = {
        int(found.group(1))
        for p in data.glob("*/source.yaml")
        for found in re.finditer(r"third sheet, row (\d+)", p.read_text(encoding="utf-8"))
    }
    assert cited == set(rows)
    earlier = {
        int(found.group(1))
        for found in re.finditer(r"^- Row (\d+)", text.split("## Notes on earlier rows")[1], re.M)
    }
    applied = {
        int(number)
        for p in data.glob("*/*.yaml")
        for found in re.finditer(
            r"third sheet, notes on rows? ([\d, and]+)", p.read_text(encoding="utf-8")
        )
        for number in re.findall(r"\d+", found.group(1))
    }
    assert earlier and earlier <= applied, f"notes not applied: {sorted(earlier - applied)}"
